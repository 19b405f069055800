#include "calendar/coverage.h"

#include <fmt/format.h>

#include <algorithm>

namespace revisit {
namespace {

std::string uncovered(const std::string& name, int year) {
    return fmt::format(
        "calendars/{}.yaml has no holidays for {}: holiday rules cannot fire and working days "
        "count Monday-Friday only; add the official calendar: {}",
        name, year, import_command(year));
}

Date last_day(int year) { return Date::from_ymd(year, 12, 31); }

}  // namespace

std::string import_command(int year) {
    return fmt::format("revisit calendar import {}.json", year);
}

std::optional<std::string> calendar_ahead_warning(const WorkingCalendar& calendar, Date today,
                                                  const std::string& name) {
    if (name.empty() || calendar.years().empty()) return std::nullopt;
    if (!calendar.covers(today)) return uncovered(name, today.year());
    const int next = today.year() + 1;
    const long left = last_day(today.year()) - today;  // 0 on 31 December
    if (calendar.covers(Date::from_ymd(next, 1, 1)) || left >= calendar.warn_days())
        return std::nullopt;
    return fmt::format(
        "calendars/{}.yaml has no holidays for {}, which begins in {} day{}: from {}-01-01 holiday "
        "rules cannot fire and working days count Monday-Friday only; add the official calendar "
        "once it is published: {}",
        name, next, left + 1, left == 0 ? "" : "s", next, import_command(next));
}

std::optional<std::string> calendar_period_warning(const WorkingCalendar& calendar, Date from,
                                                   Date to, const std::string& name) {
    if (name.empty() || calendar.years().empty()) return std::nullopt;
    for (int year = from.year(); year <= to.year(); ++year)
        if (!calendar.covers(Date::from_ymd(year, 1, 1))) return uncovered(name, year);
    return std::nullopt;
}

Coverage calendar_coverage(const CalendarFile& file, Date today, const std::string& name) {
    const WorkingCalendar calendar = working_calendar(file);
    Coverage out;
    for (int year : calendar.years()) {
        YearCoverage y;
        y.year = year;
        for (const auto& p : file.holidays) {
            if (holiday_year(p) == year) ++y.holidays;
            for (Date d : p.off_days) y.off_days += d.year() == year;
            for (Date d : p.workdays) y.workdays += d.year() == year;
        }
        const Date first = Date::from_ymd(year, 1, 1);
        y.working_days = calendar.working_days_between(first.add_days(-1), last_day(year));
        if (const auto it = file.sources.find(year); it != file.sources.end())
            y.sources = it->second;
        out.years.push_back(y);
    }
    const auto& years = calendar.years();
    if (!years.empty()) {
        for (int year = years.front(); year < years.back(); ++year)
            if (!std::binary_search(years.begin(), years.end(), year)) out.gaps.push_back(year);
        out.warn_from = last_day(years.back()).add_days(1 - calendar.warn_days());
    }
    out.problem = calendar_ahead_warning(calendar, today, name);
    return out;
}

}  // namespace revisit
