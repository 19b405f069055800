#include "complaint/complaint.h"

#include <fmt/format.h>

#include <algorithm>

#include "csv/csv.h"
#include "model/customer_csv.h"
#include "util/error.h"
#include "util/text.h"

namespace revisit {

namespace {
constexpr std::string_view kEventNames[] = {"open", "update", "resolve", "close", "reopen"};

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    for (auto& part : split(text, ';'))
        if (!trim(part).empty()) out.emplace_back(trim(part));
    return out;
}
}  // namespace

std::string_view event_name(ComplaintEventKind kind) { return kEventNames[static_cast<int>(kind)]; }

std::optional<ComplaintEventKind> parse_event_name(std::string_view text) {
    for (int i = 0; i < 5; ++i)
        if (kEventNames[i] == text) return static_cast<ComplaintEventKind>(i);
    return std::nullopt;
}

std::string Deadline::str() const { return timed ? at.str() : at.date().str(); }

std::optional<Deadline> Deadline::parse(std::string_view text) {
    if (text.size() == 10) {
        auto d = Date::parse(text);
        if (!d) return std::nullopt;
        return Deadline{DateTime::at(*d), false};
    }
    auto t = DateTime::parse(text);
    if (!t) return std::nullopt;
    return Deadline{*t, true};
}

const std::vector<std::string>& complaint_columns() {
    static const std::vector<std::string> columns{
        "id",       "at",        "event",        "complaint",  "customer", "subject",
        "category", "source",    "severity",     "department", "staff",    "escalated_to",
        "deadline", "repeat_of", "satisfaction", "note",       "set",      "logged_at"};
    return columns;
}

std::vector<std::string> complaint_event_fields(const ComplaintEvent& e) {
    return {e.id,
            e.at.str(),
            std::string(event_name(e.kind)),
            e.complaint,
            e.customer,
            e.subject,
            e.category,
            e.source,
            e.severity,
            join(e.departments, ";"),
            e.staff,
            e.escalated_to,
            e.deadline ? e.deadline->str() : "",
            join(e.repeat_of, ";"),
            e.satisfaction,
            e.note,
            format_key_values(e.set),
            e.logged_at.str()};
}

ComplaintColumns ComplaintColumns::from_header(const std::vector<std::string>& header,
                                               const std::string& file) {
    const auto& names = complaint_columns();
    ComplaintColumns columns;
    columns.width = header.size();
    for (const auto& name : names) {
        const auto found = std::find_if(header.begin(), header.end(),
                                        [&](const std::string& h) { return trim(h) == name; });
        if (found == header.end())
            throw Error(
                Location{file, 1, 0},
                fmt::format("missing column \"{}\"; expected columns: {}", name, join(names, ",")));
        columns.index.push_back(static_cast<int>(found - header.begin()));
    }
    return columns;
}

ComplaintEvent complaint_event_from_record(const ComplaintColumns& columns, const CsvRecord& row,
                                           const std::string& file) {
    const auto& names = complaint_columns();
    if (row.fields.size() != columns.width)
        throw Error(row.location(file, columns.width),
                    fmt::format("expected {} fields as in the header, found {}", columns.width,
                                row.fields.size()));
    auto field = [&](int c) -> const std::string& { return row.fields[columns.index[c]]; };
    auto bad = [&](int c, const char* expected) {
        return Error(row.location(file, columns.index[c]),
                     fmt::format("bad {} \"{}\"; expected {}", names[c], field(c), expected));
    };
    auto time = [&](int c) {
        auto t = DateTime::parse(field(c));
        if (!t) throw bad(c, "YYYY-MM-DD HH:MM");
        return *t;
    };
    ComplaintEvent e;
    e.line = row.line;
    e.id = field(0);
    e.at = time(1);
    auto kind = parse_event_name(field(2));
    if (!kind) throw bad(2, "open, update, resolve, close or reopen");
    e.kind = *kind;
    e.complaint = field(3);
    e.customer = field(4);
    e.subject = field(5);
    e.category = field(6);
    e.source = field(7);
    e.severity = field(8);
    e.departments = split_list(field(9));
    e.staff = field(10);
    e.escalated_to = field(11);
    if (!field(12).empty()) {
        e.deadline = Deadline::parse(field(12));
        if (!e.deadline) throw bad(12, "YYYY-MM-DD or YYYY-MM-DD HH:MM");
    }
    e.repeat_of = split_list(field(13));
    e.satisfaction = field(14);
    e.note = field(15);
    e.set = parse_key_values(field(16));
    e.logged_at = time(17);
    return e;
}

std::vector<ComplaintEvent> parse_complaint_events(std::string_view text, const std::string& file) {
    std::vector<ComplaintEvent> out;
    if (text.empty()) return out;
    // Streamed row by row: a table of every field first would double the memory and time.
    CsvReader reader(text, file);
    CsvRecord record;
    if (!reader.next(record))
        throw Error(Location{file, 1, 0}, "empty file: expected a header row");
    const ComplaintColumns columns = ComplaintColumns::from_header(record.fields, file);
    while (reader.next(record)) {
        if (record.fields.size() == 1 && record.fields[0].empty()) continue;  // blank line
        out.push_back(complaint_event_from_record(columns, record, file));
    }
    return out;
}

std::vector<CustomerRecord> complaint_customer_records(const std::vector<ComplaintEvent>& events) {
    std::vector<CustomerRecord> out;
    for (const auto& e : events) {
        if (e.set.empty()) continue;
        CustomerRecord r;
        r.at = e.at;
        r.op = "update";
        r.id = e.customer;
        r.set = e.set;
        r.by = e.staff;
        r.source = "complaint:" + e.id;
        out.push_back(std::move(r));
    }
    return out;
}

const std::vector<std::string>& satisfaction_levels() {
    static const std::vector<std::string> levels{"satisfied", "partly", "unsatisfied"};
    return levels;
}

}  // namespace revisit
