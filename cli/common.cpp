#include "common.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <sstream>

#include "store/index/lookup.h"
#include "store/policy_env.h"
#include "store/store.h"
#include "util/error.h"
#include "util/text.h"

namespace revisit::cli {

DataDir open_data(const GlobalOptions& global) {
    DataDir dir = DataDir::open(global.data_dir);
    check_journals(dir);
    // Customer data is confidential (S2-secret): say so on every command until it is fixed.
    if (const std::string loose = dir.loose_modes(); !loose.empty())
        std::cerr << "revisit: warning: " << loose << '\n';
    return dir;
}

Context Context::open(const GlobalOptions& global, Calendar calendar) {
    DataDir dir = open_data(global);
    Policy policy = load_policy(dir);
    WorkingCalendar days =
        calendar == Calendar::Load ? load_calendar(dir, policy) : WorkingCalendar();
    return Context{std::move(dir), std::move(policy), std::move(days)};
}

DataDir Context::read_snapshot() const { return revisit::read_snapshot(dir); }

DirLock Context::write_lock(const std::vector<std::string>& journals) const {
    refresh_indexes(dir, journals);
    return dir.lock_exclusive();
}

namespace {
DateTime clock_now(const Policy& policy) {
    // The C library would read the clock in UTC, silently, in a zone it cannot load: the
    // rules' zone was checked when they were loaded, but not the default one.
    if (const TimeZoneDatabase zones = TimeZoneDatabase::host(); !zones.has(policy.timezone))
        throw Error(fmt::format("cannot read the clock in time zone \"{}\": {}", policy.timezone,
                                zones.installed()
                                    ? "it is not in the time zone database " + zones.dir()
                                    : "there is no time zone database in " + zones.dir() +
                                          "; install the package tzdata"));
    // The one place the clock is read. TZ is set for this process only: the rules' zone, not
    // the user's TZ.
    ::setenv("TZ", policy.timezone.c_str(), 1);
    ::tzset();
    const std::time_t t = std::time(nullptr);
    std::tm local{};
    ::localtime_r(&t, &local);
    return DateTime::at(Date::from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday),
                        local.tm_hour, local.tm_min);
}
}  // namespace

DateTime now_or(const std::string& at, const Policy& policy) {
    if (at.empty()) return clock_now(policy);
    auto t = DateTime::parse(at);
    if (!t)
        throw Error(
            fmt::format("--at \"{}\" is not a time; expected \"YYYY-MM-DD HH:MM\" or YYYY-MM-DD",
                        at),
            kExitUsage);
    return *t;
}

Date today_or(const std::string& today, const Policy& policy) {
    if (today.empty()) return clock_now(policy).date();
    auto d = Date::parse(today);
    if (!d)
        throw Error(fmt::format("--today \"{}\" is not a date; expected YYYY-MM-DD", today),
                    kExitUsage);
    return *d;
}

std::string entered_by(const std::string& by) {
    // It is written into the journal as `by`: refuse what readers would reject.
    if (!by.empty()) {
        if (std::string p = text_field_problem("--by", by, false); !p.empty()) throw Error(p);
        return by;
    }
    const char* user = std::getenv("USER");
    if (!user || !*user) return "unknown";
    if (std::string p = text_field_problem("$USER", user, false); !p.empty())
        throw Error(p + "; pass --by NAME", kExitError);
    return user;
}

std::string TextArguments::read(const std::string& flag, const std::string& value) {
    if (value.rfind("@@", 0) == 0) return value.substr(1);
    std::string text;
    if (value == "-") {
        if (!stdin_flag_.empty())
            throw Error(fmt::format("{} -: standard input is already read by {} -; give one of "
                                    "them as @FILE",
                                    flag, stdin_flag_),
                        kExitUsage);
        stdin_flag_ = flag;
        std::ostringstream in;
        in << std::cin.rdbuf();
        text = in.str();
    } else if (value.rfind('@', 0) == 0) {
        if (value.size() == 1)
            throw Error(fmt::format("{} @: name the file to read after the @ (@FILE); write @@ "
                                    "for a text that starts with @",
                                    flag),
                        kExitUsage);
        try {
            text = read_text_file(value.substr(1));
        } catch (const Error& e) {
            throw Error(fmt::format("{} {}: {}", flag, value, e.what()), e.exit_code());
        }
    } else {
        return value;
    }
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    if (text.ends_with("\r\n"))
        text.resize(text.size() - 2);
    else if (text.ends_with('\n'))
        text.pop_back();
    return text;
}

std::string table_text(const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
    std::string text;
    std::vector<int> width(header.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (size_t i = 0; i < row.size() && i < width.size(); ++i)
            width[i] = std::max(width[i], display_width(row[i]));
    };
    measure(header);
    for (const auto& r : rows) measure(r);
    auto print_row = [&](const std::vector<std::string>& row) {
        std::string line;
        for (size_t i = 0; i < row.size(); ++i) {
            // Multi-line cells would break the grid: show them on one line.
            std::string cell = row[i];
            for (char& c : cell)
                if (c == '\n' || c == '\r') c = ' ';
            line += i + 1 < row.size() ? pad_right(cell, width[i]) + "  " : cell;
        }
        text += line + '\n';
    };
    print_row(header);
    for (const auto& r : rows) print_row(r);
    return text;
}

void print_table(const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
    std::cout << table_text(header, rows);
}

void fail_if(const std::vector<std::string>& problems, const std::string& context) {
    if (problems.empty()) return;
    std::vector<std::string> lines;
    for (const auto& p : problems) lines.push_back(context + p);
    throw Error(join(lines, "\n"));
}

}  // namespace revisit::cli
