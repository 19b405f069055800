#pragma once
// `import customers`: turns a spreadsheet's rows into "add" records, checking every row
// (and rows against each other) before anything is written.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "csv/csv.h"
#include "model/customer.h"
#include "policy/policy.h"

namespace revisit {

struct ImportPlan {
    std::vector<CustomerRecord> records;  // to append, in file order
    // Each at its row (and column, when one field is at fault); nothing is written when any.
    std::vector<Diagnostic> problems;
};

// `column_map` maps a source column name to a field: id, name, phone, owners, created,
// or an attribute key. Unmapped columns must already be named after a field.
// Owners in one cell are separated by ";", "、" or ",". A row is created at its `created`
// (else `default_at`), which may not be later than `now` (future_time_problem). Two columns
// that give one field are refused, naming both. `progress`, when given, hears how many rows
// are checked, now and then and after the last.
ImportPlan plan_customer_import(const Policy& policy, const CustomerBook& book,
                                const CsvTable& table,
                                const std::map<std::string, std::string>& column_map,
                                DateTime default_at, DateTime now, const std::string& by,
                                const std::function<void(size_t done)>& progress = nullptr);

}  // namespace revisit
