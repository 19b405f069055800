#include "store/policy_env.h"

#include <dirent.h>
#include <fcntl.h>

#include <algorithm>
#include <cstdlib>

#include "store/io/fd.h"
#include "util/error.h"
#include "util/text.h"

namespace revisit {

namespace {

// The file's text, "" when it cannot be read.
std::string read_if_any(const std::string& path) {
    const io::Fd fd = io::open_fd(path, O_RDONLY);
    if (!fd.valid()) return {};
    try {
        return io::read_rest(fd.get(), path, 4 << 20);
    } catch (const Error&) {
        return {};
    }
}

// A relative path of plain names: nothing the C library would read outside the database.
bool plain_relative_path(const std::string& name) {
    if (name.empty() || name.size() > 200) return false;
    for (const std::string& part : split(name, '/')) {
        if (part.empty() || part == "." || part == "..") return false;
        if (part.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                   "0123456789._+-") != std::string::npos)
            return false;
    }
    return true;
}

}  // namespace

TimeZoneDatabase TimeZoneDatabase::host() {
    // glibc reads $TZDIR when it is set and not empty.
    const char* dir = std::getenv("TZDIR");
    return TimeZoneDatabase(dir && *dir ? dir : "/usr/share/zoneinfo");
}

bool TimeZoneDatabase::has(const std::string& name) const {
    if (!plain_relative_path(name) || name == "localtime") return false;
    const io::Fd fd = io::open_fd(dir_ + "/" + name, O_RDONLY);
    std::string magic;
    return fd.valid() && io::pread_up_to(fd.get(), 0, 4, magic) && magic == "TZif";
}

std::vector<std::string> TimeZoneDatabase::names() const {
    std::vector<std::string> out;
    // tzdata.zi: "Z NAME ..." for a zone, "L TARGET NAME" for another name of one.
    for (const std::string& line : split(read_if_any(dir_ + "/tzdata.zi"), '\n')) {
        const std::vector<std::string> f = split(line, ' ');
        if (f.size() >= 2 && f[0] == "Z") out.push_back(f[1]);
        if (f.size() >= 3 && f[0] == "L") out.push_back(f[2]);
    }
    if (out.empty())
        for (const char* tab : {"/zone1970.tab", "/zone.tab"})
            for (const std::string& line : split(read_if_any(dir_ + tab), '\n')) {
                const std::vector<std::string> f = split(line, '\t');
                if (f.size() >= 3 && !line.starts_with('#')) out.push_back(f[2]);
            }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool TimeZoneDatabase::installed() const {
    for (const char* name : {"/tzdata.zi", "/zone1970.tab", "/zone.tab"})
        if (io::open_fd(dir_ + name, O_RDONLY).valid()) return true;
    return has("UTC");
}

PolicyEnvironment::TimeZones TimeZoneDatabase::for_policy() const {
    PolicyEnvironment::TimeZones zones;
    zones.database = dir_;
    zones.installed = installed();
    zones.has = [db = *this](const std::string& name) { return db.has(name); };
    zones.names = [db = *this] { return db.names(); };
    return zones;
}

PolicyEnvironment policy_environment(const std::string& calendars_dir) {
    PolicyEnvironment env;
    env.time_zones = TimeZoneDatabase::host().for_policy();
    if (!calendars_dir.empty()) {
        env.calendars.emplace();
        env.calendars->dir = calendars_dir;
        env.calendars->names = calendars_in(calendars_dir);
    }
    return env;
}

std::vector<std::string> calendars_in(const std::string& dir) {
    std::vector<std::string> names;
    if (DIR* d = ::opendir(dir.c_str())) {
        while (const dirent* e = ::readdir(d)) {
            const std::string_view name = e->d_name;
            if (name.size() > 5 && name.ends_with(".yaml") && !name.starts_with('.'))
                names.emplace_back(name.substr(0, name.size() - 5));
        }
        ::closedir(d);
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace revisit
