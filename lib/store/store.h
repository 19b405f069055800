#pragma once
// Loads the domain values a command needs out of a data directory, with every error
// naming the file. Callers hold a DirLock while they read and then write.

#include <string>

#include "calendar/calendar_file.h"
#include "calendar/working_calendar.h"
#include "journal/fold.h"
#include "journal/history.h"
#include "model/contact.h"
#include "model/customer.h"
#include "model/customer_csv.h"
#include "policy/policy.h"
#include "store/data_dir.h"

namespace revisit {

inline const char* const kCustomersFile = "customers.csv";
inline const char* const kContactsFile = "contacts.csv";
inline const char* const kComplaintsFile = "complaints.csv";

// Header lines of the journals other than customers.csv, for `init`.
std::vector<std::pair<std::string, std::string>> journal_headers();

// Refuses (kExitIo) a data directory whose customers.csv is gone while contacts.csv or
// complaints.csv still hold records: each would be blamed as one of an unknown customer.
void check_journals(const DataDir& dir);

// Hears (bytes read, bytes in all) of the journals a long read goes through, for a progress
// line.
using FoldProgress = std::function<void(uint64_t done, uint64_t total)>;

// What a reader reads instead of `dir`, taking no lock after this returns (DataDir::snapshot):
// the three journals at their committed lengths and the cache files (.cache/schedule.bin and
// the indexes) as they are now. Writers go on appending meanwhile; the reader sees none of it.
DataDir read_snapshot(const DataDir& dir);

Policy load_policy(const DataDir& dir);
// The calendar the policy names (calendars/NAME.yaml); weekends only when it names none.
WorkingCalendar load_calendar(const DataDir& dir, const Policy& policy);
// A calendar file as written (calendars/NAME.yaml of a data directory, or any path given to
// `calendar --calendar`), for `revisit calendar`; an empty one named after the file ("cn"
// for cn.yaml) when `path` does not exist.
CalendarFile read_calendar_file_at(const std::string& path);
// Replaces the calendar file at `path` with `text` atomically (write_file_atomic). In a data
// directory the caller holds lock_exclusive().
void write_calendar_file_at(const std::string& path, const std::string& text);
CustomerBook load_customers(const DataDir& dir);

// Customers and contacts together: the fold (journal/fold.h) of customers.csv, contacts.csv
// and complaint changes, and the effective contacts as read.
struct CustomerState {
    CustomerBook book;
    std::vector<ContactRecord> contacts;  // effective (amended ones dropped), file order
};
CustomerState load_customer_state(const DataDir& dir);
// The effective contacts of contacts.csv (corrected ones left out: journal/fold.h) that
// `keep` selects, in file order, in one streaming pass: memory follows what is kept, not
// the journal (`report findings` keeps the contacts of a period with a finding). Only
// records whose `column` (a name of contact_columns()) is not empty can be kept: the others
// are not parsed, only counted for their fields (or read for what they amend).
// `progress` hears the bytes read (FoldProgress).
std::vector<ContactRecord> load_contacts_where(
    const DataDir& dir, const std::string& column,
    const std::function<bool(const ContactRecord&)>& keep, const FoldProgress& progress = {});

// What `due` needs, read in one streaming pass over each journal: the customers (with
// attribute changes from contacts and complaints folded in) and each customer's contacts
// reduced to ContactFacts, indexed like book.all(). Memory grows with customers and
// contacts, never with the size of notes or the journal text.
struct ScheduleState {
    CustomerBook book;
    std::vector<CustomerHistory> histories;
};
ScheduleState load_schedule_state(const DataDir& dir, const Policy& policy);

// customers.csv and contacts.csv folded (journal/fold.h), before complaints and
// finish_history: what the schedule cache (store/schedule_cache/scan.h) saves.
// As of `as_of` (journal/fold.h BookFold): records with a later event time left out.
struct JournalFold {
    CustomerBook book;
    std::vector<CustomerHistory> histories;
    DateTime latest;  // the latest event time of every record read, also of those left out
};
JournalFold fold_journals(const DataDir& dir, const Policy& policy, DateTime as_of = kEndOfTime,
                          const FoldProgress& progress = {});
// The attribute changes complaints make (on_open_set), as customers.csv-style records.
std::vector<CustomerRecord> load_complaint_changes(const DataDir& dir);
// A new id for a record of a journal, and the counter file that hands it out: the append
// that stores the record writes `counter` (DataDir::append's `with`), so an append that is
// refused or fails leaves the counter as it was and no id is burned.
struct NewRecordId {
    std::string id;      // K000008
    FileUpdate counter;  // .seq-contacts.csv holding "8\n"
};
// The next id for journal `file` ("K" -> K000001, K000002 ...), counted in .seq-<file>;
// rebuilt from the journal's id column when missing. Writes nothing. Caller holds
// lock_exclusive() until the record with the id is appended, so ids stay unique.
NewRecordId next_record_id(const DataDir& dir, const std::string& file, const std::string& prefix);

// Appends `record`; `with`: files replaced with it (the id counter of next_record_id()).
void append_contact(const DataDir& dir, const ContactRecord& record,
                    const std::vector<FileUpdate>& with = {});
void append_customer_records(const DataDir& dir, const std::vector<CustomerRecord>& records);

}  // namespace revisit
