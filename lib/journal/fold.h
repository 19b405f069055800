#pragma once
// The fold: how each kind of journal record changes a customer's state. There is one
// function per kind of record below, and every reader goes through them: the full fold of
// the journals (BookFold), the schedule cache's tail (JournalDelta, delta.h), one-customer
// lookups (store/index) and the reports. customers.csv records are folded by
// apply_customer_record() (model/customer.h).
//
// The rule that makes the fold the same whichever reader runs it: name, phone and owners
// come only from customers.csv and apply in file order; attribute changes are ordered by
// time, then by journal (customers.csv, contacts.csv, complaints.csv), then file order
// (Customer::record_change), and a key's current value is its last change. A corrected
// contact (another record `amends` it) no longer counts: take_back() removes its fact, its
// promise and its attribute changes, wherever it was folded. So a saved fold plus the
// records appended since gives exactly the fold of the whole journals.

#include <limits>
#include <string>
#include <unordered_set>
#include <vector>

#include "journal/history.h"
#include "model/contact.h"
#include "model/customer.h"
#include "policy/policy.h"

namespace revisit {

// customers.csv: apply_customer_record() (model/customer.h, beside CustomerBook::apply, which
// also indexes the customer by id and phone): name, phone, owners and attribute changes.

// contacts.csv: the contact as a fact (and its promise) in the history, and its `set`.
void apply_contact(const Policy& policy, Customer& c, CustomerHistory& h, const ContactRecord& r);
// Only the attribute changes of a contact, for readers that keep no history.
void apply_contact_changes(Customer& c, const ContactRecord& r);

// complaints.csv: the attribute changes a complaint event makes (on_open_set), as
// complaint_customer_records() gives them.
void apply_complaint_change(Customer& c, const CustomerRecord& r);

// The contact records corrected by a later one (their numbers, from `amends`).
class AmendedRecords {
  public:
    void add(uint32_t n);
    bool contains(uint32_t n) const { return n && n < marks_.size() && marks_[n]; }
    bool empty() const { return list_.empty(); }
    const std::vector<uint32_t>& list() const { return list_; }

  private:
    std::vector<bool> marks_;
    std::vector<uint32_t> list_;
};
// Takes back what corrected records made: facts, promises, attribute changes.
void take_back(Customer& c, CustomerHistory& h, const AmendedRecords& amended);
// The contacts that count, in file order: those corrected by a later one left out, by the
// same rule as take_back(). For readers that list contact records (reports, history).
std::vector<ContactRecord> effective_contacts(const std::vector<ContactRecord>& records);

// Once every record is in: contacts sorted by time (equal times in file order), promises
// answered by a later counting contact dropped.
void finish_history(const Policy& policy, CustomerHistory& h);
// Finished histories of `book`'s customers (indexed like book.all()) from contacts in file
// order; contacts of unknown customers are left out. For readers that hold the contacts.
std::vector<CustomerHistory> build_histories(const Policy& policy, const CustomerBook& book,
                                             const std::vector<ContactRecord>& contacts);

// No limit on event times: the fold of every record.
inline constexpr DateTime kEndOfTime = DateTime::from_minutes(std::numeric_limits<long>::max());

// A whole book folded from the journals one record at a time, in file order: customers.csv
// first, then contacts.csv, then complaint changes. With a policy it keeps each customer's
// history (indexed like book.all()); without, only the customers. Errors name file:line.
//
// As of `as_of`, it is the state as it was then (a replay of a past day): records whose
// event time (`at`) is later are left out. A correction still takes back the record it
// corrects, whenever it was made: the corrected record did not happen as written.
class BookFold {
  public:
    explicit BookFold(const Policy* policy, DateTime as_of = kEndOfTime)
        : policy_(policy), as_of_(as_of) {}

    void customer_record(const CustomerRecord& r, const std::string& file);
    void contact(const ContactRecord& r, const std::string& file, int line);
    void complaint_change(const CustomerRecord& r, const std::string& file);
    // After the last contact: takes back corrected records everywhere.
    void take_back_amended();
    // take_back_amended(), then every history finished.
    void finish();

    CustomerBook book;
    std::vector<CustomerHistory> histories;  // empty without a policy
    // The latest event time of any record given, also of those left out (DateTime{}: none).
    DateTime latest;

  private:
    bool counts(DateTime at);
    bool known(const std::string& id) const;  // in the book, or added after as_of

    const Policy* policy_;
    DateTime as_of_;
    std::unordered_set<std::string> later_;  // customers added after as_of
    AmendedRecords amended_;
    size_t taken_back_ = 0;  // amended_.list() entries already taken back everywhere
};

}  // namespace revisit
