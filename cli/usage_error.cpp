#include "usage_error.h"

#include <fmt/format.h>

#include "util/text.h"

namespace revisit::cli {

namespace {

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

// " for \"due\"", or "" at the root.
std::string for_command(const CommandInfo& c) {
    return c.path.empty() ? "" : " for " + in_quotes(c.name());
}

std::string with_prefix(const CommandInfo& c, const std::string& word) {
    return c.path.empty() ? word : c.name() + " " + word;
}

std::vector<std::string> subcommand_names(const CommandInfo& c) {
    std::vector<std::string> out;
    for (const auto& s : c.subcommands) out.push_back(s.path.back());
    return out;
}

std::string unknown_command(const CommandInfo& c, const std::string& word) {
    const std::string best = closest_match(word, subcommand_names(c));
    if (!best.empty())
        return fmt::format("unknown command {} (did you mean {}?)", in_quotes(with_prefix(c, word)),
                           in_quotes(with_prefix(c, best)));
    return fmt::format("unknown command {}; the commands{} are: {}",
                       in_quotes(with_prefix(c, word)), c.path.empty() ? "" : " of " + c.name(),
                       join(subcommand_names(c), ", "));
}

// The flag `name` as the command or a command above it takes it (CLI11 falls through).
const FlagInfo* find_flag(const std::vector<const CommandInfo*>& chain, const std::string& name) {
    for (auto it = chain.rbegin(); it != chain.rend(); ++it)
        if (const FlagInfo* f = (*it)->flag(name)) return f;
    return nullptr;
}

std::string unknown_flag(const std::vector<const CommandInfo*>& chain, const std::string& name) {
    std::vector<std::string> longs;
    for (const CommandInfo* c : chain)
        for (const auto& f : c->flags)
            for (const auto& n : f.names)
                if (n.starts_with("--")) longs.push_back(n);
    // One letter is too little to guess from; "-today" is "--today" with a dash missing.
    std::string best;
    if (name.starts_with("--"))
        best = closest_match(name, longs);
    else if (name.size() > 2 && find_flag(chain, "-" + name))
        best = "-" + name;
    return fmt::format("unknown flag {}{}{}", in_quotes(name), for_command(*chain.back()),
                       best.empty() ? "" : " (did you mean " + in_quotes(best) + "?)");
}

size_t positional_capacity(const CommandInfo& c) {
    size_t n = 0;
    for (const auto& p : c.positionals) {
        if (p.repeated) return SIZE_MAX;
        ++n;
    }
    return n;
}

}  // namespace

UsageProblem diagnose_usage(const CommandInfo& root, const std::vector<std::string>& args) {
    std::vector<const CommandInfo*> chain{&root};
    size_t positionals = 0;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const CommandInfo& cur = *chain.back();
        if (a == "--") return {"", cur.name()};
        if (a.size() > 1 && a[0] == '-') {
            const bool is_long = a.starts_with("--");
            const auto eq = is_long ? a.find('=') : std::string::npos;
            const std::string name = is_long ? a.substr(0, eq) : a.substr(0, 2);
            const FlagInfo* f = find_flag(chain, name);
            if (!f) return {unknown_flag(chain, is_long ? name : a), cur.name()};
            const bool inline_value = is_long ? eq != std::string::npos : a.size() > 2;
            if (!f->value_name.empty() && !inline_value) ++i;  // its value
            continue;
        }
        if (const CommandInfo* sub = cur.subcommand(a)) {
            chain.push_back(sub);
            positionals = 0;
            continue;
        }
        if (positionals < positional_capacity(cur)) {
            ++positionals;
            continue;
        }
        if (!cur.subcommands.empty()) return {unknown_command(cur, a), cur.name()};
        return {fmt::format("unexpected argument {}{}", in_quotes(a), for_command(cur)),
                cur.name()};
    }
    const CommandInfo& last = *chain.back();
    if (!last.subcommands.empty()) {
        const std::string who = last.path.empty() ? "revisit" : "revisit " + last.name();
        return {fmt::format("{} needs a command: {}", who, join(subcommand_names(last), ", ")),
                last.name()};
    }
    return {"", last.name()};
}

}  // namespace revisit::cli
