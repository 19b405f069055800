#pragma once
// Wall-clock times in the rules' time zone turned into UTC, by the C library's reading of the
// host's tz database (the loader checked the zone is there), for `due --format ics`.

#include <string>

#include "schedule/due_ics.h"

namespace revisit::cli {

// The UTC time of each local time in `zone` (a time skipped by a DST change moves forward as
// mktime moves it). Remembers the times it was asked (a list asks the same few windows).
ToUtc utc_in(const std::string& zone);

}  // namespace revisit::cli
