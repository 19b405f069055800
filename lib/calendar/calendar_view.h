#pragma once
// A year of a calendar as `revisit calendar show` prints it: month grids with the days off
// for holidays and the make-up working days marked, the holidays as table rows, and one CSV
// row a day. Pure: returns lines and rows.

#include <string>
#include <vector>

#include "calendar/calendar_file.h"
#include "calendar/working_calendar.h"

namespace revisit {

// The twelve months of `year`, three side by side, weeks from Monday; a day off for a
// holiday is marked '*' and a make-up working day '+':
//   January                       February                      March
//   Mo  Tu  We  Th  Fr  Sa  Su    Mo  Tu  We ...
//                1*  2*  3*  4+
// Lines carry no trailing blanks.
std::vector<std::string> month_grids(const WorkingCalendar& calendar, int year);

// One row per holiday of `year` (by its first day off), earliest first: name, days off
// ("10-01 Thu to 10-07 Wed"), their count, make-up working days ("09-20 Sun, 10-10 Sat", or
// "-" when none).
std::vector<std::vector<std::string>> holiday_rows(const CalendarFile& file, int year);

// One row per day of `year`: date, weekday (Mon..Sun), working (1 or 0), what the day is
// ("holiday", "make-up", "weekend" or "" for an ordinary weekday), the holiday's name.
std::vector<std::string> day_columns();
std::vector<std::vector<std::string>> day_rows(const CalendarFile& file, int year);

}  // namespace revisit
