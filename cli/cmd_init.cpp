// revisit init DIR --rules RULES.yaml|NAME [--group NAME]: a new data directory with the company's
// policy, its working calendar and empty journals; owner-only, or shared with a Unix group.

#include <fmt/format.h>

#include <iostream>

#include "calendar/calendar_yaml.h"
#include "common.h"
#include "csv/csv.h"
#include "policy/policy_loader.h"
#include "shipped_rules.h"
#include "store/policy_env.h"
#include "store/store.h"

namespace revisit::cli {

namespace {
struct InitOptions {
    std::string dir;
    std::string rules;
    std::string group;  // a team's Unix group, or "" for owner-only
};

std::string directory_of(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

void run_init(const InitOptions& o) {
    const std::string rules = rules_file_for(o.rules);  // a path, or a shipped file's name
    const std::string rules_text = read_text_file(rules);
    const Policy policy =
        parse_policy(rules_text, rules, policy_environment(directory_of(rules) + "/calendars"));
    std::vector<std::pair<std::string, std::string>> files{{"rules.yaml", rules_text}};
    if (!policy.calendar.empty()) {
        const std::string cal_path =
            directory_of(rules) + "/calendars/" + policy.calendar + ".yaml";
        const std::string cal_text = read_text_file(cal_path);
        parse_calendar_yaml(cal_text, cal_path);  // refuse a broken calendar now, not every morning
        files.emplace_back("calendars/" + policy.calendar + ".yaml", cal_text);
    }
    files.emplace_back(kCustomersFile, csv_line(customer_columns()));
    for (const auto& [name, header] : journal_headers()) files.emplace_back(name, header);
    DataDir::create(o.dir, files, o.group);
}
}  // namespace

void register_init(CLI::App& app, const GlobalOptions&) {
    auto opts = std::make_shared<InitOptions>();
    auto* cmd = app.add_subcommand("init", "create a data directory for a company's rules file");
    cmd->add_option("dir", opts->dir, "the directory to create")->required();
    cmd->add_option("--rules", opts->rules,
                    "the company's rules file, e.g. rules/cement.yaml, or the name of a shipped "
                    "one: sales-center, cement, property, decoration, group-service")
        ->required();
    cmd->add_option("--group", opts->group,
                    "share it with this Unix group: setgid directory, group read-write, others "
                    "nothing (default: owner only)");
    cmd->callback([opts] { run_init(*opts); });
}

}  // namespace revisit::cli
