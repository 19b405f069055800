#pragma once
// Reading one year of official holiday data in the format of the holiday-cn data set
// (https://github.com/NateScarlet/holiday-cn): {"year", "papers": [notice URL...],
// "days": [{"name", "date": "YYYY-MM-DD", "isOffDay": true|false}...]}, where isOffDay
// false marks a make-up working day (调休). Pure: the caller reads the file.

#include <string>

#include "calendar/calendar_file.h"

namespace revisit {

// The year `text` describes, its days grouped by holiday name in the order the file first
// names each. `file_name` only labels errors. Throws Error listing every problem at
// file:line:column (at most 20, then how many more) for: invalid JSON; a missing, unknown
// ("$"-keys aside) or mistyped key; an empty name; a bad date; a date outside `year`, or
// listed twice; a make-up working day that is not a Saturday or Sunday; a holiday with
// make-up days but no day off; and an empty `days` (the year is not published yet).
HolidayYear parse_holiday_cn(const std::string& text, const std::string& file_name);

}  // namespace revisit
