#include "model/customer_import.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/customer_edit.h"
#include "util/text.h"

namespace revisit {

namespace {

std::vector<std::string> split_owners(const std::string& cell) {
    std::string normalised;
    for (size_t i = 0; i < cell.size(); ++i) {
        if (cell.compare(i, 3, "、") == 0) {
            normalised += ';';
            i += 2;
        } else {
            normalised += cell[i] == ',' ? ';' : cell[i];
        }
    }
    std::vector<std::string> out;
    for (const auto& part : split(normalised, ';')) {
        const std::string name(trim(part));
        if (!name.empty()) out.push_back(name);
    }
    return out;
}

}  // namespace

ImportPlan plan_customer_import(const Policy& policy, const CustomerBook& book,
                                const CsvTable& table,
                                const std::map<std::string, std::string>& column_map,
                                DateTime default_at, DateTime now, const std::string& by,
                                const std::function<void(size_t done)>& progress) {
    ImportPlan plan;
    std::vector<std::string> fields{"id", "name", "phone", "owners", "created"};
    for (const auto& a : policy.attributes) fields.push_back(a.key);
    const std::vector<Location> cells = table.header_row.locations(table.file);
    Location header_at = cells.front();
    header_at.column = 0;  // the header line as a whole
    for (const auto& [from, to] : column_map) {
        if (table.column(from) < 0)
            plan.problems.push_back(
                {header_at,
                 fmt::format("--map names column \"{}\", which the file does not have", from)});
    }
    // Which field each column feeds; "" = none.
    std::vector<std::string> target(table.header.size());
    for (size_t i = 0; i < table.header.size(); ++i) {
        const std::string& col = table.header[i];
        auto mapped = column_map.find(col);
        const std::string field = mapped != column_map.end() ? mapped->second : col;
        if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
            plan.problems.push_back(
                {cells[std::min(i, cells.size() - 1)],
                 fmt::format("column \"{}\" is not a customer field{}; fields: {} (map a column "
                             "with --map COLUMN=FIELD)",
                             col, did_you_mean(field, fields), join(fields, ", "))});
            continue;
        }
        target[i] = field;
    }
    // Two columns that give one field: which would win is a guess, so neither does.
    const auto column_name = [&](size_t i) {
        const std::string& col = table.header[i];
        return column_map.count(col)
                   ? fmt::format("{} \"{}\" (--map {}={})", i + 1, col, col, target[i])
                   : fmt::format("{} \"{}\"", i + 1, col);
    };
    std::map<std::string, size_t> first_column;  // by field
    for (size_t i = 0; i < target.size(); ++i) {
        if (target[i].empty()) continue;
        const auto [first, fresh] = first_column.emplace(target[i], i);
        if (!fresh)
            plan.problems.push_back(
                {cells[std::min(i, cells.size() - 1)],
                 fmt::format("columns {} and {} both give \"{}\"; keep one of them",
                             column_name(first->second), column_name(i), target[i])});
    }
    for (const char* needed : {"name", "phone"})
        if (std::find(target.begin(), target.end(), needed) == target.end())
            plan.problems.push_back({header_at, fmt::format("no column gives \"{}\"", needed)});
    // `by` (--by, else $USER) goes into every row: one problem, not one per row.
    if (std::string p = text_field_problem("--by", by, false); !p.empty())
        plan.problems.push_back({Location{}, p});
    if (std::string p = future_time_problem("--at", default_at, now); !p.empty())
        plan.problems.push_back({Location{}, p});
    if (!plan.problems.empty()) return plan;

    CustomerBook staged = book;  // later rows are checked against earlier ones
    staged.reserve(book.size() + table.rows.size());
    size_t done = 0;
    for (const auto& row : table.rows) {
        if (progress && ++done % 16384 == 0) progress(done);
        CustomerInput input;
        DateTime at = default_at;
        std::vector<Diagnostic> field_problems;  // the field is known
        for (size_t i = 0; i < target.size(); ++i) {
            const std::string& value = row.fields[i];
            const std::string& field = target[i];
            if (field == "id")
                input.id = std::string(trim(value));
            else if (field == "name")
                input.name = value;
            else if (field == "phone")
                input.phone = value;
            else if (field == "owners")
                input.owners = split_owners(value);
            else if (field == "created") {
                if (trim(value).empty()) continue;
                auto t = DateTime::parse(std::string(trim(value)));
                if (!t)
                    field_problems.push_back(
                        {row.location(table.file, i),
                         fmt::format("created \"{}\" is not a date or \"YYYY-MM-DD HH:MM\"",
                                     value)});
                else if (std::string p = future_time_problem("created", *t, now); !p.empty())
                    field_problems.push_back({row.location(table.file, i), p});
                else
                    at = *t;
            } else if (!trim(value).empty()) {
                input.set.emplace_back(field, std::string(trim(value)));
            }
        }
        std::vector<std::string> problems;  // the row's: shown as its line, without a column
        CustomerRecord record = make_add_record(policy, staged, input, at, problems);
        Location where = row.location(table.file, 0);
        where.column = 0;
        plan.problems.insert(plan.problems.end(), field_problems.begin(), field_problems.end());
        for (const auto& p : problems) plan.problems.push_back({where, p});
        if (!problems.empty() || !field_problems.empty()) continue;
        record.by = by;
        record.source = "import";
        staged.apply(record);
        plan.records.push_back(std::move(record));
    }
    if (progress) progress(table.rows.size());
    return plan;
}

}  // namespace revisit
