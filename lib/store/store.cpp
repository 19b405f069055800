#include "store/store.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <optional>

#include "calendar/calendar_yaml.h"
#include "complaint/complaint.h"
#include "csv/csv.h"
#include "journal/fold.h"
#include "model/contact.h"
#include "policy/policy_loader.h"
#include "store/index/format.h"
#include "store/index/lookup.h"
#include "store/io/journal_file.h"
#include "store/policy_env.h"
#include "store/schedule_cache/scan.h"
#include "util/text.h"

namespace revisit {

std::vector<std::pair<std::string, std::string>> journal_headers() {
    return {{kContactsFile, csv_line(contact_columns())},
            {kComplaintsFile, csv_line(complaint_columns())}};
}

void check_journals(const DataDir& dir) {
    if (dir.exists(kCustomersFile)) return;
    for (const auto& [name, header] : journal_headers())
        if (dir.readable_size(name) > static_cast<long long>(header.size()))
            throw Error(fmt::format("{} is missing, but {} holds records of its customers; restore "
                                    "{} from a backup",
                                    dir.file(kCustomersFile), dir.file(name), kCustomersFile),
                        kExitIo);
}

DataDir read_snapshot(const DataDir& dir) {
    std::vector<std::string> derived{kScheduleCacheFile};
    for (const auto kind : {index::Kind::Customers, index::Kind::Contacts, index::Kind::Complaints})
        derived.push_back(index::index_name(kind));
    return dir.snapshot({kCustomersFile, kContactsFile, kComplaintsFile}, derived);
}

Policy load_policy(const DataDir& dir) {
    return parse_policy(dir.read("rules.yaml"), dir.file("rules.yaml"),
                        policy_environment(""));  // the calendar: load_calendar
}

WorkingCalendar load_calendar(const DataDir& dir, const Policy& policy) {
    if (policy.calendar.empty()) return WorkingCalendar();
    const std::string name = "calendars/" + policy.calendar + ".yaml";
    if (!dir.exists(name)) {
        PolicyEnvironment::Calendars present;
        present.dir = dir.file("calendars");
        present.names = calendars_in(present.dir);
        if (std::string problem = calendar_problem(policy.calendar, present); !problem.empty())
            throw Error(policy.calendar_at, problem);
    }
    return parse_calendar_yaml(dir.read(name), dir.file(name));
}

CalendarFile read_calendar_file_at(const std::string& path) {
    const io::Fd fd = io::open_for_read_if_exists(path);
    if (fd.valid()) return read_calendar_file(io::read_rest(fd.get(), path), path);
    std::string name = path.substr(path.find_last_of('/') + 1);
    if (name.size() > 5 && name.ends_with(".yaml")) name.resize(name.size() - 5);
    CalendarFile file;
    file.name = name;
    return file;
}

void write_calendar_file_at(const std::string& path, const std::string& text) {
    write_file_atomic(path, text);
}

CustomerBook load_customers(const DataDir& dir) {
    const std::string text = dir.read(kCustomersFile, true);
    if (text.empty()) return CustomerBook();
    return load_customer_book(text, dir.file(kCustomersFile));
}

namespace {

// The one fold (journal/fold.h) of customers.csv and contacts.csv, streamed record by
// record; `on_contact` sees each contact as it is folded, `progress` the bytes read of both.
void fold_into(const DataDir& dir, BookFold& fold,
               const std::function<void(ContactRecord&&)>& on_contact,
               const FoldProgress& progress = {}) {
    const auto customers_size = static_cast<uint64_t>(dir.readable_size(kCustomersFile));
    const uint64_t total = customers_size + static_cast<uint64_t>(dir.readable_size(kContactsFile));
    const auto bytes = [&](uint64_t before) -> std::function<void(uint64_t)> {
        if (!progress) return {};
        return [&progress, before, total](uint64_t n) { progress(before + n, total); };
    };
    const std::string customers_file = dir.file(kCustomersFile);
    std::optional<CustomerColumns> customer_columns;
    dir.read_records(
        kCustomersFile,
        [&](const CsvRecord& row) {
            if (!customer_columns)
                customer_columns = CustomerColumns::from_header(row.fields, customers_file);
            else if (!(row.fields.size() == 1 && row.fields[0].empty()))
                fold.customer_record(customer_from_record(*customer_columns, row, customers_file),
                                     customers_file);
        },
        bytes(0));
    const std::string contacts_file = dir.file(kContactsFile);
    std::optional<ContactColumns> contact_columns;
    dir.read_records(
        kContactsFile,
        [&](const CsvRecord& row) {
            if (!contact_columns) {
                contact_columns = ContactColumns::from_header(row.fields, contacts_file);
                return;
            }
            if (row.fields.size() == 1 && row.fields[0].empty()) return;
            ContactRecord r = contact_from_record(*contact_columns, row, contacts_file);
            fold.contact(r, contacts_file, row.line);
            if (on_contact) on_contact(std::move(r));
        },
        bytes(customers_size));
    fold.take_back_amended();
}

void fold_complaints(const DataDir& dir, BookFold& fold) {
    for (const auto& r : load_complaint_changes(dir))
        fold.complaint_change(r, dir.file(kComplaintsFile));
}

}  // namespace

CustomerState load_customer_state(const DataDir& dir) {
    CustomerState state;
    BookFold fold(nullptr);
    std::vector<ContactRecord> contacts;
    fold_into(dir, fold, [&](ContactRecord&& r) { contacts.push_back(std::move(r)); });
    fold_complaints(dir, fold);
    state.book = std::move(fold.book);
    state.contacts = effective_contacts(contacts);
    return state;
}

std::vector<ContactRecord> load_contacts_where(
    const DataDir& dir, const std::string& column,
    const std::function<bool(const ContactRecord&)>& keep, const FoldProgress& progress) {
    const auto total = static_cast<uint64_t>(dir.readable_size(kContactsFile));
    std::function<void(uint64_t)> bytes;
    if (progress) bytes = [&](uint64_t n) { progress(n, total); };
    const std::string file = dir.file(kContactsFile);
    std::optional<ContactColumns> columns;
    size_t wanted = 0, amends = 0;
    AmendedRecords amended;
    std::vector<ContactRecord> kept;
    dir.read_records(
        kContactsFile,
        [&](const CsvRecord& row) {
            if (!columns) {
                columns = ContactColumns::from_header(row.fields, file);
                wanted = column_of(columns->index, contact_columns(), column);
                amends = column_of(columns->index, contact_columns(), "amends");
                return;
            }
            if (row.fields.size() == 1 && row.fields[0].empty()) return;
            if (row.fields.size() == columns->width && row.fields[wanted].empty()) {
                if (!row.fields[amends].empty()) amended.add(record_number(row.fields[amends]));
                return;
            }
            ContactRecord r = contact_from_record(*columns, row, file);
            if (!r.amends.empty()) amended.add(record_number(r.amends));
            if (keep(r)) kept.push_back(std::move(r));
        },
        bytes);
    std::erase_if(kept,
                  [&](const ContactRecord& r) { return amended.contains(record_number(r.id)); });
    return kept;
}

JournalFold fold_journals(const DataDir& dir, const Policy& policy, DateTime as_of,
                          const FoldProgress& progress) {
    BookFold fold(&policy, as_of);
    fold_into(dir, fold, nullptr, progress);
    return JournalFold{std::move(fold.book), std::move(fold.histories), fold.latest};
}

std::vector<CustomerRecord> load_complaint_changes(const DataDir& dir) {
    return complaint_customer_records(
        parse_complaint_events(dir.read(kComplaintsFile, true), dir.file(kComplaintsFile)));
}

ScheduleState load_schedule_state(const DataDir& dir, const Policy& policy) {
    BookFold fold(&policy);
    fold_into(dir, fold, nullptr);
    fold_complaints(dir, fold);
    fold.finish();
    return ScheduleState{std::move(fold.book), std::move(fold.histories)};
}

namespace {

// At most 9 digits: record_number() (due.h) reads an id's number as a uint32_t.
constexpr long kMaxNumber = 999'999'999;

// The number `digits` spells (spaces and line ends around it ignored), -1 when it is not
// 1-9 digits after leading zeros: a damaged value can never overflow.
long number(std::string_view digits) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!digits.empty() && space(digits.back())) digits.remove_suffix(1);
    while (!digits.empty() && space(digits.front())) digits.remove_prefix(1);
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    if (digits.empty() || digits.size() > 9 ||
        digits.find_first_not_of("0123456789") != std::string_view::npos)
        return -1;
    long n = 0;
    for (const char c : digits) n = n * 10 + (c - '0');
    return n;
}

// The number of the last record's id (PREFIX N) in journal `file`, from its last 64 KiB: the
// last line there that starts with PREFIX and a digit and reads as one record of the
// header's width running to the end of the journal (a line inside a quoted note does not).
// nullopt when there is none (a last record longer than that, an id of another form).
std::optional<long> last_record_number(const DataDir& dir, const std::string& file,
                                       const std::string& prefix) {
    const io::JournalFile j = io::JournalFile::open(dir, file);
    const std::optional<io::JournalHeader> header = j.read_header();
    if (!header || j.length() <= header->data_start) return std::nullopt;
    const auto id = std::find(header->fields.begin(), header->fields.end(), "id");
    if (id == header->fields.end()) return std::nullopt;
    const auto column = static_cast<size_t>(id - header->fields.begin());
    const uint64_t from = std::max<uint64_t>(header->data_start,
                                             j.length() - std::min<uint64_t>(j.length(), 64 << 10));
    const std::string tail = j.read(from, static_cast<size_t>(j.length() - from));
    for (size_t end = tail.size(); end > 0;) {
        const size_t nl = end >= 2 ? tail.rfind('\n', end - 2) : std::string::npos;
        const size_t start = nl == std::string::npos ? 0 : nl + 1;
        end = start;
        if (start == 0 && from != header->data_start) break;  // may start inside a record
        if (tail.compare(start, prefix.size(), prefix) != 0 ||
            start + prefix.size() >= tail.size() ||
            !std::isdigit(static_cast<unsigned char>(tail[start + prefix.size()])))
            continue;
        try {
            CsvReader reader(std::string_view(tail).substr(start), j.path());
            CsvRecord record;
            if (!reader.next(record) || record.fields.size() != header->fields.size() ||
                trim(std::string_view(tail).substr(start + reader.consumed())) != "" ||
                record.fields[column].rfind(prefix, 0) != 0)
                continue;
            const long n = number(std::string_view(record.fields[column]).substr(prefix.size()));
            if (n >= 0) return n;
        } catch (const Error&) {  // not a record start: a line of a quoted field
        }
    }
    return std::nullopt;
}

}  // namespace

NewRecordId next_record_id(const DataDir& dir, const std::string& file, const std::string& prefix) {
    const std::string seq_name = ".seq-" + file;
    const std::string seq = dir.read(seq_name, true);
    long last = number(seq);  // damaged (not a number, negative, too large): -1
    if (last >= 0) {
        // A counter behind the journal (an old file restored, a lost write) must not hand
        // out an id a record has: the index knows the highest. A journal it cannot read is
        // refused by the append (a cut-off last record) or by the readers that parse it,
        // with the line; it must not turn into a worse message here.
        // Contact ids only grow, so the last record has the highest (no index needed: a
        // log-call after .cache/ was deleted must not build contacts.idx); a complaint's
        // later events carry its old id, so complaints.idx keeps the highest.
        try {
            std::optional<long> highest;
            if (file == kContactsFile) highest = last_record_number(dir, file, prefix);
            if (!highest)
                highest = static_cast<long>(
                    std::min<uint64_t>(highest_record_number(dir, file), kMaxNumber));
            last = std::max(last, *highest);
        } catch (const Error&) {
        }
    } else {  // missing or damaged: the journal itself knows the highest id
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
                                fmt::format("id \"{}\" is out of range: ids go up to {}{}", id,
                                            prefix, kMaxNumber));
                last = std::max(last, n);
            }
        }
    }
    if (last >= kMaxNumber)
        throw Error(fmt::format("{} has used every id up to {}{}: no new one can be given",
                                dir.file(file), prefix, kMaxNumber));
    ++last;
    return NewRecordId{fmt::format("{}{:06}", prefix, last),
                       FileUpdate{seq_name, std::to_string(last) + "\n"}};
}

void append_contact(const DataDir& dir, const ContactRecord& record,
                    const std::vector<FileUpdate>& with) {
    dir.append(kContactsFile, csv_line(contact_columns()), csv_line(contact_record_fields(record)),
               with);
}

void append_customer_records(const DataDir& dir, const std::vector<CustomerRecord>& records) {
    std::string lines;
    for (const auto& r : records) lines += csv_line(customer_record_fields(r));
    dir.append(kCustomersFile, csv_line(customer_columns()), lines);
}

}  // namespace revisit
