#include "calendar/holiday_cn.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

#include "util/error.h"
#include "util/text.h"

namespace revisit {
namespace {

using Json = nlohmann::json;

const std::vector<std::string> kFileKeys{"year", "papers", "days"};
const std::vector<std::string> kDayKeys{"name", "date", "isOffDay"};
constexpr size_t kMaxProblems = 20;

const char* weekday_name(Date day) {
    static const char* const kNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};
    return kNames[day.weekday() - 1];
}

// Where the values and keys of a valid JSON text begin, by JSON pointer ("/days/3/date"),
// down to `kDepth` levels: nlohmann::json keeps no positions, and messages need them.
class ValueOffsets {
  public:
    explicit ValueOffsets(std::string_view text) : text_(text) { value("", 0); }

    // The offset of `pointer`'s value (or key), else of its nearest enclosing value.
    size_t value_at(std::string pointer) const { return find(values_, std::move(pointer)); }
    size_t key_at(const std::string& pointer) const {
        const auto it = keys_.find(pointer);
        return it != keys_.end() ? it->second : value_at(pointer);
    }

  private:
    static constexpr int kDepth = 3;

    size_t find(const std::map<std::string, size_t>& offsets, std::string pointer) const {
        for (;;) {
            const auto it = offsets.find(pointer);
            if (it != offsets.end()) return it->second;
            if (pointer.empty()) return 0;
            pointer.erase(pointer.rfind('/'));
        }
    }
    bool more() const { return pos_ < text_.size(); }
    void blanks() {
        while (more() && std::string_view(" \t\r\n").find(text_[pos_]) != std::string_view::npos)
            ++pos_;
    }
    std::string string() {  // raw text between the quotes; escapes left as written
        const size_t begin = ++pos_;
        while (more() && text_[pos_] != '"') pos_ += text_[pos_] == '\\' ? 2 : 1;
        const size_t end = std::min(pos_, text_.size());
        ++pos_;
        return std::string(text_.substr(begin, end - begin));
    }
    void skip() {  // one value of any depth, without recursion
        blanks();
        if (!more()) return;
        if (text_[pos_] == '"') return static_cast<void>(string());
        if (text_[pos_] != '{' && text_[pos_] != '[') {  // a number, true, false or null
            while (more() &&
                   std::string_view(",]} \t\r\n").find(text_[pos_]) == std::string_view::npos)
                ++pos_;
            return;
        }
        for (int depth = 0; more();) {
            const char c = text_[pos_];
            if (c == '"') {
                string();
                continue;
            }
            ++pos_;
            if (c == '{' || c == '[') ++depth;
            if ((c == '}' || c == ']') && --depth == 0) return;
        }
    }
    void value(const std::string& path, int depth) {
        blanks();
        values_[path] = pos_;
        if (!more()) return;
        const char open = text_[pos_];
        if ((open != '{' && open != '[') || depth >= kDepth) return skip();
        ++pos_;
        for (int i = 0;; ++i) {
            blanks();
            if (!more() || text_[pos_] == '}' || text_[pos_] == ']') break;
            std::string item = path + "/" + std::to_string(i);
            if (open == '{') {
                const size_t key = pos_;
                item = path + "/" + string();
                keys_[item] = key;
                blanks();
                ++pos_;  // ':'
            }
            value(item, depth + 1);
            blanks();
            if (more() && text_[pos_] == ',') ++pos_;
        }
        ++pos_;
    }

    std::string_view text_;
    size_t pos_ = 0;
    std::map<std::string, size_t> values_, keys_;
};

// The Location of byte `pos` of `text`.
Location locate_offset(const std::string& file, std::string_view text, size_t pos) {
    pos = std::min(pos, text.size());
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n');
    return locate(file, static_cast<int>(line), text, pos);
}

// What a value is, for "got ..." in messages.
std::string describe(const Json& value) {
    if (value.is_object()) return "an object";
    if (value.is_array()) return "a list";
    if (value.is_null()) return "null";
    if (value.is_string()) return fmt::format("\"{}\"", value.get<std::string>());
    return value.dump();
}

// Checks one file, collecting every problem located at its value.
class HolidayCnReader {
  public:
    HolidayCnReader(const std::string& file, std::string_view text)
        : file_(file), text_(text), offsets_(text) {}

    HolidayYear read(const Json& root) {
        HolidayYear out;
        if (!root.is_object()) {
            problem("", fmt::format("expected an object with keys {}, got {}",
                                    quoted_list(kFileKeys), describe(root)));
            return out;
        }
        check_keys(root, "", kFileKeys);
        out.year = read_year(root);
        out.papers = read_papers(root);
        if (!root.contains("days")) {
            problem("", "missing key \"days\"");
            return out;
        }
        const Json& days = root["days"];
        if (!days.is_array()) {
            problem("/days", "expected a list of days, got " + describe(days));
            return out;
        }
        if (days.empty() && out.year)
            problem("/days",
                    fmt::format("no days listed: the {} notice is not published yet; import the "
                                "file once it lists the year's holidays",
                                out.year));
        for (size_t i = 0; i < days.size(); ++i)
            read_day(days[i], "/days/" + std::to_string(i), out);
        return out;
    }

    void problem(const std::string& pointer, const std::string& message, bool at_key = false) {
        const size_t pos = at_key ? offsets_.key_at(pointer) : offsets_.value_at(pointer);
        problem_at(pos, message);
    }
    void problem_at(size_t pos, const std::string& message) {
        ++count_;
        if (problems_.size() < kMaxProblems) problems_.push_back({where(pos), message});
    }
    Location where(size_t pos) const { return locate_offset(file_, text_, pos); }
    void finish() const {
        if (problems_.empty()) return;
        std::vector<Diagnostic> all = problems_;
        std::stable_sort(all.begin(), all.end(), [](const Diagnostic& a, const Diagnostic& b) {
            return std::pair(a.where.line, a.where.column) <
                   std::pair(b.where.line, b.where.column);
        });
        if (count_ > problems_.size())
            all.push_back({Location{file_},
                           fmt::format("... and {} more problems", count_ - problems_.size())});
        throw Error(std::move(all));
    }

  private:
    void check_keys(const Json& object, const std::string& at,
                    const std::vector<std::string>& allowed) {
        for (const auto& [key, value] : object.items()) {
            if (!key.empty() && key[0] == '$') continue;  // "$schema", "$id"
            if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
            const std::string hint = did_you_mean(key, allowed);
            problem(at + "/" + key,
                    fmt::format("unknown key \"{}\"{}", key,
                                hint.empty() ? "; allowed: " + quoted_list(allowed) : hint),
                    true);
        }
    }

    int read_year(const Json& root) {
        if (!root.contains("year")) {
            problem("", "missing key \"year\"");
            return 0;
        }
        const Json& year = root["year"];
        if (year.is_number_integer() && year.get<long long>() >= 1900 &&
            year.get<long long>() <= 9999)
            return year.get<int>();
        problem("/year", "expected a year such as 2026, got " + describe(year));
        return 0;
    }

    std::vector<std::string> read_papers(const Json& root) {
        std::vector<std::string> papers;
        const Json* list = root.contains("papers") ? &root["papers"] : nullptr;
        if (!list || !list->is_array()) {
            problem(list ? "/papers" : "",
                    list ? "expected a list of notices, got " + describe(*list)
                         : "missing key \"papers\"");
            return papers;
        }
        for (size_t i = 0; i < list->size(); ++i)
            if (auto text = read_text((*list)[i], "/papers/" + std::to_string(i), "a notice"))
                papers.push_back(*text);
        return papers;
    }

    // A non-empty string of one line, else a problem.
    std::optional<std::string> read_text(const Json& value, const std::string& at,
                                         const char* what) {
        const std::string text = value.is_string() ? value.get<std::string>() : std::string();
        if (text.empty() || !text_field_problem(what, text, false).empty()) {
            problem(at,
                    fmt::format("expected {} (one line of text), got {}", what, describe(value)));
            return std::nullopt;
        }
        return text;
    }

    void read_day(const Json& day, const std::string& at, HolidayYear& out) {
        if (!day.is_object())
            return problem(at, fmt::format("expected a day with keys {}, got {}",
                                           quoted_list(kDayKeys), describe(day)));
        check_keys(day, at, kDayKeys);
        for (const auto& key : kDayKeys)
            if (!day.contains(key)) problem(at, fmt::format("missing key \"{}\"", key));
        std::optional<std::string> name;
        if (day.contains("name")) name = read_text(day["name"], at + "/name", "a holiday name");
        std::optional<Date> date;
        if (day.contains("date")) {
            const Json& value = day["date"];
            date = value.is_string() ? Date::parse(value.get<std::string>()) : std::nullopt;
            if (!date) problem(at + "/date", "expected a date YYYY-MM-DD, got " + describe(value));
        }
        const bool off_known = day.contains("isOffDay") && day["isOffDay"].is_boolean();
        if (day.contains("isOffDay") && !off_known)
            problem(at + "/isOffDay",
                    "expected true (a day off) or false (a make-up working day), got " +
                        describe(day["isOffDay"]));
        if (!name || !date || !off_known) return;
        add_day(*name, *date, day["isOffDay"].get<bool>(), at + "/date", out);
    }

    void add_day(const std::string& name, Date date, bool off, const std::string& at,
                 HolidayYear& out) {
        if (out.year && date.year() != out.year)
            return problem(
                at, fmt::format("{} is outside {}, the year of the file", date.str(), out.year));
        if (!off && !date.is_weekend())
            return problem(at, fmt::format("make-up working day {} is a {}; expected a Saturday "
                                           "or Sunday",
                                           date.str(), weekday_name(date)));
        const size_t pos = offsets_.value_at(at);
        const auto [first, fresh] = first_at_.emplace(date.days(), pos);
        if (!fresh)
            return problem(at, fmt::format("{} is already listed at line {}", date.str(),
                                           where(first->second).line));
        auto period = std::find_if(out.holidays.begin(), out.holidays.end(),
                                   [&](const HolidayPeriod& p) { return p.name == name; });
        if (period == out.holidays.end()) {
            out.holidays.push_back({name, {}, {}});
            first_of_.push_back(pos);
            period = out.holidays.end() - 1;
        }
        (off ? period->off_days : period->workdays).push_back(date);
    }

  public:
    // A holiday has at least one day off; else the calendar could not hold it.
    void check_holidays(const HolidayYear& year) {
        for (size_t i = 0; i < year.holidays.size(); ++i)
            if (year.holidays[i].off_days.empty())
                problem_at(first_of_[i],
                           fmt::format("holiday \"{}\" has make-up working days but no day off",
                                       year.holidays[i].name));
    }

  private:
    std::string file_;
    std::string_view text_;
    ValueOffsets offsets_;
    std::vector<Diagnostic> problems_;
    size_t count_ = 0;
    std::map<long, size_t> first_at_;  // day number -> offset of its first listing
    std::vector<size_t> first_of_;     // by holiday: offset of its first day
};

// "syntax error while parsing object - unexpected '}'; expected string literal": nlohmann's
// message without its id and position, which the location gives.
std::string syntax_message(const Json::parse_error& e) {
    std::string_view what = e.what();
    const size_t column = what.find(", column ");
    const size_t colon = column == std::string_view::npos ? column : what.find(": ", column);
    if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
    return "invalid JSON: " + std::string(what);
}

}  // namespace

HolidayYear parse_holiday_cn(const std::string& text_with_bom, const std::string& file_name) {
    std::string_view text(text_with_bom);
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // columns count after it
    Json root;
    try {
        root = Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& e) {
        throw Error(locate_offset(file_name, text, e.byte == 0 ? 0 : e.byte - 1),
                    syntax_message(e));
    }
    HolidayCnReader reader(file_name, text);
    HolidayYear year = reader.read(root);
    reader.check_holidays(year);
    reader.finish();
    return year;
}

}  // namespace revisit
