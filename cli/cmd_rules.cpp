// revisit rules check FILE...: every problem in a rules file, as file:line:column: message.

#include <fmt/format.h>

#include <iostream>

#include "calendar/calendar_yaml.h"
#include "common.h"
#include "policy/policy_loader.h"
#include "store/data_dir.h"

namespace revisit::cli {

namespace {
struct RulesOptions {
    std::vector<std::string> files;
};

std::string directory_of(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

void run_check(const RulesOptions& o) {
    size_t problems = 0;
    for (const auto& file : o.files) {
        const std::string text = read_text_file(file);
        std::vector<std::string> found = check_policy(text, file);
        if (found.empty()) {
            // The calendar it names must exist and be valid too.
            const Policy policy = parse_policy(text, file);
            if (!policy.calendar.empty()) {
                const std::string cal = directory_of(file) + "/calendars/" + policy.calendar + ".yaml";
                try {
                    parse_calendar_yaml(read_text_file(cal), cal);
                } catch (const Error& e) {
                    found.push_back(e.what());
                }
            }
        }
        for (const auto& line : found) std::cerr << line << '\n';
        problems += found.size();
    }
    if (problems > 0)
        throw Error(fmt::format("{} problem(s) found", problems));
}
}  // namespace

void register_rules(CLI::App& app, const GlobalOptions&) {
    auto o = std::make_shared<RulesOptions>();
    auto* cmd = app.add_subcommand("rules", "work with rules files");
    cmd->require_subcommand(1);
    auto* check = cmd->add_subcommand("check", "validate rules files: every error, exit 0 only when clean");
    check->add_option("files", o->files, "rules files")->required();
    check->callback([o] { run_check(*o); });
}

}  // namespace revisit::cli
