#pragma once
// The working calendar: which days count as working days (工作日). Chinese regulations
// count deadlines in working days, and the State Council moves weekends around public
// holidays (调休), so "Monday to Friday" is not enough. Pure: built from data, no I/O;
// rules/calendars/*.yaml is read by parse_calendar_yaml() in calendar/calendar_yaml.h.

#include <string>
#include <vector>

#include "util/date.h"

namespace revisit {

// One holiday period as published, e.g. 国庆节 2026.
struct HolidayPeriod {
    std::string name;
    std::vector<Date> off_days;  // days off; never empty; may include weekend days
    std::vector<Date> workdays;  // Saturdays/Sundays worked instead (调休); may be empty
};

// The earliest off day of `period`. Precondition: `period.off_days` is not empty.
Date first_day(const HolidayPeriod& period);

// How many days before the last covered year ends planning commands start warning that the
// next year is missing (calendar key `warn_days`, docs/calendar.md).
inline constexpr int kDefaultWarnDays = 45;

// A working day is Monday to Friday unless it is an off day of a holiday, or a Saturday or
// Sunday listed as a make-up working day. Every query is O(1) except add_working_days
// (O(log n)) and holidays_between (O(log periods + result)).
class WorkingCalendar {
  public:
    // No holiday data: Monday to Friday are working days and no year is covered.
    WorkingCalendar() = default;

    // `years`: the years whose holidays `periods` lists completely (order and repeats do not
    // matter). Throws Error when a period has no off days, a date is listed twice (as off
    // day or make-up day, in one period or two), or a make-up working day is Monday–Friday.
    // `warn_days` (>= 0): see warn_days().
    WorkingCalendar(std::vector<HolidayPeriod> periods, std::vector<int> years,
                    int warn_days = kDefaultWarnDays);

    bool is_working_day(Date day) const;

    // The |n|-th working day strictly after `start` (n > 0) or strictly before it (n < 0);
    // `start` itself when n == 0. `start` need not be a working day.
    // Example with the 2026 data: add_working_days(2026-09-30, 3) == 2026-10-10 (a 调休 Saturday).
    Date add_working_days(Date start, int n) const;

    // Number of working days d with from < d <= to; 0 when to <= from.
    int working_days_between(Date from, Date to) const;

    // True when `day`'s year is one of years(): only then are its holidays known, and
    // callers should warn about dates outside.
    bool covers(Date day) const;
    const std::vector<int>& years() const { return years_; }  // ascending, no repeats
    // In the last warn_days() days of a covered year whose next year is not covered,
    // planning commands warn (calendar/coverage.h); 0: never.
    int warn_days() const { return warn_days_; }

    // The period `day` is an off day of; nullptr when it is not one. The pointer stays valid
    // as long as this calendar does.
    const HolidayPeriod* holiday_on(Date day) const;

    // Periods whose first off day lies in [from, to], earliest first.
    std::vector<const HolidayPeriod*> holidays_between(Date from, Date to) const;

  private:
    long rank(Date day) const;

    std::vector<HolidayPeriod> periods_;  // ordered by first_day; days sorted within each
    std::vector<int> years_;
    int warn_days_ = kDefaultWarnDays;
    // Lookup tables over [begin_, begin_ + size) spanning every listed date; outside it the
    // Monday-to-Friday rule holds and nothing needs storing.
    long begin_ = 0;
    std::vector<unsigned char> working_;  // 1 = working day
    std::vector<int> period_of_;          // index into periods_ for off days, else -1
    std::vector<int> adjust_;             // running sum of (working - Mon..Fri rule)
};

}  // namespace revisit
