// revisit calendar import FILE.json... [--calendar FILE.yaml]
// revisit calendar show [YEAR] [--calendar FILE.yaml] [--today D] [--format table|csv]
// revisit calendar check [--calendar FILE.yaml] [--today D]
// The working calendar (docs/calendar.md): add a year from the official data, look at a year,
// and see which years are covered. The data directory's calendars/NAME.yaml unless
// --calendar names a file (rules/calendars/cn.yaml is made this way).

#include <fmt/format.h>

#include <iostream>

#include "calendar/calendar_view.h"
#include "calendar/coverage.h"
#include "calendar/holiday_cn.h"
#include "common.h"
#include "csv/csv.h"
#include "store/store.h"
#include "util/text.h"

namespace revisit::cli {

namespace {

struct CalendarOptions {
    std::string calendar, today, format = "table";
    std::vector<std::string> files;
    int year = 0;
};

// The calendar file a command works on, and what it needs of the data directory.
struct Target {
    std::string path;
    std::string name;  // for warnings: the policy's calendar name, else the file's
    Policy policy;     // the time zone of "today"
    std::optional<DataDir> dir;
};

Target target_of(const GlobalOptions& global, const CalendarOptions& o) {
    if (!o.calendar.empty()) return Target{o.calendar, "", Policy(), std::nullopt};
    Context ctx = Context::open(global);
    if (ctx.policy.calendar.empty())
        throw Error(ctx.dir.file("rules.yaml") +
                    " names no calendar: add \"calendar: cn\" to it, or give --calendar FILE");
    const std::string path = ctx.dir.file("calendars/" + ctx.policy.calendar + ".yaml");
    return Target{path, ctx.policy.calendar, std::move(ctx.policy), std::move(ctx.dir)};
}

std::string summary(const HolidayYear& y) {
    size_t off = 0, workdays = 0;
    for (const auto& p : y.holidays) {
        off += p.off_days.size();
        workdays += p.workdays.size();
    }
    auto count = [](size_t n, const char* one, const char* many) {
        return fmt::format("{} {}", n, n == 1 ? one : many);
    };
    return fmt::format("{}, {}, {}{}", count(y.holidays.size(), "holiday", "holidays"),
                       count(off, "day off", "days off"),
                       count(workdays, "make-up working day", "make-up working days"),
                       y.papers.empty() ? "" : " (" + join(y.papers, ", ") + ")");
}

// --- import -------------------------------------------------------------------------------

void run_import(const GlobalOptions& global, const CalendarOptions& o) {
    // Every file is checked before anything is written; all their problems are reported.
    std::vector<HolidayYear> years;
    std::vector<Diagnostic> problems;
    for (const auto& file : o.files) {
        try {
            years.push_back(parse_holiday_cn(read_text_file(file), file));
        } catch (const Error& e) {
            if (e.exit_code() != kExitError) throw;  // a file that cannot be read
            problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
        }
    }
    if (!problems.empty()) throw Error(std::move(problems));
    const Target target = target_of(global, o);
    const DirLock lock = target.dir ? target.dir->lock_exclusive() : DirLock();
    const CalendarFile before = read_calendar_file_at(target.path);
    CalendarFile after = before;
    std::vector<std::string> lines;
    for (const HolidayYear& y : years) {
        const CalendarFile next = with_year(after, y);
        const bool had = std::count(after.years.begin(), after.years.end(), y.year) > 0;
        const bool same = render_calendar_yaml(next) == render_calendar_yaml(after);
        lines.push_back(fmt::format("{}: {} {}: {}", target.path,
                                    same  ? "kept"
                                    : had ? "replaced"
                                          : "added",
                                    y.year, summary(y)));
        after = next;
    }
    try {
        working_calendar(after);  // a date also listed by a hand-written holiday of another year
    } catch (const Error& e) {
        throw Error(fmt::format("{}: {}; nothing written", target.path, e.message()));
    }
    const std::string text = render_calendar_yaml(after);
    if (text != render_calendar_yaml(before) || !std::count(lines.begin(), lines.end(), ""))
        write_calendar_file_at(target.path, text);
    for (const auto& line : lines) std::cout << line << '\n';
}

// --- show ---------------------------------------------------------------------------------

void run_show(const GlobalOptions& global, const CalendarOptions& o) {
    const Target target = target_of(global, o);
    const CalendarFile file = read_calendar_file_at(target.path);
    const int year = o.year ? o.year : today_or(o.today, target.policy).year();
    if (o.format == "csv") {
        std::cout << csv_line(day_columns());
        for (const auto& row : day_rows(file, year)) std::cout << csv_line(row);
        return;
    }
    const WorkingCalendar calendar = working_calendar(file);
    const Date first = Date::from_ymd(year, 1, 1);
    if (calendar.covers(first)) {
        const auto source = file.sources.find(year);
        std::cout << fmt::format(
            "calendar {}, {}: {} working days{}\n\n", file.name, year,
            calendar.working_days_between(first.add_days(-1), Date::from_ymd(year, 12, 31)),
            source == file.sources.end() ? "" : "; source: " + join(source->second, ", "));
    } else {
        std::cout << fmt::format(
            "calendar {}, {}: not covered, Monday to Friday only; add the "
            "official calendar: {}\n\n",
            file.name, year, import_command(year));
    }
    for (const auto& line : month_grids(calendar, year)) std::cout << line << '\n';
    const auto rows = holiday_rows(file, year);
    if (rows.empty()) return;
    std::cout << "\n* day off for a holiday   + make-up working day (调休)   other Saturdays and "
                 "Sundays are days off\n\n";
    print_table({"holiday", "days off", "days", "make-up working days"}, rows);
}

// --- check --------------------------------------------------------------------------------

void run_check(const GlobalOptions& global, const CalendarOptions& o) {
    const Target target = target_of(global, o);
    const CalendarFile file = read_calendar_file_at(target.path);
    const Date today = today_or(o.today, target.policy);
    const Coverage c =
        calendar_coverage(file, today, target.name.empty() ? file.name : target.name);
    if (c.years.empty())
        throw Error(fmt::format("{} covers no year: add one with {}", target.path,
                                import_command(today.year())));
    std::cout << fmt::format("calendar {} ({}): {} to {}\n", file.name, target.path,
                             Date::from_ymd(c.years.front().year, 1, 1).str(),
                             Date::from_ymd(c.years.back().year, 12, 31).str());
    std::vector<std::vector<std::string>> rows;
    for (const auto& y : c.years)
        rows.push_back({std::to_string(y.year), std::to_string(y.holidays),
                        std::to_string(y.off_days), std::to_string(y.workdays),
                        std::to_string(y.working_days), join(y.sources, ", ")});
    print_table({"year", "holidays", "days off", "make-up days", "working days", "source"}, rows);
    for (int gap : c.gaps)
        std::cout << fmt::format("missing: {}, between covered years: {}\n", gap,
                                 import_command(gap));
    const int next = c.years.back().year + 1;
    std::cout << fmt::format("missing: {}, not imported yet; ", next)
              << (file.warn_days > 0
                      ? fmt::format("planning commands warn from {} (warn_days: {})\n",
                                    c.warn_from.str(), file.warn_days)
                      : std::string("planning commands do not warn ahead (warn_days: 0)\n"));
    if (c.problem) throw Error(*c.problem);
}

void add_calendar_option(CLI::App* cmd, CalendarOptions& o) {
    cmd->add_option("--calendar", o.calendar,
                    "a calendar file instead of the data directory's, e.g. "
                    "rules/calendars/cn.yaml (import creates it when missing)");
}

}  // namespace

void register_calendar(CLI::App& app, const GlobalOptions& global) {
    auto* cmd = app.add_subcommand(
        "calendar", "the working calendar: import a year's official holidays, show, check");
    cmd->require_subcommand(1);

    auto i = std::make_shared<CalendarOptions>();
    auto* import = cmd->add_subcommand(
        "import", "add (or replace) years from holiday-cn JSON files, e.g. 2027.json");
    import->add_option("files", i->files, "one JSON file a year")->required();
    add_calendar_option(import, *i);
    import->callback([&global, i] { run_import(global, *i);
});

auto s = std::make_shared<CalendarOptions>();
auto* show = cmd->add_subcommand("show", "a year's months with holidays and make-up days");
show->add_option("year", s->year, "the year (default: this year)")->check(CLI::Range(1900, 9999));
show->add_option("--today", s->today, "the day whose year is shown by default, YYYY-MM-DD");
show->add_option("--format", s->format, "table or csv (one line a day)")
    ->check(CLI::IsMember({"table", "csv"}));
add_calendar_option(show, *s);
show->callback([&global, s] { run_show(global, *s); });

auto c = std::make_shared<CalendarOptions>();
auto* check = cmd->add_subcommand(
    "check", "which years are covered and what is missing; exit 1 when planning would warn");
check->add_option("--today", c->today, "the day to judge on, YYYY-MM-DD (default: today)");
add_calendar_option(check, *c);
check->callback([&global, c] { run_check(global, *c); });
}  // namespace revisit::cli

}  // namespace revisit::cli
