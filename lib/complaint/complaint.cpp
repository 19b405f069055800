#include "complaint/complaint.h"

#include <fmt/format.h>

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

std::vector<ComplaintEvent> parse_complaint_events(std::string_view text, const std::string& file) {
    std::vector<ComplaintEvent> out;
    if (text.empty()) return out;
    const CsvTable table = parse_csv_table(text, file);
    const auto& columns = complaint_columns();
    std::vector<int> col;
    for (const auto& name : columns) {
        const int i = table.column(name);
        if (i < 0)
            throw Error(Location{file, 1, 0},
                        fmt::format("missing column \"{}\"; expected columns: {}", name,
                                    join(columns, ",")));
        col.push_back(i);
    }
    out.reserve(table.rows.size());
    for (const auto& row : table.rows) {
        auto field = [&](int c) -> const std::string& { return row.fields[col[c]]; };
        auto bad = [&](int c, const char* expected) {
            return Error(Location{file, row.line, 0},
                         fmt::format("bad {} \"{}\"; expected {}", columns[c], field(c), expected));
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
        out.push_back(std::move(e));
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
