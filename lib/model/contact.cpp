#include "model/contact.h"

#include <fmt/format.h>

#include "csv/csv.h"
#include "model/customer_csv.h"
#include "util/text.h"

namespace revisit {

std::optional<StoredPromise> parse_stored_promise(std::string_view column) {
    if (column.size() == 10)
        if (auto day = Date::parse(column)) return StoredPromise{.due = *day, .callback = -1};
    if (column.size() == 16 && column[10] == ' ')
        if (auto t = DateTime::parse(column))
            return StoredPromise{.due = t->date(), .callback = t->minute_of_day()};
    return std::nullopt;
}

const std::vector<std::string>& contact_columns() {
    static const std::vector<std::string> columns{
        "id",      "at",           "customer",  "channel", "outcome",
        "staff",   "note",         "signature", "promise", "promise_note",
        "finding", "finding_note", "set",       "amends",  "logged_at"};
    return columns;
}

std::vector<std::string> contact_record_fields(const ContactRecord& r) {
    return {r.id,
            r.at.str(),
            r.customer,
            r.channel,
            r.outcome,
            r.staff,
            r.note,
            r.signature,
            r.promise,
            r.promise_note,
            r.finding,
            r.finding_note,
            format_key_values(r.set),
            r.amends,
            r.logged_at.str()};
}

ContactColumns ContactColumns::from_header(const std::vector<std::string>& header,
                                           const std::string& file) {
    ContactColumns columns;
    columns.index = require_columns(header, contact_columns(), file);
    columns.width = header.size();
    return columns;
}

ContactRecord contact_from_record(const ContactColumns& columns, const CsvRecord& row,
                                  const std::string& file) {
    const auto& f = row.fields;
    const auto& col = columns.index;
    if (f.size() != columns.width)
        throw Error(
            row.location(file, columns.width),
            fmt::format("expected {} fields as in the header, found {}", columns.width, f.size()));
    auto time = [&](int c) {
        auto t = DateTime::parse(f[col[c]]);
        if (!t)
            throw Error(row.location(file, col[c]),
                        fmt::format("bad time \"{}\" in column {}; expected YYYY-MM-DD HH:MM",
                                    f[col[c]], contact_columns()[c]));
        return *t;
    };
    ContactRecord r;
    r.id = f[col[0]];
    r.at = time(1);
    r.customer = f[col[2]];
    r.channel = f[col[3]];
    r.outcome = f[col[4]];
    r.staff = f[col[5]];
    r.note = f[col[6]];
    r.signature = f[col[7]];
    r.promise = f[col[8]];
    r.promise_note = f[col[9]];
    r.finding = f[col[10]];
    r.finding_note = f[col[11]];
    r.set = parse_key_values(f[col[12]]);
    r.amends = f[col[13]];
    r.logged_at = time(14);
    return r;
}

std::vector<ContactRecord> parse_contacts(std::string_view text, const std::string& file) {
    std::vector<ContactRecord> out;
    if (text.empty()) return out;
    const CsvTable table = parse_csv_table(text, file);
    const ContactColumns columns = ContactColumns::from_header(table.header, file);
    out.reserve(table.rows.size());
    for (const auto& row : table.rows) out.push_back(contact_from_record(columns, row, file));
    return out;
}

}  // namespace revisit
