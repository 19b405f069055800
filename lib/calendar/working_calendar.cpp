#include "calendar/working_calendar.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <utility>

#include "util/error.h"

namespace revisit {
namespace {

long floor_div(long a, long b) { return a / b - (a % b != 0 && (a % b < 0) != (b < 0)); }

// Mondays to Fridays among day numbers up to `days`, counted from a fixed origin: only
// differences mean anything. 1970-01-01 (day 0) was a Thursday, so (day + 3) mod 7 is 0 on Mondays.
long weekdays_rank(long days) {
    const long t = days + 3 + 1;
    return 5 * floor_div(t, 7) + std::min(t - 7 * floor_div(t, 7), 5L);
}

}  // namespace

Date first_day(const HolidayPeriod& period) {
    return *std::min_element(period.off_days.begin(), period.off_days.end());
}

WorkingCalendar::WorkingCalendar(std::vector<HolidayPeriod> periods, std::vector<int> years,
                                 int warn_days)
    : periods_(std::move(periods)), years_(std::move(years)), warn_days_(warn_days) {
    std::sort(years_.begin(), years_.end());
    years_.erase(std::unique(years_.begin(), years_.end()), years_.end());

    bool any = false;
    long first = 0, last = 0;
    for (auto& p : periods_) {
        if (p.off_days.empty()) throw Error(fmt::format("holiday \"{}\" has no off days", p.name));
        std::sort(p.off_days.begin(), p.off_days.end());
        std::sort(p.workdays.begin(), p.workdays.end());
        for (const auto* days : {&p.off_days, &p.workdays}) {
            for (Date d : *days) {
                first = any ? std::min(first, d.days()) : d.days();
                last = any ? std::max(last, d.days()) : d.days();
                any = true;
            }
        }
    }
    std::stable_sort(periods_.begin(), periods_.end(),
                     [](const auto& a, const auto& b) { return first_day(a) < first_day(b); });
    if (!any) return;

    begin_ = first;
    const size_t size = static_cast<size_t>(last - first + 1);
    working_.resize(size);
    period_of_.assign(size, -1);
    std::vector<bool> listed(size, false);
    for (size_t i = 0; i < size; ++i)
        working_[i] = !Date::from_days(begin_ + static_cast<long>(i)).is_weekend();

    auto mark = [&](Date d, bool working, int period) {
        const auto i = static_cast<size_t>(d.days() - begin_);
        if (listed[i]) throw Error(fmt::format("{} is listed twice in the calendar", d.str()));
        listed[i] = true;
        working_[i] = working;
        period_of_[i] = period;
    };
    for (size_t p = 0; p < periods_.size(); ++p) {
        for (Date d : periods_[p].off_days) mark(d, false, static_cast<int>(p));
        for (Date d : periods_[p].workdays) {
            if (!d.is_weekend())
                throw Error(fmt::format("make-up working day {} of \"{}\" is not a weekend day",
                                        d.str(), periods_[p].name));
            mark(d, true, -1);
        }
    }

    // Prefix sums let rank() answer in O(1) instead of walking the days.
    adjust_.resize(size);
    int sum = 0;
    for (size_t i = 0; i < size; ++i) {
        const bool weekday = !Date::from_days(begin_ + static_cast<long>(i)).is_weekend();
        sum += static_cast<int>(working_[i]) - static_cast<int>(weekday);
        adjust_[i] = sum;
    }
}

bool WorkingCalendar::is_working_day(Date day) const {
    const long i = day.days() - begin_;
    if (i >= 0 && i < static_cast<long>(working_.size())) return working_[static_cast<size_t>(i)];
    return !day.is_weekend();
}

// Working days up to and including `day`, from a fixed origin; rank(b) - rank(a) counts
// the working days in (a, b]. Non-decreasing, and steps by one exactly on working days.
long WorkingCalendar::rank(Date day) const {
    long r = weekdays_rank(day.days());
    if (adjust_.empty()) return r;
    const long i = day.days() - begin_;
    if (i < 0) return r;
    return r + adjust_[std::min(static_cast<size_t>(i), adjust_.size() - 1)];
}

Date WorkingCalendar::add_working_days(Date start, int n) const {
    if (n == 0) return start;
    // Outside the tables every 7 days hold 5 working days; the tables (holidays) may hold
    // none. Two partial weeks of slack cover days before and after the tables.
    const long span = static_cast<long>(working_.size()) + 7 * (std::labs(n) / 5 + 2);
    if (n > 0) {
        // Smallest day after start with rank >= target: rank(lo) < target <= rank(hi).
        const long target = rank(start) + n;
        long lo = start.days(), hi = start.days() + span;
        while (hi - lo > 1) {
            const long mid = lo + (hi - lo) / 2;
            if (rank(Date::from_days(mid)) >= target)
                hi = mid;
            else
                lo = mid;
        }
        return Date::from_days(hi);
    }
    // The answer d satisfies rank(d - 1) == target: find the last day with rank <= target.
    const long target = rank(start.add_days(-1)) + n;
    long lo = start.days() - 1 - span, hi = start.days() - 1;  // rank(lo) <= target < rank(hi)
    while (hi - lo > 1) {
        const long mid = lo + (hi - lo) / 2;
        if (rank(Date::from_days(mid)) <= target)
            lo = mid;
        else
            hi = mid;
    }
    return Date::from_days(lo + 1);
}

int WorkingCalendar::working_days_between(Date from, Date to) const {
    if (to <= from) return 0;
    return static_cast<int>(rank(to) - rank(from));
}

bool WorkingCalendar::covers(Date day) const {
    return std::binary_search(years_.begin(), years_.end(), day.year());
}

const HolidayPeriod* WorkingCalendar::holiday_on(Date day) const {
    const long i = day.days() - begin_;
    if (i < 0 || i >= static_cast<long>(period_of_.size())) return nullptr;
    const int p = period_of_[static_cast<size_t>(i)];
    return p < 0 ? nullptr : &periods_[static_cast<size_t>(p)];
}

std::vector<const HolidayPeriod*> WorkingCalendar::holidays_between(Date from, Date to) const {
    std::vector<const HolidayPeriod*> out;
    auto it = std::partition_point(periods_.begin(), periods_.end(),
                                   [&](const HolidayPeriod& p) { return first_day(p) < from; });
    for (; it != periods_.end() && first_day(*it) <= to; ++it) out.push_back(&*it);
    return out;
}

}  // namespace revisit
