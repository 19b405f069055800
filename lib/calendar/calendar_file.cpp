#include "calendar/calendar_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "util/text.h"

namespace revisit {
namespace {

const char* const kHeader =
    R"(# Working calendar {}: public holidays and make-up working days (调休), one block a year.
#
# Written by `revisit calendar import YEAR.json`, which reads the State Council's yearly
# notice as the holiday-cn data set transcribes it (https://github.com/NateScarlet/holiday-cn,
# MIT licence); `sources` names each year's notice. Importing rewrites this file: hand edits
# to the data stay, comments do not.
#
# Format (full description in docs/calendar.md):
#   name       calendar name
#   years      years whose holidays are all listed; planning commands warn about dates outside
#   warn_days  from this many days before the last covered year ends, planning commands warn
#              that the next year is missing (0: never)
#   sources    year -> the notices its holidays were taken from
#   holidays   one entry per holiday period:
#     name       the holiday's name as published
#     off        days off (may include weekend days), unquoted YYYY-MM-DD
#     workdays   Saturdays/Sundays worked to make up for it (调休); optional
# Weekdays not listed under `off` are working days; weekend days not listed under
# `workdays` are days off.
)";

// Text YAML reads back as itself without quotes: no indicator first, no ": " or " #",
// no blanks at the ends, nothing but printable characters.
bool plain_safe(std::string_view text) {
    if (text.empty() || text.front() == ' ' || text.back() == ' ' || text.back() == ':')
        return false;
    if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(text.front()) != std::string_view::npos)
        return false;
    if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos)
        return false;
    return std::none_of(text.begin(), text.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

std::string yaml_text(std::string_view text) {
    if (plain_safe(text)) return std::string(text);
    std::string out = "\"";
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\')
            out += fmt::format("\\{}", c);
        else if (u < 0x20 || u == 0x7F)
            out += fmt::format("\\x{:02X}", u);
        else
            out += c;
    }
    return out + "\"";
}

std::string date_list(std::vector<Date> days) {
    std::sort(days.begin(), days.end());
    std::vector<std::string> texts;
    for (Date d : days) texts.push_back(d.str());
    return "[" + join(texts, ", ") + "]";
}

}  // namespace

WorkingCalendar working_calendar(const CalendarFile& file) {
    return WorkingCalendar(file.holidays, file.years, file.warn_days);
}

int holiday_year(const HolidayPeriod& period) { return first_day(period).year(); }

CalendarFile with_year(CalendarFile file, const HolidayYear& year) {
    auto& holidays = file.holidays;
    holidays.erase(
        std::remove_if(holidays.begin(), holidays.end(),
                       [&](const HolidayPeriod& p) { return holiday_year(p) == year.year; }),
        holidays.end());
    holidays.insert(holidays.end(), year.holidays.begin(), year.holidays.end());
    if (std::find(file.years.begin(), file.years.end(), year.year) == file.years.end())
        file.years.push_back(year.year);
    std::sort(file.years.begin(), file.years.end());
    if (year.papers.empty())
        file.sources.erase(year.year);
    else
        file.sources[year.year] = year.papers;
    return file;
}

std::string render_calendar_yaml(const CalendarFile& file) {
    std::vector<std::string> years;
    std::vector<int> sorted = file.years;
    std::sort(sorted.begin(), sorted.end());
    for (int y : sorted) years.push_back(std::to_string(y));
    std::string out = fmt::format(fmt::runtime(kHeader), yaml_text(file.name));
    out += fmt::format("name: {}\nyears: [{}]\nwarn_days: {}\n", yaml_text(file.name),
                       join(years, ", "), file.warn_days);
    if (!file.sources.empty()) {
        out += "sources:\n";
        for (const auto& [year, papers] : file.sources) {
            out += fmt::format("  {}:\n", year);
            for (const auto& paper : papers) out += fmt::format("    - {}\n", yaml_text(paper));
        }
    }
    std::vector<const HolidayPeriod*> holidays;
    for (const auto& p : file.holidays) holidays.push_back(&p);
    std::stable_sort(holidays.begin(), holidays.end(), [](const auto* a, const auto* b) {
        return holiday_year(*a) < holiday_year(*b);
    });
    out += holidays.empty() ? "holidays: []\n" : "holidays:\n";
    int year = 0;
    for (const HolidayPeriod* p : holidays) {
        if (holiday_year(*p) != year) out += fmt::format("  # {}\n", year = holiday_year(*p));
        out +=
            fmt::format("  - name: {}\n    off: {}\n", yaml_text(p->name), date_list(p->off_days));
        if (!p->workdays.empty()) out += fmt::format("    workdays: {}\n", date_list(p->workdays));
    }
    return out;
}

}  // namespace revisit
