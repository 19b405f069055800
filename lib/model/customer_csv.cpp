#include "model/customer_csv.h"

#include <fmt/format.h>

#include "util/text.h"

namespace revisit {

const std::vector<std::string>& customer_columns() {
    static const std::vector<std::string> columns{"at",     "op",         "id", "name",  "phone",
                                                  "owners", "attributes", "by", "source"};
    return columns;
}

std::string format_key_values(const KeyValues& kv) {
    std::string out;
    for (const auto& [k, v] : kv) {
        if (!out.empty()) out += '\n';
        out += k + "=" + v;
    }
    return out;
}

KeyValues parse_key_values(const std::string& text) {
    KeyValues out;
    for (auto line : split(text, '\n')) {
        if (!line.empty() && line.back() == '\r') line.pop_back();  // a journal saved with CRLF
        const auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        out.emplace_back(std::string(trim(line.substr(0, eq))), line.substr(eq + 1));
    }
    return out;
}

std::vector<std::string> customer_record_fields(const CustomerRecord& r) {
    return {r.at.str(),          r.op, r.id, r.name, r.phone, join(r.owners, ";"),
            format_key_values(r.set), r.by, r.source};
}

namespace {
int require_column(const CsvTable& table, const std::string& name) {
    const int i = table.column(name);
    if (i < 0)
        throw Error(Location{table.file, 1, 0},
                    fmt::format("missing column \"{}\"; expected columns: {}", name,
                                join(customer_columns(), ",")));
    return i;
}
}  // namespace

std::vector<CustomerRecord> parse_customer_records(std::string_view text, const std::string& file) {
    const CsvTable table = parse_csv_table(text, file);
    std::vector<int> col;
    for (const auto& name : customer_columns()) col.push_back(require_column(table, name));
    std::vector<CustomerRecord> out;
    out.reserve(table.rows.size());
    for (const auto& row : table.rows) {
        const auto& f = row.fields;
        CustomerRecord r;
        auto at = DateTime::parse(f[col[0]]);
        if (!at)
            throw Error(Location{file, row.line, 0},
                        fmt::format("bad time \"{}\" in column at; expected YYYY-MM-DD HH:MM", f[col[0]]));
        r.at = *at;
        r.op = f[col[1]];
        r.id = f[col[2]];
        r.name = f[col[3]];
        r.phone = f[col[4]];
        if (!f[col[5]].empty()) r.owners = split(f[col[5]], ';');
        r.set = parse_key_values(f[col[6]]);
        r.by = f[col[7]];
        r.source = f[col[8]];
        r.line = row.line;
        if (!is_valid_id(r.id))
            throw Error(Location{file, row.line, 0}, fmt::format("bad customer id \"{}\"", r.id));
        out.push_back(std::move(r));
    }
    return out;
}

CustomerBook fold_customer_records(const std::vector<CustomerRecord>& records, const std::string& file) {
    CustomerBook book;
    for (const auto& r : records) {
        const std::string problem = book.apply(r);
        if (!problem.empty()) throw Error(Location{file, r.line, 0}, problem);
    }
    return book;
}

CustomerBook load_customer_book(std::string_view text, const std::string& file) {
    return fold_customer_records(parse_customer_records(text, file), file);
}

}  // namespace revisit
