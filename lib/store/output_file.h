#pragma once
// Where a command may write what it was asked to write to a file (`export --output`,
// `survey-stats --output`): never inside a data directory, whose files only revisit's own
// writers change (a report written over customers.csv loses the journal).

#include <string>

#include "store/data_dir.h"

namespace revisit {

// Throws Error (kExitError) when `path` is inside a data directory: `in_use` (the one the
// command reads; may be null) or any directory that holds rules.yaml and customers.csv, at
// any depth (DIR/calendars/cn.yaml too). The directory part of `path` is resolved first
// (symbolic links, ".."; the deepest part that exists); the file itself is replaced, never
// followed, so it need not be. The message names `flag`, `path` and the data directory.
void check_output_file(const std::string& flag, const std::string& path, const DataDir* in_use);

}  // namespace revisit
