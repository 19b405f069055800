#pragma once
// Contacts (calls, visits, SMS, letters) as the journal contacts.csv records them.
// A correction is a new record that `amends` an earlier one; both stay in the journal.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "csv/csv.h"
#include "model/customer.h"
#include "util/date.h"

namespace revisit {

struct ContactRecord {
    std::string id;  // K000001 ...
    DateTime at;     // when the contact happened
    std::string customer;
    std::string channel;
    std::string outcome;
    std::string staff;
    std::string note;
    std::string signature;  // the customer's signature on a visit record (S0.2-4.1)
    std::string promise;    // YYYY-MM-DD: a reply promised by then (S0.1-5, S0.2-4.2);
                            // YYYY-MM-DD HH:MM: a callback the customer asked for then
    std::string promise_note;
    std::string finding;  // quality, service ... routed to departments (S0.1-10)
    std::string finding_note;
    KeyValues set;       // customer attributes changed by this contact
    std::string amends;  // id of the record this one corrects
    DateTime logged_at;  // when it was entered
};

// What a `promise` column holds: a reply promised by a day (`YYYY-MM-DD`, log-call
// --promise) or a callback the customer asked for at a time (`YYYY-MM-DD HH:MM`,
// --callback). One column for both: a contact holds one promise, and old journals stay as
// they are (docs/file-formats.md).
struct StoredPromise {
    Date due;           // the day it falls due
    int callback = -1;  // a callback: the minute of the day asked for; -1: a reply by `due`
};
// nullopt for an empty column or one in neither form (the fold leaves those out).
std::optional<StoredPromise> parse_stored_promise(std::string_view column);

const std::vector<std::string>& contact_columns();
std::vector<std::string> contact_record_fields(const ContactRecord& record);

// Where each column is in a contacts.csv header; throws Error naming a missing column.
struct ContactColumns {
    std::vector<int> index;  // by position in contact_columns()
    size_t width = 0;        // fields in the header: every row must have as many
    static ContactColumns from_header(const std::vector<std::string>& header,
                                      const std::string& file);
};
// One data row; throws Error with file:line for a bad time or a short row.
ContactRecord contact_from_record(const ContactColumns& columns, const CsvRecord& row,
                                  const std::string& file);

// Every record of contacts.csv text, in file order. Throws Error with file:line.
std::vector<ContactRecord> parse_contacts(std::string_view text, const std::string& file);

}  // namespace revisit
