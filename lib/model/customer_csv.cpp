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
    return {
        r.at.str(), r.op,    r.id, r.name, r.phone, join(r.owners, ";"), format_key_values(r.set),
        r.by,       r.source};
}

CustomerColumns CustomerColumns::from_header(const std::vector<std::string>& header,
                                             const std::string& file) {
    CustomerColumns columns;
    columns.index = require_columns(header, customer_columns(), file);
    columns.width = header.size();
    return columns;
}

CustomerRecord customer_from_record(const CustomerColumns& columns, const CsvRecord& row,
                                    const std::string& file) {
    const auto& f = row.fields;
    const auto& col = columns.index;
    if (f.size() != columns.width)
        throw Error(
            row.location(file, columns.width),
            fmt::format("expected {} fields as in the header, found {}", columns.width, f.size()));
    CustomerRecord r;
    auto at = DateTime::parse(f[col[0]]);
    if (!at)
        throw Error(
            row.location(file, col[0]),
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
        throw Error(row.location(file, col[2]), fmt::format("bad customer id \"{}\"", r.id));
    // CustomerBook::apply refuses it too, but only knows the line; here the column is known.
    if (r.op != "add" && r.op != "update")
        throw Error(row.location(file, col[1]),
                    fmt::format("unknown op \"{}\"; expected add or update", r.op));
    return r;
}

std::vector<CustomerRecord> parse_customer_records(std::string_view text, const std::string& file) {
    const CsvTable table = parse_csv_table(text, file);
    const CustomerColumns columns = CustomerColumns::from_header(table.header, file);
    std::vector<CustomerRecord> out;
    out.reserve(table.rows.size());
    for (const auto& row : table.rows) out.push_back(customer_from_record(columns, row, file));
    return out;
}

CustomerBook fold_customer_records(const std::vector<CustomerRecord>& records,
                                   const std::string& file) {
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
