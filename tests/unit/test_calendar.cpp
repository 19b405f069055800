#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "calendar/calendar_yaml.h"
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
                         "\"holidays\", got nothing",
                         Error);
}
