#include "shipped_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "util/error.h"
#include "util/text.h"

namespace revisit::cli {

namespace fs = std::filesystem;

namespace {

// The directory of the running program (/proc/self/exe), or "" when it cannot be read.
fs::path program_dir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path();
}

bool is_dir(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec);
}

// Inside the build tree the source's rules/ are the shipped ones; an installed program never
// looks there (the tree it was built in may be gone, or be another version).
fs::path build_tree_rules(const fs::path& dir) {
    const fs::path build = REVISIT_BINARY_DIR;
    const auto rel = dir.lexically_relative(build);
    if (rel.empty() || rel.native().starts_with("..")) return {};
    return fs::path(REVISIT_SOURCE_DIR) / "rules";
}

}  // namespace

std::string shipped_rules_dir() {
    const fs::path dir = program_dir();
    if (dir.empty()) return "";
    if (const fs::path installed = dir.parent_path() / "share/revisit/rules"; is_dir(installed))
        return installed.string();
    if (const fs::path source = build_tree_rules(dir); !source.empty() && is_dir(source))
        return source.string();
    return "";
}

std::vector<std::string> shipped_rules_names() {
    std::vector<std::string> names;
    const std::string dir = shipped_rules_dir();
    if (dir.empty()) return names;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".yaml") names.push_back(e.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string rules_file_for(const std::string& value) {
    std::error_code ec;
    if (value.find('/') != std::string::npos || value.ends_with(".yaml") ||
        fs::is_regular_file(value, ec))
        return value;
    const std::vector<std::string> names = shipped_rules_names();
    if (std::find(names.begin(), names.end(), value) != names.end())
        return shipped_rules_dir() + "/" + value + ".yaml";
    if (names.empty())
        throw Error(
            fmt::format("--rules {}: no shipped rules files are installed (looked in "
                        "share/revisit/rules beside the program); give a file's path",
                        value));
    throw Error(
        fmt::format("--rules {}: no shipped rules file of that name{}; the shipped ones "
                    "are: {} (or give a file's path)",
                    value, did_you_mean(value, names), join(names, ", ")));
}

}  // namespace revisit::cli
