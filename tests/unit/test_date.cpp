#include <doctest/doctest.h>
#include <fmt/format.h>

#include "util/date.h"
#include "util/error.h"

using revisit::Date;
using revisit::DateTime;

TEST_CASE("util/date: parse and format round-trip") {
    auto d = Date::parse("2026-11-23");
    REQUIRE(d);
    CHECK(d->str() == "2026-11-23");
    CHECK(d->year() == 2026);
    CHECK(d->month() == 11);
    CHECK(d->day() == 23);
    CHECK(d->weekday() == 1);  // a Monday
    CHECK(Date::parse("1970-01-01")->days() == 0);
}

TEST_CASE("util/date: rejects what is not a date") {
    CHECK_FALSE(Date::parse("2026-02-29"));
    CHECK(Date::parse("2024-02-29"));
    CHECK_FALSE(Date::parse("2026-13-01"));
    CHECK_FALSE(Date::parse("2026-1-01"));
    CHECK_FALSE(Date::parse("2026/01/01"));
    CHECK_FALSE(Date::parse(""));
    CHECK_THROWS_AS(Date::from_ymd(2026, 4, 31), revisit::Error);
}

TEST_CASE("util/date: arithmetic") {
    Date d = *Date::parse("2026-01-31");
    CHECK(d.add_months(1).str() == "2026-02-28");
    CHECK(d.add_days(1).str() == "2026-02-01");
    CHECK(*Date::parse("2026-03-01") - *Date::parse("2026-02-01") == 28);
    CHECK(Date::parse("2026-10-10")->is_weekend());
}

TEST_CASE("util/date: date-times") {
    auto t = DateTime::parse("2026-11-23 09:05");
    REQUIRE(t);
    CHECK(t->str() == "2026-11-23 09:05");
    CHECK(t->date().str() == "2026-11-23");
    CHECK(t->minute_of_day() == 545);
    CHECK(DateTime::parse("2026-11-23T09:05")->minutes() == t->minutes());
    CHECK(DateTime::parse("2026-11-23")->minute_of_day() == 0);
    CHECK_FALSE(DateTime::parse("2026-11-23 24:00"));
    CHECK_FALSE(DateTime::parse("2026-11-23 9:05"));
    CHECK(revisit::parse_clock("15:30") == 930);
    CHECK_FALSE(revisit::parse_clock("15:60"));
}

TEST_CASE("util/date: formatting matches fmt's for any date and clock") {
    // Years 0-9999 (0000-01-01 is day -719528, 9999-12-31 day 2932896) are written digit
    // by digit; others go through fmt as before.
    for (long days :
         {-1000000L, -719529L, -719528L, -400000L, -1L, 0L, 20780L, 2932896L, 2932897L, 4000000L}) {
        const Date d = Date::from_days(days);
        CAPTURE(days);
        CHECK(d.str() == fmt::format("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()));
        const DateTime t = DateTime::at(d, 7, 5);
        CHECK(t.str() == d.str() + " 07:05");
    }
    CHECK(Date::from_days(-400000).str() == "0874-11-02");
    CHECK(DateTime::from_minutes(-1).str() == "1969-12-31 23:59");
    CHECK(DateTime::parse("2026-11-23 23:59")->str() == "2026-11-23 23:59");
    for (int m : {-61, -1, 0, 5, 59, 60, 630, 1439, 1440, 5999, 6000, 100000})
        CHECK(revisit::format_clock(m) == fmt::format("{:02}:{:02}", m / 60, m % 60));
    CHECK(revisit::format_clock(930) == "15:30");
}
