#pragma once
// Reading a calendar file (rules/calendars/*.yaml, format in docs/calendar.md) into a
// WorkingCalendar. Pure: the caller reads the file and passes its text.

#include <string>

#include "calendar/calendar_file.h"
#include "calendar/working_calendar.h"

namespace revisit {

// Parses the text of a calendar file; `file_name` only labels error messages.
// Throws Error located at the offending node ("cn.yaml:14:3: ...", line and column from 1)
// for: invalid YAML, a missing or unknown key, a value of the wrong kind, a bad date, a year
// listed twice, a date listed twice, an off day or workday outside `years`, and a workday
// that is not a Saturday or Sunday, a bad `warn_days`, and `sources` for a year not in `years`.
WorkingCalendar parse_calendar_yaml(const std::string& text, const std::string& file_name);

// The same checks, keeping what the file says as written (for `calendar import` and `show`).
CalendarFile read_calendar_file(const std::string& text, const std::string& file_name);

}  // namespace revisit
