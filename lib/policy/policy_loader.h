#pragma once
// Turns a rules file's text into a Policy, checking it as an admin would want:
// every error, each as "file:line:column: message".

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "policy/policy.h"

namespace revisit {

// What a rules file names outside itself, looked up by lib/store (store/policy_env.h): the
// host's time zones and the calendars beside the file. A part left unset is not checked
// (load_policy leaves the calendars to load_calendar: `calendar import` makes a missing one).
struct PolicyEnvironment {
    struct TimeZones {
        std::string database;   // where they are, for messages: "/usr/share/zoneinfo"
        bool installed = true;  // false: no database at all (the package tzdata is missing)
        std::function<bool(const std::string& zone)> has;
        std::function<std::vector<std::string>()> names;  // every zone, for a did-you-mean
    };
    std::optional<TimeZones> time_zones;
    struct Calendars {
        std::string dir;                 // where they are, for messages: "DATA/calendars"
        std::vector<std::string> names;  // the NAME of each NAME.yaml there
    };
    std::optional<Calendars> calendars;
};

// Every problem found in the rules text, in file order; empty when clean.
std::vector<std::string> check_policy(const std::string& text, const std::string& file,
                                      const PolicyEnvironment& env = {});

// The policy, or an Error whose message lists every problem, one per line.
Policy parse_policy(const std::string& text, const std::string& file,
                    const PolicyEnvironment& env = {});

// The problem of time zone `zone` in `zones`, "" when it is one: "unknown time zone ..." with
// a did-you-mean, or, without a database, the package to install.
std::string time_zone_problem(const std::string& zone, const PolicyEnvironment::TimeZones& zones);
// The problem of calendar `name`, "" when `present` has it: "unknown calendar ..." with a
// did-you-mean and the calendars there.
std::string calendar_problem(const std::string& name, const PolicyEnvironment::Calendars& present);

// "3d", "2w", "1m", "24h", "5wd", or weekly / half-monthly / monthly / same-day.
std::optional<Span> parse_span(const std::string& text);

}  // namespace revisit
