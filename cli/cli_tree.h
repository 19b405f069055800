#pragma once
// The one walk of the CLI11 command tree. The man page (cmd_manpage.cpp), the completion
// scripts (cmd_completion.cpp) and the messages for unknown commands and flags
// (usage_error.cpp) all read what it returns, so none of them can drift from the flags that
// are parsed.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace revisit::cli {

// An option with a dash: `--format VALUE`, a flag `--raw`.
struct FlagInfo {
    std::vector<std::string> names;  // long names first: {"--output", "-o"}
    std::string value_name;          // "" for a flag that takes no value, else e.g. "TEXT"
    std::string description;
    std::vector<std::string> choices;  // the values a CLI::IsMember check allows, in order
    std::string envname;               // e.g. REVISIT_DATA, or ""
    bool required = false;
};

// A positional argument: `init DIR`.
struct PositionalInfo {
    std::string name;
    std::string description;
    bool required = false;
    bool repeated = false;  // takes every remaining argument (rules check FILE...)
};

// A command and what it takes; hidden commands and options (CLI11 group "") are left out.
struct CommandInfo {
    std::vector<std::string> path;  // {"complaint", "open"}; empty for revisit itself
    std::string description;
    std::vector<FlagInfo> flags;  // in registration order, -h/--help first
    std::vector<PositionalInfo> positionals;
    std::vector<CommandInfo> subcommands;

    std::string name() const;  // "complaint open", "" for the root
    const CommandInfo* subcommand(const std::string& name) const;
    const FlagInfo* flag(const std::string& name) const;
};

CommandInfo describe_commands(const CLI::App& root);

// Every command of the tree, the root first, each before its subcommands.
std::vector<const CommandInfo*> all_commands(const CommandInfo& root);

}  // namespace revisit::cli
