// revisit import customers FILE.csv [--map COLUMN=FIELD]... [--encoding gb18030]: all rows or
// none.

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <optional>

#include "common.h"
#include "model/customer_import.h"
#include "model/phone.h"
#include "output.h"
#include "store/index/lookup.h"
#include "store/store.h"
#include "util/encoding.h"
#include "util/text.h"

namespace revisit::cli {

namespace {
struct ImportOptions {
    std::string file, at, now, by, encoding = "utf-8";
    std::vector<std::string> maps;
};

// The ids and phones the rows name (in every column that feeds "id" or "phone", as
// plan_customer_import maps them): the only customers an import can clash with.
CustomerKeys import_keys(const CsvTable& table,
                         const std::map<std::string, std::string>& column_map) {
    CustomerKeys keys;
    for (size_t i = 0; i < table.header.size(); ++i) {
        auto mapped = column_map.find(table.header[i]);
        const std::string& field = mapped != column_map.end() ? mapped->second : table.header[i];
        if (field != "id" && field != "phone") continue;
        for (const auto& row : table.rows) {
            const std::string& value = row.fields[i];
            if (field == "id") {
                if (!trim(value).empty()) keys.ids.emplace_back(trim(value));
            } else if (auto phone = normalize_phone(value)) {
                keys.phones.push_back(*phone);
            }
        }
    }
    return keys;
}

// Problems shown before "... and N more": enough to see what is wrong with a file.
constexpr size_t kShownProblems = 20;

// Every problem in file order (at most kShownProblems), then `hint` when there is one and
// how many there were: nothing is imported.
[[noreturn]] void refuse(std::vector<Diagnostic> problems, const std::string& file,
                         const std::string& hint) {
    std::stable_sort(
        problems.begin(), problems.end(),
        [](const Diagnostic& a, const Diagnostic& b) { return a.where.line < b.where.line; });
    const size_t total = problems.size();
    if (total > kShownProblems) {
        problems.resize(kShownProblems);
        problems.push_back(
            {Location{file}, fmt::format("... and {} more", total - kShownProblems)});
    }
    if (!hint.empty()) problems.push_back({Location{file}, hint});
    problems.push_back({Location{file}, fmt::format("{} problem(s); nothing was imported", total)});
    throw Error(problems);
}

std::map<std::string, std::string> parse_maps(const std::vector<std::string>& maps) {
    std::map<std::string, std::string> column_map;
    for (const auto& m : maps) {
        const auto eq = m.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == m.size())
            throw Error(fmt::format("--map expects COLUMN=FIELD, got \"{}\"", m), kExitUsage);
        column_map[m.substr(0, eq)] = m.substr(eq + 1);
    }
    return column_map;
}

void run_import(const GlobalOptions& global, const ImportOptions& o) {
    const std::optional<TextEncoding> encoding = parse_text_encoding(o.encoding);
    if (!encoding)
        throw Error(fmt::format("--encoding \"{}\" is not supported; use utf-8, gb18030 or gbk",
                                o.encoding),
                    kExitUsage);
    const DataDir dir = open_data(global);
    const Policy policy = load_policy(dir);
    const std::map<std::string, std::string> column_map = parse_maps(o.maps);
    const DateTime now = now_or(o.now, policy);
    const DateTime default_at = o.at.empty() ? now : now_or(o.at, policy);
    const std::string text = to_utf8(read_text_file(o.file), *encoding, o.file);
    // Rows that do not read (invalid UTF-8, a wrong number of fields) are problems like any
    // other: every one is reported, with the good rows' problems.
    std::vector<Diagnostic> problems;
    const CsvTable table = parse_csv_table(text, o.file, problems);
    const std::string hint = is_valid_utf8(text)
                                 ? ""
                                 : "the file is not UTF-8; a CSV saved by Chinese Excel or WPS is "
                                   "GB18030 (GBK): import it with --encoding gb18030";
    if (table.header.empty()) refuse(problems, o.file, hint);  // no columns to check rows by
    Progress progress("checking rows", table.rows.size());     // on a terminal only
    refresh_indexes(dir, {kCustomersFile});  // not under the lock: see Context::write_lock
    const DirLock lock = dir.lock_exclusive();
    const CustomerBook book = lookup_customers(dir, import_keys(table, column_map));
    const ImportPlan plan = plan_customer_import(policy, book, table, column_map, default_at, now,
                                                 o.by.empty() ? entered_by("") : o.by,
                                                 [&](size_t done) { progress.update(done); });
    problems.insert(problems.end(), plan.problems.begin(), plan.problems.end());
    if (!problems.empty()) {
        progress.finish("");
        refuse(problems, o.file, hint);
    }
    append_customer_records(dir, plan.records);
    progress.finish(fmt::format("imported {} customers", plan.records.size()));
}
}  // namespace

void register_import(CLI::App& app, const GlobalOptions& global) {
    auto o = std::make_shared<ImportOptions>();
    auto* cmd = app.add_subcommand("import", "load many records at once (all or nothing)");
    cmd->require_subcommand(1);
    auto* customers = cmd->add_subcommand("customers", "customers from a CSV with a header row");
    customers->add_option("file", o->file, "CSV file (UTF-8, BOM and CRLF accepted)")->required();
    customers->add_option("--encoding", o->encoding,
                          "utf-8 (the default), or gb18030 / gbk as Chinese Excel saves CSV");
    customers->add_option("--map", o->maps, "COLUMN=FIELD: read FIELD from COLUMN (repeat)");
    customers->add_option("--at", o->at, "creation time for rows without a created column");
    customers->add_option("--by", o->by, "who imports (default: $USER)");
    customers->add_option("--now", o->now, "entry time for tests (default: the clock)")->group("");
    customers->callback([&global, o] { run_import(global, *o); });
}

}  // namespace revisit::cli
