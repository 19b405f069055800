#pragma once
// Calendar dates and minute-resolution local times as plain integers, so that
// schedules are arithmetic. No time zone lives here: the CLI decides what "today" is.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace revisit {

// A civil date, stored as days since 1970-01-01.
class Date {
  public:
    constexpr Date() = default;
    static Date from_ymd(int year, int month, int day);  // throws Error when not a real date
    static constexpr Date from_days(long days) { return Date(days); }
    // "YYYY-MM-DD"; nullopt when malformed or not a real date.
    static std::optional<Date> parse(std::string_view text);

    constexpr long days() const { return days_; }
    int year() const;
    int month() const;
    int day() const;
    int weekday() const;  // 1 = Monday ... 7 = Sunday (ISO)
    bool is_weekend() const { return weekday() >= 6; }
    std::string str() const;  // "YYYY-MM-DD"

    Date add_days(long n) const { return Date(days_ + n); }
    Date add_months(int n) const;  // clamps the day to the month's end
    friend constexpr long operator-(Date a, Date b) { return a.days_ - b.days_; }
    friend constexpr auto operator<=>(Date, Date) = default;

  private:
    constexpr explicit Date(long days) : days_(days) {}
    long days_ = 0;
};

// A local wall-clock time, minutes since 1970-01-01 00:00.
class DateTime {
  public:
    constexpr DateTime() = default;
    static constexpr DateTime from_minutes(long m) { return DateTime(m); }
    static DateTime at(Date d, int hour = 0, int minute = 0);
    // "YYYY-MM-DD HH:MM", "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD" (midnight).
    static std::optional<DateTime> parse(std::string_view text);

    constexpr long minutes() const { return minutes_; }
    Date date() const;
    int minute_of_day() const;
    std::string str() const;  // "YYYY-MM-DD HH:MM"
    DateTime add_minutes(long n) const { return DateTime(minutes_ + n); }
    friend constexpr auto operator<=>(DateTime, DateTime) = default;

  private:
    constexpr explicit DateTime(long m) : minutes_(m) {}
    long minutes_ = 0;
};

// Parses "HH:MM" into minutes of the day; nullopt when malformed.
std::optional<int> parse_clock(std::string_view text);
std::string format_clock(int minute_of_day);

}  // namespace revisit
