#include "calendar/calendar_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "util/text.h"

namespace revisit {
namespace {

constexpr int kCell = 4;                // "dd* ": the day, its mark, a blank
constexpr int kMonthWidth = 7 * kCell;  // one week
const char* const kMonths[] = {"January",   "February", "March",    "April",
                               "May",       "June",     "July",     "August",
                               "September", "October",  "November", "December"};
const char* const kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::string weekday(Date d) { return kWeekdays[d.weekday() - 1]; }

char mark(const WorkingCalendar& calendar, Date day) {
    if (calendar.holiday_on(day)) return '*';
    if (day.is_weekend() && calendar.is_working_day(day)) return '+';
    return ' ';
}

// The lines of one month: title, weekdays, up to six weeks; each kMonthWidth wide.
std::vector<std::string> month(const WorkingCalendar& calendar, int year, int m) {
    std::vector<std::string> lines{pad_right(kMonths[m - 1], kMonthWidth),
                                   "Mo  Tu  We  Th  Fr  Sa  Su  "};
    const Date first = Date::from_ymd(year, m, 1);
    std::string week(static_cast<size_t>(kCell * (first.weekday() - 1)), ' ');
    for (Date d = first; d.month() == m; d = d.add_days(1)) {
        week += fmt::format("{:>2}{} ", d.day(), mark(calendar, d));
        if (d.weekday() == 7) lines.push_back(std::exchange(week, {}));
    }
    if (!week.empty()) lines.push_back(pad_right(week, kMonthWidth));
    while (lines.size() < 8) lines.push_back(std::string(kMonthWidth, ' '));
    return lines;
}

std::string rstrip(std::string line) {
    line.erase(line.find_last_not_of(' ') + 1);
    return line;
}

std::string day_text(Date d) {
    return fmt::format("{:02}-{:02} {}", d.month(), d.day(), weekday(d));
}

// "09-20 Sun, 10-10 Sat".
std::string day_list(std::vector<Date> days) {
    std::sort(days.begin(), days.end());
    std::vector<std::string> texts;
    for (Date d : days) texts.push_back(day_text(d));
    return join(texts, ", ");
}

// "10-01 Thu to 10-07 Wed" for consecutive days; runs joined with ", ".
std::string ranges(std::vector<Date> days) {
    std::sort(days.begin(), days.end());
    std::vector<std::string> runs;
    for (size_t i = 0; i < days.size();) {
        size_t j = i;
        while (j + 1 < days.size() && days[j + 1] - days[j] == 1) ++j;
        runs.push_back(j == i ? day_text(days[i])
                              : fmt::format("{} to {}", day_text(days[i]), day_text(days[j])));
        i = j + 1;
    }
    return join(runs, ", ");
}

}  // namespace

std::vector<std::string> month_grids(const WorkingCalendar& calendar, int year) {
    std::vector<std::string> out;
    for (int row = 0; row < 4; ++row) {
        if (row > 0) out.emplace_back();
        std::vector<std::vector<std::string>> months;
        for (int m = 1; m <= 3; ++m) months.push_back(month(calendar, year, row * 3 + m));
        for (size_t line = 0; line < months[0].size(); ++line) {
            std::string text;
            for (const auto& lines : months) text += (text.empty() ? "" : "  ") + lines[line];
            if (!rstrip(text).empty()) out.push_back(rstrip(text));
        }
    }
    return out;
}

std::vector<std::vector<std::string>> holiday_rows(const CalendarFile& file, int year) {
    std::vector<const HolidayPeriod*> holidays;
    for (const auto& p : file.holidays)
        if (holiday_year(p) == year) holidays.push_back(&p);
    std::stable_sort(holidays.begin(), holidays.end(),
                     [](const auto* a, const auto* b) { return first_day(*a) < first_day(*b); });
    std::vector<std::vector<std::string>> rows;
    for (const HolidayPeriod* p : holidays)
        rows.push_back({p->name, ranges(p->off_days), std::to_string(p->off_days.size()),
                        p->workdays.empty() ? "-" : day_list(p->workdays)});
    return rows;
}

std::vector<std::string> day_columns() { return {"date", "weekday", "working", "kind", "holiday"}; }

std::vector<std::vector<std::string>> day_rows(const CalendarFile& file, int year) {
    const WorkingCalendar calendar = working_calendar(file);
    std::vector<std::vector<std::string>> rows;
    for (Date d = Date::from_ymd(year, 1, 1); d.year() == year; d = d.add_days(1)) {
        const bool working = calendar.is_working_day(d);
        std::string kind = d.is_weekend() ? (working ? "make-up" : "weekend") : "";
        std::string name;
        if (const HolidayPeriod* p = calendar.holiday_on(d)) kind = "holiday", name = p->name;
        for (const auto& p : file.holidays)
            if (std::find(p.workdays.begin(), p.workdays.end(), d) != p.workdays.end())
                name = p.name;
        rows.push_back({d.str(), weekday(d), working ? "1" : "0", kind, name});
    }
    return rows;
}

}  // namespace revisit
