#pragma once
// Which years a calendar covers, and the warnings when it runs out: from warn_days() days
// before the last covered year ends, planning commands say that next year's official
// calendar is missing and how to add it, instead of counting its days Monday to Friday
// without a word. Pure: callers print.

#include <optional>
#include <string>
#include <vector>

#include "calendar/calendar_file.h"
#include "calendar/working_calendar.h"
#include "util/date.h"

namespace revisit {

// The command that adds `year` to a calendar: "revisit calendar import 2027.json".
std::string import_command(int year);

// The warning (without "revisit: warning: ") for a command that plans from `today` with the
// calendar the rules file names `name` (calendars/NAME.yaml); nullopt when it names none or
// the calendar lists no year. When `today`'s year is covered and the next is not, and
// `today` is within the year's last warn_days() days:
//   calendars/cn.yaml has no holidays for 2027, which begins in 31 days: ... import 2027.json
// When `today`'s year is not covered:
//   calendars/cn.yaml has no holidays for 2027: working days count Monday-Friday only; ...
std::optional<std::string> calendar_ahead_warning(const WorkingCalendar& calendar, Date today,
                                                  const std::string& name);

// For a command that counts over [from, to] (a report): the first year of the period the
// calendar does not cover, as the second warning above; nullopt when all are covered (or the
// calendar lists no year, or `name` is empty).
std::optional<std::string> calendar_period_warning(const WorkingCalendar& calendar, Date from,
                                                   Date to, const std::string& name);

// One covered year, for `revisit calendar check`.
struct YearCoverage {
    int year = 0;
    int holidays = 0;      // holiday periods beginning in the year
    int off_days = 0;      // days listed off
    int workdays = 0;      // make-up working days listed
    int working_days = 0;  // working days in the whole year
    std::vector<std::string> sources;
};

struct Coverage {
    std::vector<YearCoverage> years;  // ascending
    std::vector<int> gaps;            // years between the first and last covered, not covered
    // Why a planning command on `today` would warn (calendar_ahead_warning), if it would.
    std::optional<std::string> problem;
    Date warn_from;  // the first day of that warning for the next year (when any year is covered)
};

// What `file` covers, judged on `today`; `name` as for calendar_ahead_warning.
Coverage calendar_coverage(const CalendarFile& file, Date today, const std::string& name);

}  // namespace revisit
