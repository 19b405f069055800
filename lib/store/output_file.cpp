#include "store/output_file.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <climits>
#include <cstdlib>
#include <optional>

#include "store/io/atomic_file.h"

namespace revisit {

namespace {

std::optional<std::string> real_path(const std::string& path) {
    char buffer[PATH_MAX];
    if (!::realpath(path.c_str(), buffer)) return std::nullopt;
    return std::string(buffer);
}

bool is_file(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// What DataDir::open accepts, with the journal `init` writes: a data directory.
bool looks_like_data_dir(const std::string& dir) {
    const std::string base = dir == "/" ? "" : dir;
    return is_file(base + "/rules.yaml") && is_file(base + "/customers.csv");
}

}  // namespace

void check_output_file(const std::string& flag, const std::string& path, const DataDir* in_use) {
    // The deepest directory of the path that exists: DIR/.cache/x is inside DIR before
    // DIR/.cache is made.
    std::string part = io::parent_dir(path);
    std::optional<std::string> parent = real_path(part);
    while (!parent && io::parent_dir(part) != part) {
        part = io::parent_dir(part);
        parent = real_path(part);
    }
    if (!parent) return;
    const std::optional<std::string> used = in_use ? real_path(in_use->path()) : std::nullopt;
    for (std::string dir = *parent;; dir = io::parent_dir(dir)) {
        if (dir == used || looks_like_data_dir(dir)) {
            const std::string name = dir == used ? in_use->path() : dir;
            throw Error(
                fmt::format("{} {} is inside the data directory {}, whose files only "
                            "revisit itself writes; nothing was written: choose a file "
                            "outside it",
                            flag, path, name));
        }
        if (dir == "/" || dir.empty()) break;
    }
}

}  // namespace revisit
