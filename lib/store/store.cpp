#include "store/store.h"

#include "calendar/calendar_yaml.h"
#include "complaint/complaint.h"
#include "csv/csv.h"
#include "model/contact.h"
#include "policy/policy_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <unordered_set>
#include <cstdlib>

namespace revisit {

std::vector<std::pair<std::string, std::string>> journal_headers() {
    return {{kContactsFile, csv_line(contact_columns())},
            {kComplaintsFile, csv_line(complaint_columns())}};
}

Policy load_policy(const DataDir& dir) {
    return parse_policy(dir.read("rules.yaml"), dir.file("rules.yaml"));
}

WorkingCalendar load_calendar(const DataDir& dir, const Policy& policy) {
    if (policy.calendar.empty()) return WorkingCalendar();
    const std::string name = "calendars/" + policy.calendar + ".yaml";
    return parse_calendar_yaml(dir.read(name), dir.file(name));
}

CustomerBook load_customers(const DataDir& dir) {
    const std::string text = dir.read(kCustomersFile, true);
    if (text.empty()) return CustomerBook();
    return load_customer_book(text, dir.file(kCustomersFile));
}

CustomerState load_customer_state(const DataDir& dir) {
    CustomerState state;
    const std::string customers_file = dir.file(kCustomersFile);
    std::vector<CustomerRecord> records =
        parse_customer_records(dir.read(kCustomersFile, true), customers_file);
    state.contacts = effective_contacts(parse_contacts(dir.read(kContactsFile, true), dir.file(kContactsFile)));
    bool from_contacts = false;
    for (const auto& c : state.contacts) {
        if (c.set.empty()) continue;
        records.push_back(attribute_change_record(c));
        from_contacts = true;
    }
    // Complaints change attributes too (on_open_set: a complainant becomes a focus customer).
    for (auto& r : complaint_customer_records(
             parse_complaint_events(dir.read(kComplaintsFile, true), dir.file(kComplaintsFile)))) {
        records.push_back(std::move(r));
        from_contacts = true;
    }
    if (from_contacts)  // adds stay first for a customer: they carry the earliest time
        std::stable_sort(records.begin(), records.end(),
                         [](const CustomerRecord& a, const CustomerRecord& b) { return a.at < b.at; });
    state.book = fold_customer_records(records, customers_file);
    return state;
}

JournalFold fold_journals(const DataDir& dir, const Policy& policy) {
    JournalFold fold;
    const std::string customers_file = dir.file(kCustomersFile);
    std::optional<CustomerColumns> customer_columns;
    dir.read_records(kCustomersFile, [&](const CsvRecord& row) {
        if (!customer_columns) {
            customer_columns = CustomerColumns::from_header(row.fields, customers_file);
        } else if (!(row.fields.size() == 1 && row.fields[0].empty())) {
            const std::string problem = fold.book.apply(customer_from_record(*customer_columns, row, customers_file));
            if (!problem.empty()) throw Error(Location{customers_file, row.line, 0}, problem);
        }
    });
    fold.histories.resize(fold.book.size());

    const std::string contacts_file = dir.file(kContactsFile);
    std::optional<ContactColumns> contact_columns;
    std::unordered_set<uint32_t> amended;
    std::vector<std::pair<int, ContactRecord>> changing;  // applied once amendments are known
    dir.read_records(kContactsFile, [&](const CsvRecord& row) {
        if (!contact_columns) {
            contact_columns = ContactColumns::from_header(row.fields, contacts_file);
            return;
        }
        if (row.fields.size() == 1 && row.fields[0].empty()) return;
        ContactRecord r = contact_from_record(*contact_columns, row, contacts_file);
        const long i = fold.book.index_of(r.customer);
        if (i < 0)
            throw Error(Location{contacts_file, row.line, 0},
                        fmt::format("contact {} is for unknown customer \"{}\"", r.id, r.customer));
        if (!r.amends.empty()) amended.insert(record_number(r.amends));
        add_contact(policy, fold.histories[static_cast<size_t>(i)], r);
        if (!r.set.empty()) changing.emplace_back(row.line, std::move(r));
    });
    if (!amended.empty()) {  // a corrected record no longer counts
        for (auto& h : fold.histories) {
            std::erase_if(h.contacts, [&](const ContactFact& f) { return f.record && amended.count(f.record); });
            std::erase_if(h.promises, [&](const OpenPromise& p) {
                const uint32_t n = record_number(p.contact_id);
                return n && amended.count(n);
            });
        }
    }
    for (const auto& [line, c] : changing) {
        if (amended.count(record_number(c.id))) continue;
        const std::string problem = fold.book.apply(attribute_change_record(c));
        if (!problem.empty()) throw Error(Location{contacts_file, line, 0}, problem);
        fold.set_records.push_back(record_number(c.id));
    }
    return fold;
}

std::vector<CustomerRecord> load_complaint_changes(const DataDir& dir) {
    return complaint_customer_records(
        parse_complaint_events(dir.read(kComplaintsFile, true), dir.file(kComplaintsFile)));
}

ScheduleState load_schedule_state(const DataDir& dir, const Policy& policy) {
    JournalFold fold = fold_journals(dir, policy);
    ScheduleState state{std::move(fold.book), std::move(fold.histories)};
    for (const auto& r : load_complaint_changes(dir)) {
        const std::string problem = state.book.apply(r);
        if (!problem.empty()) throw Error(Location{dir.file(kComplaintsFile), r.line, 0}, problem);
    }
    for (auto& h : state.histories) finish_history(policy, h);
    return state;
}

std::string next_record_id(const DataDir& dir, const std::string& file, const std::string& prefix) {
    // At most 9 digits: record_number() (due.h) reads an id's number as a uint32_t.
    constexpr long kMaxNumber = 999'999'999;
    // The number `digits` spells (spaces and line ends around it ignored), -1 when it is not
    // 1-9 digits after leading zeros: a damaged value can never overflow.
    const auto number = [](std::string_view digits) -> long {
        const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
        while (!digits.empty() && space(digits.back())) digits.remove_suffix(1);
        while (!digits.empty() && space(digits.front())) digits.remove_prefix(1);
        while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
        if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string_view::npos)
            return -1;
        long n = 0;
        for (const char c : digits) n = n * 10 + (c - '0');
        return n;
    };
    const std::string seq_name = ".seq-" + file;
    const std::string seq = dir.read(seq_name, true);
    long last = number(seq);  // damaged (not a number, negative, too large): -1
    if (last < 0) {  // missing or damaged: the journal itself knows the highest id
        last = 0;
        const std::string text = dir.read(file, true);
        if (!text.empty()) {
            const CsvTable table = parse_csv_table(text, dir.file(file));
            const int col = table.column("id");
            for (const auto& row : table.rows) {
                const std::string& id = col >= 0 ? row.fields[col] : "";
                if (id.rfind(prefix, 0) != 0) continue;
                // The digits after the prefix; a complaint event adds "-N" (P000001-2).
                std::string_view digits = std::string_view(id).substr(prefix.size());
                digits = digits.substr(0, digits.find_first_not_of("0123456789"));
                if (digits.empty()) continue;
                const long n = number(digits);
                if (n < 0)
                    throw Error(Location{dir.file(file), row.line, 0},
                                fmt::format("id \"{}\" is out of range: ids go up to {}{}", id, prefix, kMaxNumber));
                last = std::max(last, n);
            }
        }
    }
    if (last >= kMaxNumber)
        throw Error(fmt::format("{} has used every id up to {}{}: no new one can be given", dir.file(file),
                                prefix, kMaxNumber));
    ++last;
    write_file_atomic(dir.file(seq_name), std::to_string(last) + "\n");
    return fmt::format("{}{:06}", prefix, last);
}

void append_contact(const DataDir& dir, const ContactRecord& record) {
    dir.append(kContactsFile, csv_line(contact_columns()), csv_line(contact_record_fields(record)));
}

void append_customer_records(const DataDir& dir, const std::vector<CustomerRecord>& records) {
    std::string lines;
    for (const auto& r : records) lines += csv_line(customer_record_fields(r));
    dir.append(kCustomersFile, csv_line(customer_columns()), lines);
}

}  // namespace revisit
