#pragma once
// A calendar file's content as written (rules/calendars/*.yaml, docs/calendar.md): what
// `revisit calendar import` reads, changes by one year and writes back. Pure: no I/O;
// read_calendar_file() (calendar/calendar_yaml.h) makes one from text.

#include <map>
#include <string>
#include <vector>

#include "calendar/working_calendar.h"

namespace revisit {

struct CalendarFile {
    std::string name;
    std::vector<int> years;  // as listed
    int warn_days = kDefaultWarnDays;
    // Year -> the notices its holidays were transcribed from (holiday-cn's `papers`).
    std::map<int, std::vector<std::string>> sources;
    std::vector<HolidayPeriod> holidays;  // in file order
};

// One year of official data (calendar/holiday_cn.h): its holidays, each with its off days
// and make-up working days, in the order the data first names them.
struct HolidayYear {
    int year = 0;
    std::vector<std::string> papers;
    std::vector<HolidayPeriod> holidays;
};

// The working days `file` describes.
WorkingCalendar working_calendar(const CalendarFile& file);

// The year a holiday belongs to: that of its first off day.
int holiday_year(const HolidayPeriod& period);

// `file` with `year` added, or replacing the holidays and sources it had for that year.
CalendarFile with_year(CalendarFile file, const HolidayYear& year);

// The text of `file` in the calendar format, with a header comment saying where it came from;
// read_calendar_file() of it gives `file` back (holidays grouped by year, ascending, each
// year's in their order). Comments of the file it was read from are not kept.
std::string render_calendar_yaml(const CalendarFile& file);

}  // namespace revisit
