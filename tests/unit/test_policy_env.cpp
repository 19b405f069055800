// What a rules file names outside itself: time zones (and the host's database,
// store/policy_env.h), checked by the loader at the value's line and column.

#include <doctest/doctest.h>

#include <filesystem>

#include "policy/policy_loader.h"
#include "store/policy_env.h"
#include "temp_files.h"

using namespace revisit;

namespace {

using Lines = std::vector<std::string>;

// A database of three zones, as the loader sees it.
PolicyEnvironment fake_zones(bool installed = true) {
    PolicyEnvironment env;
    PolicyEnvironment::TimeZones zones;
    zones.database = "/zoneinfo";
    zones.installed = installed;
    const Lines names{"Asia/Shanghai", "Asia/Hong_Kong", "UTC"};
    zones.has = [installed, names](const std::string& z) {
        return installed && std::find(names.begin(), names.end(), z) != names.end();
    };
    zones.names = [installed, names] { return installed ? names : Lines{}; };
    env.time_zones = zones;
    return env;
}

Lines check_zone(const std::string& zone, const PolicyEnvironment& env) {
    return check_policy("company: x\ntimezone: " + zone + "\n", "rules.yaml", env);
}

PolicyEnvironment zones_of(const TimeZoneDatabase& db) {
    PolicyEnvironment env;
    env.time_zones = db.for_policy();
    return env;
}

// A zoneinfo directory with Asia/Shanghai and UTC, listed by `listing` (tzdata.zi text).
void make_zoneinfo(const test::TempDir& dir, const std::string& listing) {
    std::filesystem::create_directories(dir / "Asia");
    test::spit(dir / "Asia/Shanghai", "TZif2 zone data");
    test::spit(dir / "UTC", "TZif2 zone data");
    test::spit(dir / "zone.tab", "# not a zone\n");
    if (!listing.empty()) test::spit(dir / "tzdata.zi", listing);
}

}  // namespace

TEST_CASE("policy env: a time zone the database lacks is refused with a did-you-mean") {
    const PolicyEnvironment env = fake_zones();
    CHECK(check_zone("Asia/Shanghai", env) == Lines{});
    CHECK(check_zone("UTC", env) == Lines{});
    CHECK(check_zone("Asia/Shanghia", env) ==
          Lines{"rules.yaml:2:11: unknown time zone \"Asia/Shanghia\" (did you mean "
                "\"Asia/Shanghai\"?)"});
    CHECK(check_zone("asia/shanghai", env) ==
          Lines{"rules.yaml:2:11: unknown time zone \"asia/shanghai\" (did you mean "
                "\"Asia/Shanghai\"?)"});
    // The city alone.
    CHECK(check_zone("Shanghai", env) ==
          Lines{"rules.yaml:2:11: unknown time zone \"Shanghai\" (did you mean "
                "\"Asia/Shanghai\"?)"});
    CHECK(check_zone("Mars/Olympus", env) ==
          Lines{"rules.yaml:2:11: unknown time zone \"Mars/Olympus\": not in the time zone "
                "database (/zoneinfo); use a name such as Asia/Shanghai or UTC"});
    CHECK(check_zone("42", env) ==
          Lines{"rules.yaml:2:11: unknown time zone \"42\": not in the time zone database "
                "(/zoneinfo); use a name such as Asia/Shanghai or UTC"});
    // Without an environment nothing is looked up (lib/policy alone, the fuzzer).
    CHECK(check_zone("Mars/Olympus", PolicyEnvironment{}) == Lines{});
    // No default zone is checked by the loader: the clock checks it (cli/common.cpp).
    CHECK(check_policy("company: x\n", "rules.yaml", fake_zones(false)) == Lines{});
}

TEST_CASE("policy env: without a time zone database the package to install is named") {
    CHECK(check_zone("Asia/Shanghai", fake_zones(false)) ==
          Lines{"rules.yaml:2:11: time zone \"Asia/Shanghai\" cannot be checked: there is no "
                "time zone database in /zoneinfo; install the package tzdata"});
    // Every other problem is still reported with it, in file order.
    CHECK(
        check_policy("company: x\ntimezone: UTC\nchanels: []\n", "rules.yaml", fake_zones(false)) ==
        Lines{"rules.yaml:2:11: time zone \"UTC\" cannot be checked: there is no time zone "
              "database in /zoneinfo; install the package tzdata",
              "rules.yaml:3:1: unknown key \"chanels\" in the rules file (did you mean "
              "\"channels\"?)"});
}

TEST_CASE("policy env: the host's database is the zone files the C library would load") {
    const test::TempDir dir;
    make_zoneinfo(dir,
                  "# version\nZ Asia/Shanghai 8:5:43 - LMT 1901\nL Asia/Shanghai PRC\n"
                  "R c 1919 o - Ap 12 24 1 D\nZ UTC 0 - UTC\n");
    const TimeZoneDatabase db(dir.path());
    CHECK(db.installed());
    CHECK(db.has("Asia/Shanghai"));
    CHECK(db.has("UTC"));
    CHECK_FALSE(db.has("PRC"));  // listed, but no file: the C library could not load it
    CHECK_FALSE(db.has("Asia"));
    CHECK_FALSE(db.has("zone.tab"));  // not a zone file
    CHECK_FALSE(db.has("Asia/../UTC"));
    CHECK_FALSE(db.has("/etc/localtime"));
    CHECK_FALSE(db.has(""));
    CHECK(db.names() == Lines{"Asia/Shanghai", "PRC", "UTC"});
    CHECK(check_policy("company: x\ntimezone: Asia/Shanghia\n", "r.yaml", zones_of(db)) ==
          Lines{"r.yaml:2:11: unknown time zone \"Asia/Shanghia\" (did you mean "
                "\"Asia/Shanghai\"?)"});
}

TEST_CASE("policy env: zone1970.tab and zone.tab list the zones when tzdata.zi is missing") {
    const test::TempDir dir;
    make_zoneinfo(dir, "");
    test::spit(dir / "zone1970.tab", "# comment\nCN\t+3114+12128\tAsia/Shanghai\tBeijing Time\n");
    test::spit(dir / "zone.tab", "HK\t+2217+11409\tAsia/Hong_Kong\n");
    CHECK(TimeZoneDatabase(dir.path()).names() == Lines{"Asia/Hong_Kong", "Asia/Shanghai"});
}

TEST_CASE("policy env: a directory without zones is no database") {
    const test::TempDir dir;
    CHECK_FALSE(TimeZoneDatabase(dir.path()).installed());
    CHECK_FALSE(TimeZoneDatabase(dir / "missing").installed());
    CHECK(TimeZoneDatabase(dir / "missing").names() == Lines{});
    test::spit(dir / "UTC", "TZif2");
    CHECK(TimeZoneDatabase(dir.path()).installed());
}

TEST_CASE("policy env: a calendar missing beside the rules file is refused at its name") {
    PolicyEnvironment env;
    env.calendars.emplace();
    env.calendars->dir = "r/calendars";
    env.calendars->names = {"cn", "hk"};
    CHECK(check_policy("company: x\ncalendar: cn\n", "rules.yaml", env) == Lines{});
    CHECK(check_policy("company: x\ncalendar: cnn\n", "rules.yaml", env) ==
          Lines{"rules.yaml:2:11: unknown calendar \"cnn\" (did you mean \"cn\"?); calendars in "
                "r/calendars: cn, hk"});
    CHECK(check_policy("company: x\ncalendar: tw\n", "rules.yaml", env) ==
          Lines{"rules.yaml:2:11: unknown calendar \"tw\"; calendars in r/calendars: cn, hk"});
    env.calendars->names.clear();
    CHECK(check_policy("company: x\ncalendar: cn\n", "rules.yaml", env) ==
          Lines{"rules.yaml:2:11: unknown calendar \"cn\": r/calendars holds no calendar "
                "(NAME.yaml); make one with \"revisit calendar import\" (docs/calendar.md)"});
    // Where the policy names it, for load_calendar's message.
    const Policy p = parse_policy("company: x\ncalendar:   cn\n", "rules.yaml");
    CHECK(p.calendar_at.prefix() == "rules.yaml:2:13: ");
}

TEST_CASE("policy env: the calendars of a directory are its NAME.yaml files") {
    const test::TempDir dir;
    for (const char* name : {"cn.yaml", "hk.yaml", ".x.yaml", "cn.yaml.tmp-12", "notes.txt"})
        test::spit(dir / name, "");
    CHECK(calendars_in(dir.path()) == Lines{"cn", "hk"});
    CHECK(calendars_in(dir / "missing") == Lines{});
}
