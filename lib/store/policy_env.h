#pragma once
// What a rules file names outside itself, looked up on this host for the rules loader
// (policy/policy_loader.h PolicyEnvironment): the time zone database the C library reads and
// the calendars beside the rules file.

#include <string>
#include <vector>

#include "policy/policy_loader.h"

namespace revisit {

// The time zone database as the C library reads it: $TZDIR, else /usr/share/zoneinfo (the
// package tzdata). Another directory is for tests.
class TimeZoneDatabase {
  public:
    static TimeZoneDatabase host();
    explicit TimeZoneDatabase(std::string dir) : dir_(std::move(dir)) {}

    const std::string& dir() const { return dir_; }
    // Whether the C library loads `name` from it: a zone file (TZif) under dir(), reached
    // without "..", and not the host's own "localtime".
    bool has(const std::string& name) const;
    // Every zone its listing names (tzdata.zi, else zone1970.tab and zone.tab), sorted.
    std::vector<std::string> names() const;
    // Whether there is a database at all (a listing, or UTC).
    bool installed() const;
    PolicyEnvironment::TimeZones for_policy() const;

  private:
    std::string dir_;
};

// What the loader checks a rules file against: the host's time zones, and the calendars in
// `calendars_dir` (RULES_DIR/calendars) unless it is "".
PolicyEnvironment policy_environment(const std::string& calendars_dir);
// The NAME of each NAME.yaml in `dir`, sorted; none when it is missing.
std::vector<std::string> calendars_in(const std::string& dir);

}  // namespace revisit
