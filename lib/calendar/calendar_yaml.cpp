#include "calendar/calendar_yaml.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "util/error.h"
#include "util/text.h"

namespace revisit {
namespace {

const std::vector<std::string> kCalendarKeys{"name", "years", "warn_days", "sources", "holidays"};
const std::vector<std::string> kHolidayKeys{"name", "off", "workdays"};

const char* weekday_name(Date day) {
    static const char* const kNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};
    return kNames[day.weekday() - 1];
}

// What a node is, for "got ..." in messages.
std::string describe(const YAML::Node& node) {
    if (node.IsMap()) return "a mapping";
    if (node.IsSequence()) return "a list";
    if (node.IsNull()) return "nothing";
    return fmt::format("\"{}\"", node.Scalar());
}

// Walks the document and throws Error at the offending node. One instance per file.
class CalendarReader {
  public:
    CalendarReader(const std::string& file_name, const std::string& text)
        : file_(file_name), text_(text) {}

    CalendarFile read(const YAML::Node& root) {
        if (!root.IsMap())
            fail(root, fmt::format("expected a mapping with keys {}, got {}",
                                   quoted_list(kCalendarKeys), describe(root)));
        check_keys(root, kCalendarKeys);
        CalendarFile file;
        file.name = text(require(root, "name"), "a calendar name");
        read_years(require(root, "years"));
        file.years = years_;
        if (const YAML::Node warn = root["warn_days"]) file.warn_days = read_warn_days(warn);
        if (const YAML::Node sources = root["sources"]) file.sources = read_sources(sources);

        const YAML::Node holidays = require(root, "holidays");
        if (!holidays.IsSequence())
            fail(holidays, "expected a list of holidays, got " + describe(holidays));
        for (const auto& entry : holidays) file.holidays.push_back(read_holiday(entry));
        return file;
    }

    [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const {
        // yaml-cpp counts from 0, columns in bytes, and uses -1 for "unknown", which becomes
        // 0 = unknown here; `pos` (from after a byte order mark) finds the line's text.
        std::string_view text(text_);
        if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
        if (mark.line < 0 || mark.column < 0 || mark.pos < 0 ||
            static_cast<size_t>(mark.pos) > text.size())
            throw Error(Location{file_, mark.line + 1, mark.column + 1}, message);
        throw Error(locate(file_, mark.line + 1, text, static_cast<size_t>(mark.pos)), message);
    }
    [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
        fail(node.Mark(), message);
    }

  private:
    void check_keys(const YAML::Node& map, const std::vector<std::string>& allowed) const {
        std::vector<std::string> seen;
        for (const auto& item : map) {
            const YAML::Node& key = item.first;
            if (!key.IsScalar()) fail(key, "expected a key name, got " + describe(key));
            const std::string& name = key.Scalar();
            if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
                const std::string hint = did_you_mean(name, allowed);
                fail(key, fmt::format("unknown key \"{}\"{}", name,
                                      hint.empty() ? "; allowed: " + quoted_list(allowed) : hint));
            }
            if (std::find(seen.begin(), seen.end(), name) != seen.end())
                fail(key, fmt::format("duplicate key \"{}\"", name));
            seen.push_back(name);
        }
    }

    YAML::Node require(const YAML::Node& map, const char* key) const {
        YAML::Node value = map[key];
        if (!value) fail(map, fmt::format("missing key \"{}\"", key));
        return value;
    }

    std::string text(const YAML::Node& node, const char* what) const {
        if (!node.IsScalar() || node.Scalar().empty())
            fail(node, fmt::format("expected {}, got {}", what, describe(node)));
        if (!is_valid_utf8(node.Scalar())) fail(node, "expected UTF-8 text");
        return node.Scalar();
    }

    void read_years(const YAML::Node& node) {
        if (!node.IsSequence()) fail(node, "expected a list of years, got " + describe(node));
        for (const auto& item : node) {
            const std::string s = item.IsScalar() ? item.Scalar() : std::string();
            int year = 0;
            const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), year);
            if (ec != std::errc() || end != s.data() + s.size() || year < 1900 || year > 9999)
                fail(item, "expected a year such as 2026, got " + describe(item));
            if (std::find(years_.begin(), years_.end(), year) != years_.end())
                fail(item, fmt::format("year {} is listed twice", year));
            years_.push_back(year);
        }
    }

    int read_warn_days(const YAML::Node& node) const {
        const std::string s = node.IsScalar() ? node.Scalar() : std::string();
        int days = -1;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), days);
        if (ec != std::errc() || end != s.data() + s.size() || days < 0 || days > 366)
            fail(node, "expected a number of days from 0 to 366, got " + describe(node));
        return days;
    }

    // year -> [notice, ...], for covered years only.
    std::map<int, std::vector<std::string>> read_sources(const YAML::Node& node) const {
        if (!node.IsMap())
            fail(node, "expected a mapping of years to lists of notices, got " + describe(node));
        std::map<int, std::vector<std::string>> sources;
        for (const auto& item : node) {
            const std::string s = item.first.IsScalar() ? item.first.Scalar() : std::string();
            int year = 0;
            const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), year);
            if (ec != std::errc() || end != s.data() + s.size())
                fail(item.first, "expected a year such as 2026, got " + describe(item.first));
            if (std::find(years_.begin(), years_.end(), year) == years_.end())
                fail(item.first,
                     fmt::format("sources for {}, which \"years\" does not list", year));
            if (sources.count(year)) fail(item.first, fmt::format("duplicate year {}", year));
            if (!item.second.IsSequence())
                fail(item.second, "expected a list of notices, got " + describe(item.second));
            auto& papers = sources[year];
            for (const auto& paper : item.second) papers.push_back(text(paper, "a notice"));
        }
        return sources;
    }

    HolidayPeriod read_holiday(const YAML::Node& node) {
        if (!node.IsMap())
            fail(node, fmt::format("expected a holiday with keys {}, got {}",
                                   quoted_list(kHolidayKeys), describe(node)));
        check_keys(node, kHolidayKeys);
        HolidayPeriod period;
        period.name = text(require(node, "name"), "a holiday name");

        const YAML::Node off = require(node, "off");
        period.off_days = read_dates(off, "off day");
        if (period.off_days.empty()) fail(off, "expected at least one off day");

        const YAML::Node workdays = node["workdays"];
        if (workdays && !workdays.IsNull()) period.workdays = read_dates(workdays, "workday");
        return period;
    }

    // A list of dates; `what` names one of them in messages.
    std::vector<Date> read_dates(const YAML::Node& node, const std::string& what) {
        if (!node.IsSequence())
            fail(node,
                 fmt::format("expected a list of dates [YYYY-MM-DD, ...], got {}", describe(node)));
        std::vector<Date> dates;
        for (const auto& item : node) {
            const auto date = item.IsScalar() ? Date::parse(item.Scalar()) : std::nullopt;
            if (!date) fail(item, "expected a date YYYY-MM-DD, got " + describe(item));
            check_date(item, *date, what);
            dates.push_back(*date);
        }
        return dates;
    }

    void check_date(const YAML::Node& node, Date date, const std::string& what) {
        if (std::find(years_.begin(), years_.end(), date.year()) == years_.end()) {
            std::vector<std::string> years;
            for (int y : years_) years.push_back(std::to_string(y));
            fail(node, fmt::format("{} {} is outside the covered years ({}); add {} to \"years\"",
                                   what, date.str(), join(years, ", "), date.year()));
        }
        if (what == "workday" && !date.is_weekend())
            fail(node, fmt::format("workday {} is a {}; expected a Saturday or Sunday", date.str(),
                                   weekday_name(date)));
        const auto [it, fresh] = first_line_.emplace(date.days(), node.Mark().line + 1);
        if (!fresh)
            fail(node, fmt::format("{} is already listed at line {}", date.str(), it->second));
    }

    std::string file_;
    const std::string& text_;
    std::vector<int> years_;
    std::map<long, int> first_line_;  // day number -> line it was first listed on
};

}  // namespace

CalendarFile read_calendar_file(const std::string& text, const std::string& file_name) {
    CalendarReader reader(file_name, text);
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        reader.fail(e.mark, "invalid YAML: " + e.msg);
    }
    return reader.read(root);
}

WorkingCalendar parse_calendar_yaml(const std::string& text, const std::string& file_name) {
    return working_calendar(read_calendar_file(text, file_name));
}

}  // namespace revisit
