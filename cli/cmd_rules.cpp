// revisit rules check FILE...: every problem in a rules file, as file:line:column: message
// followed by the line and a caret.

#include <fmt/format.h>

#include <iostream>

#include "calendar/calendar_yaml.h"
#include "common.h"
#include "policy/policy_loader.h"
#include "store/data_dir.h"
#include "store/policy_env.h"

namespace revisit::cli {

namespace {
struct RulesOptions {
    std::vector<std::string> files;
};

std::string directory_of(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

// Every problem of a rules file (parse_policy lists them all), else of the calendar it names.
std::vector<Diagnostic> problems_of(const std::string& file) {
    const std::string text = read_text_file(file);
    try {
        const Policy policy =
            parse_policy(text, file, policy_environment(directory_of(file) + "/calendars"));
        if (!policy.calendar.empty()) {
            const std::string cal = directory_of(file) + "/calendars/" + policy.calendar + ".yaml";
            parse_calendar_yaml(read_text_file(cal), cal);
        }
    } catch (const Error& e) {
        return e.diagnostics();
    }
    return {};
}

void run_check(const RulesOptions& o) {
    size_t problems = 0;
    for (const auto& file : o.files) {
        const std::vector<Diagnostic> found = problems_of(file);
        for (const auto& d : found) {
            std::cerr << d.str() << '\n';
            if (const std::string excerpt = source_excerpt(d.where); !excerpt.empty())
                std::cerr << excerpt << '\n';
        }
        problems += found.size();
    }
    if (problems > 0) throw Error(fmt::format("{} problem(s) found", problems));
}
}  // namespace

void register_rules(CLI::App& app, const GlobalOptions&) {
    auto o = std::make_shared<RulesOptions>();
    auto* cmd = app.add_subcommand("rules", "work with rules files");
    cmd->require_subcommand(1);
    auto* check =
        cmd->add_subcommand("check", "validate rules files: every error, exit 0 only when clean");
    check->add_option("files", o->files, "rules files")->required();
    check->callback([o] { run_check(*o); });
}

}  // namespace revisit::cli
