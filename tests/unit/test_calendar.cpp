#include <doctest/doctest.h>
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "calendar/calendar_file.h"
#include "calendar/calendar_view.h"
#include "calendar/calendar_yaml.h"
#include "calendar/coverage.h"
#include "calendar/holiday_cn.h"
#include "calendar/working_calendar.h"
#include "error_report.h"
#include "util/error.h"

using namespace revisit;

namespace {

Date d(const char* text) { return Date::parse(text).value(); }

// The real rules/calendars/cn.yaml, parsed once.
const WorkingCalendar& cn() {
    static const WorkingCalendar calendar = [] {
        std::ifstream in(REVISIT_SOURCE_DIR "/rules/calendars/cn.yaml");
        REQUIRE(in);
        std::stringstream text;
        text << in.rdbuf();
        return parse_calendar_yaml(text.str(), "cn.yaml");
    }();
    return calendar;
}

// Reference answers, one day at a time.
Date slow_add(const WorkingCalendar& cal, Date start, int n) {
    const int step = n < 0 ? -1 : 1;
    for (int left = n < 0 ? -n : n; left > 0;) {
        start = start.add_days(step);
        if (cal.is_working_day(start)) --left;
    }
    return start;
}

int slow_between(const WorkingCalendar& cal, Date from, Date to) {
    int count = 0;
    for (Date day = from.add_days(1); day <= to; day = day.add_days(1))
        count += cal.is_working_day(day);
    return count;
}

void parse(const std::string& text) { parse_calendar_yaml(text, "cal.yaml"); }

}  // namespace

TEST_CASE("calendar/working_calendar: National Day 2026 and its make-up Saturday") {
    const auto& cal = cn();
    CHECK(cal.add_working_days(d("2026-09-30"), 3) == d("2026-10-10"));
    for (Date day = d("2026-10-01"); day <= d("2026-10-07"); day = day.add_days(1)) {
        CAPTURE(day.str());
        CHECK_FALSE(cal.is_working_day(day));
    }
    CHECK(cal.is_working_day(d("2026-10-08")));
    CHECK(cal.is_working_day(d("2026-10-10")));  // Saturday, 调休
    CHECK(cal.is_working_day(d("2026-09-20")));  // Sunday, 调休
    CHECK_FALSE(cal.is_working_day(d("2026-10-11")));
    CHECK(cal.add_working_days(d("2026-10-10"), -2) == d("2026-10-08"));
    CHECK(cal.add_working_days(d("2026-10-08"), -1) == d("2026-09-30"));
    CHECK(cal.add_working_days(d("2026-10-01"), 0) == d("2026-10-01"));
    CHECK(cal.add_working_days(d("2026-10-01"), 1) == d("2026-10-08"));
}

TEST_CASE("calendar/working_calendar: weekends and make-up days") {
    const auto& cal = cn();
    CHECK_FALSE(cal.is_working_day(d("2026-03-07")));  // ordinary Saturday
    CHECK_FALSE(cal.is_working_day(d("2026-03-08")));  // ordinary Sunday
    CHECK(cal.is_working_day(d("2026-03-09")));        // ordinary Monday
    CHECK(cal.is_working_day(d("2026-01-04")));        // Sunday worked for 元旦
    CHECK_FALSE(cal.is_working_day(d("2026-01-02")));  // Friday off for 元旦
    CHECK(cal.is_working_day(d("2024-02-04")));        // Sunday worked for 春节 2024
}

TEST_CASE("calendar/working_calendar: working days around Spring Festival 2026") {
    const auto& cal = cn();
    // 02-14 (Saturday, worked), 02-15..23 off, 02-24..27 Tuesday to Friday.
    CHECK(cal.working_days_between(d("2026-02-13"), d("2026-02-27")) == 5);
    // + 02-28 (Saturday, worked) and 03-02 (Monday).
    CHECK(cal.working_days_between(d("2026-02-13"), d("2026-03-02")) == 7);
    CHECK(cal.working_days_between(d("2026-02-14"), d("2026-02-23")) == 0);
    CHECK(cal.working_days_between(d("2026-02-27"), d("2026-02-13")) == 0);
    CHECK(cal.working_days_between(d("2026-02-13"), d("2026-02-13")) == 0);
    CHECK(cal.add_working_days(d("2026-02-13"), 2) == d("2026-02-24"));
}

TEST_CASE("calendar/working_calendar: holiday_on and holidays_between") {
    const auto& cal = cn();
    const HolidayPeriod* spring = cal.holiday_on(d("2026-02-17"));
    REQUIRE(spring != nullptr);
    CHECK(spring->name == "春节");
    CHECK(first_day(*spring) == d("2026-02-15"));
    CHECK(cal.holiday_on(d("2026-02-14")) == nullptr);  // a make-up day is no holiday
    CHECK(cal.holiday_on(d("2026-03-10")) == nullptr);
    CHECK(cal.holiday_on(d("2030-10-01")) == nullptr);
    REQUIRE(cal.holiday_on(d("2025-10-06")) != nullptr);
    CHECK(cal.holiday_on(d("2025-10-06"))->name == "国庆节、中秋节");

    // cn.yaml lists 国庆节 2026 before 中秋节 (its make-up day comes first); results are by date.
    const auto autumn = cal.holidays_between(d("2026-09-01"), d("2026-10-31"));
    REQUIRE(autumn.size() == 2);
    CHECK(autumn[0]->name == "中秋节");
    CHECK(autumn[1]->name == "国庆节");
    CHECK(autumn[1]->workdays == std::vector<Date>{d("2026-09-20"), d("2026-10-10")});
    CHECK(cal.holidays_between(d("2026-01-01"), d("2026-12-31")).size() == 7);
    CHECK(cal.holidays_between(d("2026-10-02"), d("2026-10-31")).empty());  // starts 10-01
    CHECK(cal.holidays_between(d("2026-10-01"), d("2026-10-01")).size() == 1);
}

TEST_CASE("calendar/working_calendar: covered years") {
    const auto& cal = cn();
    CHECK(cal.years() == std::vector<int>{2024, 2025, 2026});
    CHECK(cal.covers(d("2026-12-31")));
    CHECK(cal.covers(d("2024-01-01")));
    CHECK_FALSE(cal.covers(d("2027-01-01")));
    CHECK_FALSE(cal.covers(d("2023-12-31")));
}

TEST_CASE("calendar/working_calendar: fast answers match day-by-day counting") {
    const auto& cal = cn();
    int wrong = 0, checked = 0;
    for (Date start = d("2023-11-01"); start <= d("2027-03-01"); start = start.add_days(3)) {
        for (int n = -40; n <= 40; ++n, ++checked)
            wrong += cal.add_working_days(start, n) != slow_add(cal, start, n);
        for (int span = 0; span <= 60; span += 7, ++checked)
            wrong += cal.working_days_between(start, start.add_days(span)) !=
                     slow_between(cal, start, start.add_days(span));
    }
    CHECK(checked > 30000);
    CHECK(wrong == 0);
    // Far from the data, plain weeks: 5 working days in 7.
    CHECK(cal.working_days_between(d("2030-01-06"), d("2030-12-29")) == 5 * 51);
    CHECK(cal.add_working_days(d("2023-12-29"), 1000) == slow_add(cal, d("2023-12-29"), 1000));
}

TEST_CASE("calendar/working_calendar: without data, Monday to Friday") {
    const WorkingCalendar cal;
    CHECK(cal.is_working_day(d("2026-10-01")));        // Thursday
    CHECK_FALSE(cal.is_working_day(d("2026-10-10")));  // Saturday
    CHECK(cal.add_working_days(d("2026-10-09"), 1) == d("2026-10-12"));
    CHECK(cal.add_working_days(d("2026-10-12"), -1) == d("2026-10-09"));
    CHECK(cal.working_days_between(d("2026-10-04"), d("2026-10-18")) == 10);
    CHECK_FALSE(cal.covers(d("2026-10-01")));
    CHECK(cal.years().empty());
    CHECK(cal.holiday_on(d("2026-10-01")) == nullptr);
    CHECK(cal.holidays_between(d("2000-01-01"), d("2100-01-01")).empty());
}

TEST_CASE("calendar/working_calendar: inconsistent data is refused") {
    const HolidayPeriod a{"A", {d("2026-10-01")}, {}};
    const HolidayPeriod b{"B", {d("2026-10-01")}, {}};
    CHECK_THROWS_WITH_AS(WorkingCalendar({a, b}, {2026}),
                         "2026-10-01 is listed twice in the calendar", Error);
    CHECK_THROWS_WITH_AS(WorkingCalendar({{"C", {}, {}}}, {2026}), "holiday \"C\" has no off days",
                         Error);
    CHECK_THROWS_WITH_AS(WorkingCalendar({{"D", {d("2026-10-01")}, {d("2026-10-09")}}}, {2026}),
                         "make-up working day 2026-10-09 of \"D\" is not a weekend day", Error);
}

TEST_CASE("calendar/calendar_yaml: a small file") {
    const WorkingCalendar cal = parse_calendar_yaml(R"(name: test
years: [2026]
holidays:
  - name: 元旦
    off: [2026-01-01, 2026-01-02, 2026-01-03]
    workdays: [2026-01-04]
  - name: 清明节
    off: [2026-04-04, 2026-04-05, 2026-04-06]
    workdays:
)",
                                                    "cal.yaml");
    CHECK(cal.years() == std::vector<int>{2026});
    CHECK(cal.is_working_day(d("2026-01-04")));
    CHECK_FALSE(cal.is_working_day(d("2026-04-06")));
    CHECK(cal.holidays_between(d("2026-01-01"), d("2026-12-31")).size() == 2);
}

TEST_CASE("calendar/calendar_yaml: errors point at the offending text") {
    const std::string head = "name: cn\nyears: [2026]\nholidays:\n  - name: 元旦\n";
    CHECK_THROWS_WITH_AS(parse("name: cn\nyears: [2026]\nholidys: []\n"),
                         "cal.yaml:3:1: unknown key \"holidys\" (did you mean \"holidays\"?)",
                         Error);
    CHECK_THROWS_WITH_AS(parse(head + "    of: [2026-01-01]\n"),
                         "cal.yaml:5:5: unknown key \"of\" (did you mean \"off\"?)", Error);
    CHECK_THROWS_WITH_AS(parse(head + "    off: [2026-01-01]\n    colour: red\n"),
                         "cal.yaml:6:5: unknown key \"colour\"; allowed: \"name\", \"off\", "
                         "\"workdays\"",
                         Error);
    CHECK_THROWS_WITH_AS(parse(head + "    off: [2026-01-01, 2026-02-30]\n"),
                         "cal.yaml:5:23: expected a date YYYY-MM-DD, got \"2026-02-30\"", Error);
    CHECK_THROWS_WITH_AS(parse(head + "    off: [2026-01-01]\n    workdays: [2026-01-05]\n"),
                         "cal.yaml:6:16: workday 2026-01-05 is a Monday; expected a Saturday or "
                         "Sunday",
                         Error);
    CHECK_THROWS_WITH_AS(parse(head + "    off: [2026-01-01\n"),
                         "cal.yaml:6:1: invalid YAML: end of sequence flow not found", Error);
}

TEST_CASE("calendar/calendar_yaml: an error shows its line and a caret") {
    const std::string head = "name: cn\nyears: [2026]\nholidays:\n";
    auto report = [](const std::string& text) { return test::report_of([&] { parse(text); }); };
    CHECK(report(head + "  - name: 元旦\n    off: [2026-01-01, 2026-02-30]\n") ==
          "cal.yaml:5:23: expected a date YYYY-MM-DD, got \"2026-02-30\"\n"
          "  off: [2026-01-01, 2026-02-30]\n"
          "                    ^\n");
    // Columns count characters, not bytes; a CJK character takes two terminal columns.
    CHECK(report(head + "  - {name: 春节, off: [2026-13-01]}\n") ==
          "cal.yaml:4:22: expected a date YYYY-MM-DD, got \"2026-13-01\"\n"
          "  - {name: 春节, off: [2026-13-01]}\n"
          "                       ^\n");
    // Past the last line there is nothing to show.
    CHECK(report(head + "  - name: 元旦\n    off: [2026-01-01\n") ==
          "cal.yaml:6:1: invalid YAML: end of sequence flow not found\n");
}

TEST_CASE("calendar/calendar_yaml: missing, misplaced and repeated data") {
    const std::string head = "name: cn\nyears: [2026]\nholidays:\n  - name: 元旦\n";
    CHECK_THROWS_WITH_AS(parse("name: cn\nholidays: []\n"), "cal.yaml:1:1: missing key \"years\"",
                         Error);
    CHECK_THROWS_WITH_AS(parse(head + "    workdays: [2026-01-04]\n"),
                         "cal.yaml:4:5: missing key \"off\"", Error);
    CHECK_THROWS_WITH_AS(parse(head + "    off: [2027-01-01]\n"),
                         "cal.yaml:5:11: off day 2027-01-01 is outside the covered years (2026); "
                         "add 2027 to \"years\"",
                         Error);
    CHECK_THROWS_WITH_AS(
        parse(head + "    off: [2026-01-01]\n  - name: x\n    off: [2026-01-01]\n"),
        "cal.yaml:7:11: 2026-01-01 is already listed at line 5", Error);
    CHECK_THROWS_WITH_AS(parse("name: cn\nyears: [2026, 20x6]\nholidays: []\n"),
                         "cal.yaml:2:15: expected a year such as 2026, got \"20x6\"", Error);
    CHECK_THROWS_WITH_AS(parse(head + "    off: []\n"),
                         "cal.yaml:5:10: expected at least one off day", Error);
    CHECK_THROWS_WITH_AS(parse(""),
                         "cal.yaml: expected a mapping with keys \"name\", \"years\", "
                         "\"warn_days\", \"sources\", \"holidays\", got nothing",
                         Error);
}

// --- calendar import (holiday_cn.h, calendar_file.h), coverage.h, calendar_view.h ---------

namespace {

// A holiday-cn file: one "{name, date, isOffDay}" record a line, after a three-line head.
std::string holiday_json(int year, const std::vector<std::string>& days,
                         const std::string& papers = "[\"https://example.invalid/notice\"]") {
    std::string text =
        "{\n\"year\": " + std::to_string(year) + ",\n\"papers\": " + papers + ",\n\"days\": [\n";
    for (size_t i = 0; i < days.size(); ++i) text += days[i] + (i + 1 < days.size() ? ",\n" : "\n");
    return text + "]}\n";
}
std::string day(const char* name, const char* date, bool off) {
    return fmt::format(R"({{"name": "{}", "date": "{}", "isOffDay": {}}})", name, date, off);
}
HolidayYear import(const std::string& text) { return parse_holiday_cn(text, "y.json"); }

}  // namespace

TEST_CASE("calendar/holiday_cn: days grouped by holiday in the order the file names them") {
    // As the 2026 file lists them: 国庆节's make-up Sunday comes before 中秋节.
    const HolidayYear y = import(
        holiday_json(2026, {day("国庆节", "2026-09-20", false), day("中秋节", "2026-09-25", true),
                            day("中秋节", "2026-09-26", true), day("国庆节", "2026-10-01", true),
                            day("国庆节", "2026-10-10", false)}));
    CHECK(y.year == 2026);
    CHECK(y.papers == std::vector<std::string>{"https://example.invalid/notice"});
    REQUIRE(y.holidays.size() == 2);
    CHECK(y.holidays[0].name == "国庆节");
    CHECK(y.holidays[0].off_days == std::vector<Date>{d("2026-10-01")});
    CHECK(y.holidays[0].workdays == std::vector<Date>{d("2026-09-20"), d("2026-10-10")});
    CHECK(y.holidays[1].name == "中秋节");
    CHECK(y.holidays[1].off_days == std::vector<Date>{d("2026-09-25"), d("2026-09-26")});
    // "$schema" and "$id" are the data set's own keys; a byte order mark is skipped.
    const HolidayYear bom = import(
        "\xEF\xBB\xBF{\"$schema\": \"x\", \"$id\": \"y\", \"year\": 2026, "
        "\"papers\": [], \"days\": [" +
        day("元旦", "2026-01-01", true) + "]}");
    CHECK(bom.holidays.size() == 1);
    CHECK(bom.papers.empty());
}

TEST_CASE("calendar/holiday_cn: every problem at its value, with the line and a caret") {
    const std::string text =
        holiday_json(2026,
                     {day("元旦", "2026-13-01", true), day("春节", "2026-02-13", false),
                      day("春节", "2027-02-15", true), day("", "2026-03-01", true),
                      R"({"name": "清明节", "date": "2026-04-04", "isOffDay": 1, "note": 2})",
                      day("劳动节", "2026-05-01", true), day("劳动节", "2026-05-01", true),
                      day("调休", "2026-05-09", false)},
                     "\"none\"");
    CHECK(test::report_of([&] { import(text); }) ==
          "y.json:3:11: expected a list of notices, got \"none\"\n"
          "  \"papers\": \"none\",\n"
          "            ^\n"
          "y.json:5:24: expected a date YYYY-MM-DD, got \"2026-13-01\"\n"
          "  {\"name\": \"元旦\", \"date\": \"2026-13-01\", \"isOffDay\": true},\n"
          "                           ^\n"
          "y.json:6:24: make-up working day 2026-02-13 is a Friday; expected a Saturday or Sunday\n"
          "  {\"name\": \"春节\", \"date\": \"2026-02-13\", \"isOffDay\": false},\n"
          "                           ^\n"
          "y.json:7:24: 2027-02-15 is outside 2026, the year of the file\n"
          "  {\"name\": \"春节\", \"date\": \"2027-02-15\", \"isOffDay\": true},\n"
          "                           ^\n"
          "y.json:8:10: expected a holiday name (one line of text), got \"\"\n"
          "  {\"name\": \"\", \"date\": \"2026-03-01\", \"isOffDay\": true},\n"
          "           ^\n"
          "y.json:9:51: expected true (a day off) or false (a make-up working day), got 1\n"
          "  {\"name\": \"清明节\", \"date\": \"2026-04-04\", \"isOffDay\": 1, \"note\": 2},\n"
          "                                                       ^\n"
          "y.json:9:54: unknown key \"note\"; allowed: \"name\", \"date\", \"isOffDay\"\n"
          "  {\"name\": \"清明节\", \"date\": \"2026-04-04\", \"isOffDay\": 1, \"note\": 2},\n"
          "                                                          ^\n"
          "y.json:11:25: 2026-05-01 is already listed at line 10\n"
          "  {\"name\": \"劳动节\", \"date\": \"2026-05-01\", \"isOffDay\": true},\n"
          "                             ^\n"
          "y.json:12:24: holiday \"调休\" has make-up working days but no day off\n"
          "  {\"name\": \"调休\", \"date\": \"2026-05-09\", \"isOffDay\": false}\n"
          "                           ^\n");
}

TEST_CASE("calendar/holiday_cn: invalid JSON, a wrong shape, an unpublished year") {
    CHECK(test::report_of([] { import("{\"year\": 2026,\n \"days\": [,]}"); }) ==
          "y.json:2:11: invalid JSON: syntax error while parsing value - unexpected ','; "
          "expected '[', '{', or a literal\n"
          "  \"days\": [,]}\n"
          "           ^\n");
    CHECK_THROWS_WITH_AS(import("[]"),
                         "y.json:1:1: expected an object with keys \"year\", \"papers\", "
                         "\"days\", got a list",
                         Error);
    CHECK_THROWS_WITH_AS(import("{\"year\": \"2026\", \"papers\": [], \"days\": []}"),
                         "y.json:1:10: expected a year such as 2026, got \"2026\"", Error);
    CHECK_THROWS_WITH_AS(import("{\"yeer\": 2026, \"papers\": [], \"days\": {}}"),
                         "y.json:1:1: missing key \"year\"\n"
                         "y.json:1:2: unknown key \"yeer\" (did you mean \"year\"?)\n"
                         "y.json:1:38: expected a list of days, got an object",
                         Error);
    // holiday-cn publishes a year's file with no days until the State Council's notice.
    CHECK_THROWS_WITH_AS(import(holiday_json(2027, {}, "[]")),
                         "y.json:4:9: no days listed: the 2027 notice is not published yet; "
                         "import the file once it lists the year's holidays",
                         Error);
    // Many problems: the first 20, then how many more.
    std::vector<std::string> days;
    for (int i = 0; i < 25; ++i) days.push_back(day("x", "2026-01-05", false));
    const std::string many = test::report_of([&] { import(holiday_json(2026, days)); });
    CHECK(many.find("y.json:24:") != std::string::npos);
    CHECK(many.find("y.json:25:") == std::string::npos);
    CHECK(many.substr(many.size() - 32) == "y.json: ... and 5 more problems\n");
}

TEST_CASE("calendar/calendar_file: import into an empty calendar gives the shipped 2026") {
    // The 2026 notice in holiday-cn's order.
    std::vector<std::string> days;
    auto run = [&](const char* name, const char* first, int n, bool off) {
        for (int i = 0; i < n; ++i)
            days.push_back(day(name, d(first).add_days(i).str().c_str(), off));
    };
    run("元旦", "2026-01-01", 3, true), run("元旦", "2026-01-04", 1, false);
    run("春节", "2026-02-14", 1, false), run("春节", "2026-02-15", 9, true);
    run("春节", "2026-02-28", 1, false), run("清明节", "2026-04-04", 3, true);
    run("劳动节", "2026-05-01", 5, true), run("劳动节", "2026-05-09", 1, false);
    run("端午节", "2026-06-19", 3, true), run("国庆节", "2026-09-20", 1, false);
    run("中秋节", "2026-09-25", 3, true), run("国庆节", "2026-10-01", 7, true);
    run("国庆节", "2026-10-10", 1, false);
    CalendarFile empty;
    empty.name = "cn";
    const CalendarFile file = with_year(empty, import(holiday_json(2026, days)));
    const std::string text = render_calendar_yaml(file);
    // What is written reads back as itself, and counts the days as the shipped file does.
    const CalendarFile back = read_calendar_file(text, "cn.yaml");
    CHECK(render_calendar_yaml(back) == text);
    const WorkingCalendar imported = working_calendar(back);
    CHECK(imported.years() == std::vector<int>{2026});
    int differ = 0;
    for (Date day = d("2026-01-01"); day <= d("2026-12-31"); day = day.add_days(1))
        differ += imported.is_working_day(day) != cn().is_working_day(day);
    CHECK(differ == 0);
    CHECK(back.sources.at(2026) == std::vector<std::string>{"https://example.invalid/notice"});
    CHECK(text.find("  # 2026\n  - name: 元旦\n    off: [2026-01-01, 2026-01-02, 2026-01-03]\n"
                    "    workdays: [2026-01-04]\n") != std::string::npos);
}

TEST_CASE("calendar/calendar_file: a year is added in order, or replaced") {
    CalendarFile file = read_calendar_file(R"(name: t
years: [2026]
warn_days: 30
sources:
  2026: ["https://a"]
holidays:
  - name: 元旦
    off: [2026-01-01]
)",
                                           "t.yaml");
    CHECK(file.warn_days == 30);
    file = with_year(file, HolidayYear{2025, {}, {{"元旦", {d("2025-01-01")}, {}}}});
    file = with_year(file, HolidayYear{2026, {"https://b"}, {{"新年", {d("2026-01-02")}, {}}}});
    CHECK(render_calendar_yaml(file).substr(render_calendar_yaml(file).find("name: t")) ==
          "name: t\n"
          "years: [2025, 2026]\n"
          "warn_days: 30\n"
          "sources:\n"
          "  2026:\n"
          "    - https://b\n"
          "holidays:\n"
          "  # 2025\n"
          "  - name: 元旦\n"
          "    off: [2025-01-01]\n"
          "  # 2026\n"
          "  - name: 新年\n"
          "    off: [2026-01-02]\n");
    // Text YAML would read otherwise is quoted.
    file.holidays.front().name = "a: \"b\" #c";
    CHECK(read_calendar_file(render_calendar_yaml(file), "t.yaml").holidays.front().name ==
          "a: \"b\" #c");
}

TEST_CASE("calendar/calendar_yaml: warn_days and sources") {
    const std::string head = "name: cn\nyears: [2026]\n";
    CHECK(read_calendar_file(head + "holidays: []\n", "cal.yaml").warn_days == kDefaultWarnDays);
    CHECK(parse_calendar_yaml(head + "warn_days: 0\nholidays: []\n", "cal.yaml").warn_days() == 0);
    CHECK_THROWS_WITH_AS(parse(head + "warn_days: -1\nholidays: []\n"),
                         "cal.yaml:3:12: expected a number of days from 0 to 366, got \"-1\"",
                         Error);
    CHECK_THROWS_WITH_AS(parse(head + "sources: {2027: [x]}\nholidays: []\n"),
                         "cal.yaml:3:11: sources for 2027, which \"years\" does not list", Error);
    CHECK_THROWS_WITH_AS(parse(head + "sources: {2026: x}\nholidays: []\n"),
                         "cal.yaml:3:17: expected a list of notices, got \"x\"", Error);
}

TEST_CASE("calendar/coverage: the warning from warn_days before the last covered year ends") {
    const auto& cal = cn();  // 2024 to 2026
    const std::string ahead =
        "calendars/cn.yaml has no holidays for 2027, which begins in 31 days: from 2027-01-01 "
        "holiday rules cannot fire and working days count Monday-Friday only; add the official "
        "calendar once it is published: revisit calendar import 2027.json";
    CHECK(calendar_ahead_warning(cal, d("2026-12-01"), "cn") == ahead);
    CHECK(calendar_ahead_warning(cal, d("2026-06-01"), "cn") == std::nullopt);
    CHECK(calendar_ahead_warning(cal, d("2026-11-16"), "cn") == std::nullopt);
    CHECK(calendar_ahead_warning(cal, d("2026-11-17"), "cn").value().find("in 45 days") !=
          std::string::npos);
    CHECK(calendar_ahead_warning(cal, d("2026-12-31"), "cn").value().find("in 1 day:") !=
          std::string::npos);
    CHECK(calendar_ahead_warning(cal, d("2025-12-01"), "cn") == std::nullopt);  // 2026 is there
    CHECK(calendar_ahead_warning(cal, d("2027-01-04"), "cn") ==
          "calendars/cn.yaml has no holidays for 2027: holiday rules cannot fire and working "
          "days count Monday-Friday only; add the official calendar: revisit calendar import "
          "2027.json");
    // No calendar named, or one without years (weekends only): nothing to say.
    CHECK(calendar_ahead_warning(cal, d("2026-12-01"), "") == std::nullopt);
    CHECK(calendar_ahead_warning(WorkingCalendar(), d("2026-12-01"), "cn") == std::nullopt);
    const WorkingCalendar never({}, {2026}, 0), soon({}, {2026}, 10);
    CHECK(calendar_ahead_warning(never, d("2026-12-31"), "cn") == std::nullopt);
    CHECK(calendar_ahead_warning(soon, d("2026-12-21"), "cn") == std::nullopt);
    CHECK(calendar_ahead_warning(soon, d("2026-12-22"), "cn").has_value());
    // A period: its first uncovered year.
    CHECK(calendar_period_warning(cal, d("2026-12-01"), d("2026-12-31"), "cn") == std::nullopt);
    CHECK(calendar_period_warning(cal, d("2023-12-01"), d("2027-01-31"), "cn")
              .value()
              .find("no holidays for 2023:") != std::string::npos);
}

TEST_CASE("calendar/coverage: years covered, their counts, gaps") {
    CalendarFile file = read_calendar_file(
        "name: cn\nyears: [2024, 2026]\nsources: {2026: [https://n]}\nholidays:\n"
        "  - {name: 元旦, off: [2026-01-01, 2026-01-02, 2026-01-03], workdays: [2026-01-04]}\n",
        "cn.yaml");
    const Coverage c = calendar_coverage(file, d("2026-06-01"), "cn");
    REQUIRE(c.years.size() == 2);
    CHECK(c.years[0].year == 2024);
    CHECK(c.years[0].working_days == 262);  // Monday to Friday
    CHECK(c.years[1].holidays == 1);
    CHECK(c.years[1].off_days == 3);
    CHECK(c.years[1].workdays == 1);
    CHECK(c.years[1].working_days == 261 - 2 + 1);
    CHECK(c.years[1].sources == std::vector<std::string>{"https://n"});
    CHECK(c.gaps == std::vector<int>{2025});
    CHECK(c.warn_from == d("2026-11-17"));
    CHECK_FALSE(c.problem);
    CHECK(calendar_coverage(file, d("2026-12-01"), "cn").problem.has_value());
}

TEST_CASE("calendar/calendar_view: month grids, holiday rows, one row a day") {
    const CalendarFile file = read_calendar_file(
        "name: t\nyears: [2026]\nholidays:\n"
        "  - {name: 元旦, off: [2026-01-01, 2026-01-02, 2026-01-03], workdays: [2026-01-04]}\n"
        "  - {name: 清明节, off: [2026-04-04, 2026-04-05, 2026-04-06]}\n",
        "t.yaml");
    const auto grids = month_grids(working_calendar(file), 2026);
    REQUIRE(grids.size() >= 8);
    CHECK(grids[0] == "January                       February                      March");
    CHECK(grids[1] ==
          "Mo  Tu  We  Th  Fr  Sa  Su    Mo  Tu  We  Th  Fr  Sa  Su    Mo  Tu  We  Th  Fr  Sa  Su");
    CHECK(grids[2] ==
          "             1*  2*  3*  4+                            1                             1");
    CHECK(grids[7] == "                                                            30  31");
    CHECK(grids[8].empty());  // between quarters
    CHECK(holiday_rows(file, 2026) == std::vector<std::vector<std::string>>{
                                          {"元旦", "01-01 Thu to 01-03 Sat", "3", "01-04 Sun"},
                                          {"清明节", "04-04 Sat to 04-06 Mon", "3", "-"}});
    const auto rows = day_rows(file, 2026);
    REQUIRE(rows.size() == 365);
    CHECK(rows[0] == std::vector<std::string>{"2026-01-01", "Thu", "0", "holiday", "元旦"});
    CHECK(rows[3] == std::vector<std::string>{"2026-01-04", "Sun", "1", "make-up", "元旦"});
    CHECK(rows[4] == std::vector<std::string>{"2026-01-05", "Mon", "1", "", ""});
    CHECK(rows[9] == std::vector<std::string>{"2026-01-10", "Sat", "0", "weekend", ""});
}
