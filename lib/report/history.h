#pragma once
// A customer's whole timeline (`revisit history`): every change to the customer from
// customers.csv and every contact from contacts.csv, amendments and the records they
// supersede included, oldest first. Pure.

#include <optional>
#include <string>
#include <vector>

#include "model/contact.h"
#include "model/customer.h"

namespace revisit {

struct TimelineEntry {
    enum class Kind { Add, Update, Contact };
    Kind kind = Kind::Add;
    DateTime at;
    std::string by;      // who entered the change, or the staff who made the contact
    std::string source;  // customers.csv `source` (add-customer, import ...); contacts: ""
    KeyValues changes;   // Add/Update: name, phone, owners and attributes set
    std::optional<ContactRecord> contact;  // Contact: the record as written
    std::string superseded_by;             // Contact: the later record that amends it, or ""
};
const char* timeline_kind_name(TimelineEntry::Kind kind);  // "add", "update", "contact"

// Entries for customer `id`: customers.csv rows (file order) and contacts (`journal`: every
// record of contacts.csv, amended ones included), stably sorted by time, so a correction,
// which keeps the time of the record it amends unless given another, follows it.
std::vector<TimelineEntry> customer_timeline(const std::vector<CustomerRecord>& customer_records,
                                             const std::vector<ContactRecord>& journal,
                                             const std::string& id);

// What a customers.csv record sets, in the order shown: name, phone, owners ("a;b"), then
// its attributes as written.
KeyValues customer_record_changes(const CustomerRecord& r);

// A contact in one line: "phone reached; note: ...; promise: 2026-11-10 报价; set: stage=closed"
// (a callback: "callback: 2026-11-20 15:00 报价").
std::string contact_summary(const ContactRecord& r);

}  // namespace revisit
