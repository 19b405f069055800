#pragma once
// What to say when CLI11 refuses a command line: the word that was typed, the command it was
// typed to, and the closest command or flag (docs/commands.md, "Exit codes").

#include <string>
#include <vector>

#include "cli_tree.h"

namespace revisit::cli {

struct UsageProblem {
    std::string message;  // "" when nothing more precise than CLI11's own text can be said
    std::string command;  // the command reached, for the hint "run 'revisit due --help'"
};

// Walks `args` (argv without the program name) through the tree as CLI11 does: subcommand
// names, flags of the command and of the commands it is under, the values flags take and
// positional arguments. The first word it cannot place gives the message:
//   unknown command "dua" (did you mean "due"?)
//   unknown flag "--todya" for "due" (did you mean "--today"?)
//   unexpected argument "extra" for "due"
//   "complaint" needs a command: open, update, ...
UsageProblem diagnose_usage(const CommandInfo& root, const std::vector<std::string>& args);

}  // namespace revisit::cli
