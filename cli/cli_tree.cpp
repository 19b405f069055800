#include "cli_tree.h"

#include <algorithm>

namespace revisit::cli {

namespace {

// get_type_name() is "TEXT" or "TEXT:{table,csv,json}" when an IsMember check is attached.
std::vector<std::string> choices_of(const std::string& type_name) {
    const auto open = type_name.find(":{");
    if (open == std::string::npos || type_name.back() != '}') return {};
    std::vector<std::string> out;
    std::string item;
    for (char c : type_name.substr(open + 2, type_name.size() - open - 3)) {
        if (c == ',') {
            out.push_back(item);
            item.clear();
        } else {
            item += c;
        }
    }
    out.push_back(item);
    return out;
}

std::string value_name_of(const std::string& type_name) {
    return type_name.substr(0, type_name.find(':'));
}

bool takes_value(const CLI::Option& opt) { return opt.get_type_size_max() > 0; }

FlagInfo flag_of(const CLI::Option& opt) {
    FlagInfo f;
    for (const auto& n : opt.get_lnames()) f.names.push_back("--" + n);
    for (const auto& n : opt.get_snames()) f.names.push_back("-" + n);
    if (takes_value(opt)) {
        f.value_name = value_name_of(opt.get_type_name());
        f.choices = choices_of(opt.get_type_name());
    }
    f.description = opt.get_description();
    f.envname = opt.get_envname();
    f.required = opt.get_required();
    return f;
}

PositionalInfo positional_of(const CLI::Option& opt) {
    PositionalInfo p;
    p.name = opt.get_name(true);
    p.description = opt.get_description();
    p.required = opt.get_required();
    p.repeated = opt.get_items_expected_max() > 1;
    return p;
}

CommandInfo describe(const CLI::App& app, std::vector<std::string> path) {
    CommandInfo info;
    info.path = path;
    info.description = app.get_description();
    for (const CLI::Option* opt : app.get_options()) {
        if (opt->get_group().empty()) continue;  // hidden: for tests only
        if (opt->nonpositional())
            info.flags.push_back(flag_of(*opt));
        else
            info.positionals.push_back(positional_of(*opt));
    }
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (sub->get_group().empty()) continue;
        std::vector<std::string> sub_path = path;
        sub_path.push_back(sub->get_name());
        info.subcommands.push_back(describe(*sub, sub_path));
    }
    return info;
}

void collect(const CommandInfo& c, std::vector<const CommandInfo*>& out) {
    out.push_back(&c);
    for (const auto& s : c.subcommands) collect(s, out);
}

}  // namespace

std::string CommandInfo::name() const {
    std::string out;
    for (const auto& p : path) out += (out.empty() ? "" : " ") + p;
    return out;
}

const CommandInfo* CommandInfo::subcommand(const std::string& sub) const {
    for (const auto& s : subcommands)
        if (s.path.back() == sub) return &s;
    return nullptr;
}

const FlagInfo* CommandInfo::flag(const std::string& flag_name) const {
    for (const auto& f : flags)
        if (std::find(f.names.begin(), f.names.end(), flag_name) != f.names.end()) return &f;
    return nullptr;
}

CommandInfo describe_commands(const CLI::App& root) { return describe(root, {}); }

std::vector<const CommandInfo*> all_commands(const CommandInfo& root) {
    std::vector<const CommandInfo*> out;
    collect(root, out);
    return out;
}

}  // namespace revisit::cli
