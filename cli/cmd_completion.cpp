// revisit completion bash|zsh|fish: a completion script generated from the command tree.
// revisit completion --values KIND: what the scripts ask at completion time, one per line,
// from the data directory (--data or REVISIT_DATA): nothing, and exit 0, when there is none.

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <set>

#include "cli_tree.h"
#include "common.h"
#include "completion_scripts.h"
#include "shipped_rules.h"
#include "store/store.h"
#include "util/text.h"

namespace revisit::cli {

namespace {

struct CompletionOptions {
    std::string shell, values;
};

const std::vector<std::string> kKinds = {"attributes",  "categories", "channels",
                                         "departments", "outcomes",   "rules",
                                         "severities",  "sources",    "staff"};

// "key=" for every attribute, and "key=value" for each value it may take.
std::vector<std::string> attribute_values(const Policy& policy) {
    std::vector<std::string> out;
    for (const auto& a : policy.attributes) {
        out.push_back(a.key + "=");
        std::vector<std::string> values = a.values;
        if (a.type == AttributeSpec::Type::Bool) values = {"yes", "no"};
        for (const auto& v : values)
            if (check_attribute(policy, a.key, v).empty()) out.push_back(a.key + "=" + v);
    }
    return out;
}

// Everyone who owns a customer: the names --staff and --owner take.
std::vector<std::string> staff_names(const DataDir& dir) {
    std::set<std::string> names;
    const CustomerBook book = load_customers(dir);
    for (const auto& c : book.all()) names.insert(c.owners.begin(), c.owners.end());
    return {names.begin(), names.end()};
}

std::vector<std::string> policy_values(const Policy& policy, const std::string& kind) {
    std::vector<std::string> out;
    const ComplaintPolicy& cp = policy.complaints;
    if (kind == "channels") return policy.channel_ids();
    if (kind == "outcomes") return policy.outcome_ids();
    if (kind == "attributes") return attribute_values(policy);
    if (kind == "categories")
        for (const auto& c : cp.categories) out.push_back(c.id);
    if (kind == "severities")
        for (const auto& s : cp.severities) out.push_back(s.id);
    if (kind == "departments") return cp.departments;
    if (kind == "sources") return cp.sources;
    return out;
}

std::vector<std::string> values_of(const GlobalOptions& global, const std::string& kind) {
    if (kind == "rules") return shipped_rules_names();
    if (global.data_dir.empty()) return {};
    try {
        const DataDir dir = DataDir::open(global.data_dir);
        if (kind == "staff") return staff_names(dir);
        return policy_values(load_policy(dir), kind);
    } catch (const Error&) {
        return {};  // a half-typed --data, a broken rules file: no values, no noise
    }
}

void run_completion(const CLI::App& root, const GlobalOptions& global, const CompletionOptions& o) {
    if (!o.values.empty()) {
        if (std::find(kKinds.begin(), kKinds.end(), o.values) == kKinds.end())
            throw Error(fmt::format("--values {}: unknown kind{}; the kinds are: {}", o.values,
                                    did_you_mean(o.values, kKinds), join(kKinds, ", ")),
                        kExitUsage);
        for (const auto& v : values_of(global, o.values)) std::cout << v << '\n';
        return;
    }
    if (o.shell.empty()) throw Error("completion needs a shell: bash, zsh or fish", kExitUsage);
    const CommandInfo tree = describe_commands(root);
    if (o.shell == "bash") std::cout << bash_completion(tree);
    if (o.shell == "zsh") std::cout << zsh_completion(tree);
    if (o.shell == "fish") std::cout << fish_completion(tree);
}

}  // namespace

void register_completion(CLI::App& app, const GlobalOptions& global) {
    auto o = std::make_shared<CompletionOptions>();
    auto* cmd = app.add_subcommand(
        "completion", "print a shell completion script: revisit completion bash > FILE");
    cmd->add_option("shell", o->shell, "bash, zsh or fish")
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    cmd->add_option("--values", o->values,
                    "print the values of one kind, one per line, from the data directory, as "
                    "the scripts ask: " +
                        join(kKinds, ", "));
    cmd->callback([&app, &global, o] { run_completion(app, global, *o); });
}

}  // namespace revisit::cli
