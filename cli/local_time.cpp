#include "local_time.h"

#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>

namespace revisit::cli {

ToUtc utc_in(const std::string& zone) {
    auto known = std::make_shared<std::map<long, DateTime>>();
    return [zone, known](DateTime local) {
        if (auto it = known->find(local.minutes()); it != known->end()) return it->second;
        // TZ for this process only, as clock_now() sets it: the rules' zone, not the user's.
        ::setenv("TZ", zone.c_str(), 1);
        ::tzset();
        const Date d = local.date();
        std::tm tm{};
        tm.tm_year = d.year() - 1900;
        tm.tm_mon = d.month() - 1;
        tm.tm_mday = d.day();
        tm.tm_hour = local.minute_of_day() / 60;
        tm.tm_min = local.minute_of_day() % 60;
        tm.tm_isdst = -1;  // whichever is in force then
        const std::time_t t = std::mktime(&tm);
        // DateTime counts minutes from 1970-01-01 00:00, as time_t counts seconds in UTC.
        const DateTime utc = DateTime::from_minutes(static_cast<long>(t / 60));
        known->emplace(local.minutes(), utc);
        return utc;
    };
}

}  // namespace revisit::cli
