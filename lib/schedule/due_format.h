#pragma once
// The call list as text: csv lines, json, table rows. Values in, strings out; cli/ prints.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "schedule/due.h"

namespace revisit {

// The columns of `due --format csv`.
const std::vector<std::string>& due_csv_columns();
// The item's csv line (due_csv_columns()), appended to `out` field by field. Cells a
// spreadsheet would run as formulas (names such as "=1+2") get a leading apostrophe
// (csv.h excel_safe) unless `raw`.
void append_due_csv_row(std::string& out, const DueItem& item, bool raw);

// `due --format json`: {"date", "items": [...]} as nlohmann's dump(2) of the whole document
// prints it, given to `write` a block at a time (a document of a large list would take
// several times the memory of its text).
void write_due_json(const std::vector<DueItem>& items, Date today,
                    const std::function<void(std::string_view)>& write);

// The table of `due` (empty when nothing is due) and its header.
const std::vector<std::string>& due_table_header();
std::vector<std::vector<std::string>> due_table_rows(const std::vector<DueItem>& items);
// `due --explain`: each item's reasons with the chain behind them, one line per reason.
std::string due_explain_text(const std::vector<DueItem>& items);

}  // namespace revisit
