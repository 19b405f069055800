#pragma once
// The rules files shipped with revisit, which `init --rules NAME` finds by name: those
// installed beside the program (PREFIX/share/revisit/rules/ for PREFIX/bin/revisit), else,
// for a program run from its build directory, the source tree's rules/.

#include <string>
#include <vector>

namespace revisit::cli {

// The directory of the shipped rules files (with calendars/ in it), or "" when there is none.
std::string shipped_rules_dir();

// Their names, sorted: "cement", "sales-center" ... (files NAME.yaml).
std::vector<std::string> shipped_rules_names();

// The file `--rules VALUE` means: VALUE itself when it holds a slash, ends in .yaml or is a
// file, else
// the shipped file of that name; an unknown name is an Error that lists the names there are.
std::string rules_file_for(const std::string& value);

}  // namespace revisit::cli
