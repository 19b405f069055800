#include "util/date.h"

#include <fmt/format.h>

#include "util/error.h"

namespace revisit {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct Civil {
    int y, m, d;
};

Civil civil_from_days(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(yoe + era * 400 + (m <= 2));
    return {y, m, d};
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

bool valid_ymd(int y, int m, int d) {
    return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

// Reads exactly `width` ASCII digits at text[pos].
std::optional<int> digits(std::string_view text, size_t pos, size_t width) {
    if (pos + width > text.size()) return std::nullopt;
    int value = 0;
    for (size_t i = pos; i < pos + width; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

// Writes `value` (0..10^width-1) as `width` zero-padded digits ending before `end`.
void put_digits(char* end, int value, int width) {
    for (int i = 0; i < width; ++i, value /= 10) *--end = static_cast<char>('0' + value % 10);
}

// "YYYY-MM-DD" into out[0..10); false for years fmt would print otherwise.
bool put_date(char* out, long days) {
    const Civil c = civil_from_days(days);
    if (c.y < 0 || c.y > 9999) return false;
    put_digits(out + 4, c.y, 4);
    out[4] = '-';
    put_digits(out + 7, c.m, 2);
    out[7] = '-';
    put_digits(out + 10, c.d, 2);
    return true;
}

}  // namespace

Date Date::from_ymd(int year, int month, int day) {
    if (!valid_ymd(year, month, day))
        throw Error(fmt::format("{:04}-{:02}-{:02} is not a date", year, month, day));
    return Date(days_from_civil(year, month, day));
}

std::optional<Date> Date::parse(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
    if (!y || !m || !d || !valid_ymd(*y, *m, *d)) return std::nullopt;
    return Date(days_from_civil(*y, *m, *d));
}

int Date::year() const { return civil_from_days(days_).y; }
int Date::month() const { return civil_from_days(days_).m; }
int Date::day() const { return civil_from_days(days_).d; }

int Date::weekday() const {
    // 1970-01-01 was a Thursday (ISO 4).
    long w = (days_ + 3) % 7;
    if (w < 0) w += 7;
    return static_cast<int>(w) + 1;
}

// Dates, times and clocks are written on every line of a large call list: no fmt.
std::string Date::str() const {
    char text[10];
    if (put_date(text, days_)) return std::string(text, sizeof text);
    const Civil c = civil_from_days(days_);
    return fmt::format("{:04}-{:02}-{:02}", c.y, c.m, c.d);
}

Date Date::add_months(int n) const {
    const Civil c = civil_from_days(days_);
    int total = c.y * 12 + (c.m - 1) + n;
    const int y = total / 12, m = total % 12 + 1;
    const int d = std::min(c.d, days_in_month(y, m));
    return Date(days_from_civil(y, m, d));
}

DateTime DateTime::at(Date d, int hour, int minute) {
    return DateTime(d.days() * 1440 + hour * 60 + minute);
}

std::optional<DateTime> DateTime::parse(std::string_view text) {
    auto date = Date::parse(text.substr(0, std::min<size_t>(text.size(), 10)));
    if (!date) return std::nullopt;
    if (text.size() == 10) return at(*date);
    if (text.size() != 16 || (text[10] != ' ' && text[10] != 'T')) return std::nullopt;
    auto clock = parse_clock(text.substr(11));
    if (!clock) return std::nullopt;
    return DateTime(date->days() * 1440 + *clock);
}

Date DateTime::date() const {
    long d = minutes_ / 1440;
    if (minutes_ % 1440 < 0) --d;
    return Date::from_days(d);
}

int DateTime::minute_of_day() const { return static_cast<int>(minutes_ - date().days() * 1440); }

std::string DateTime::str() const {
    char text[16];
    const int m = minute_of_day();
    if (!put_date(text, date().days())) return date().str() + " " + format_clock(m);
    text[10] = ' ';
    put_digits(text + 13, m / 60, 2);
    text[13] = ':';
    put_digits(text + 16, m % 60, 2);
    return std::string(text, sizeof text);
}

std::optional<int> parse_clock(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    auto h = digits(text, 0, 2), m = digits(text, 3, 2);
    if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
    return *h * 60 + *m;
}

std::string format_clock(int minute_of_day) {
    if (minute_of_day >= 0 && minute_of_day < 100 * 60) {
        char text[5];
        put_digits(text + 2, minute_of_day / 60, 2);
        text[2] = ':';
        put_digits(text + 5, minute_of_day % 60, 2);
        return std::string(text, sizeof text);
    }
    return fmt::format("{:02}:{:02}", minute_of_day / 60, minute_of_day % 60);
}

}  // namespace revisit
