#pragma once
// The bash, zsh and fish completion scripts of `revisit completion SHELL`, generated from the
// command tree (cli_tree.h): commands, flags, the values an IsMember check allows, and for
// flags whose values the rules file declares (--channel, --outcome, --set, --category,
// --staff ...) a call back to `revisit completion --values KIND` at completion time, with
// the --data the command line names.

#include <string>

#include "cli_tree.h"

namespace revisit::cli {

std::string bash_completion(const CommandInfo& root);
std::string zsh_completion(const CommandInfo& root);
std::string fish_completion(const CommandInfo& root);

// The kind of `revisit completion --values KIND` that completes `flag`'s value, or "".
std::string value_kind(const std::string& flag);

}  // namespace revisit::cli
