#pragma once
// Customers as the journal `customers.csv` records them: every add or update is a
// CustomerRecord; the current Customer is the fold of its records, oldest first.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "util/date.h"

namespace revisit {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

// One line of customers.csv.
struct CustomerRecord {
    DateTime at;
    std::string op;  // "add" or "update"
    std::string id;
    std::string name;                 // add: required; update: empty = unchanged
    std::string phone;                // normalised
    std::vector<std::string> owners;  // update: empty = unchanged
    KeyValues set;                    // attributes set by this record; an empty value clears one
    std::string by;                   // who entered it (the OS user, or --staff)
    std::string source;  // what made it: add-customer, import, log-call:<record id> ...
    int line = 0;        // where it was read from; not written
};

// Which journal a change comes from. At the same minute, changes apply in this order
// (customers.csv, then contacts.csv, then complaints.csv), and within one journal in file
// order: docs/ARCHITECTURE.md, "The fold".
enum class ChangeSource : uint8_t { Customers = 0, Contacts = 1, Complaints = 2 };

// A change of one attribute, kept so schedules can anchor on "when did stage become X".
struct AttributeChange {
    DateTime at;
    std::string key, value;
    ChangeSource source = ChangeSource::Customers;
    uint32_t record = 0;  // N of the contact KN that made it (so a correction can take it back)
};

struct Customer {
    std::string id, name, phone;
    std::vector<std::string> owners;
    KeyValues attributes;  // current values (the last change of each key)
    DateTime created;
    std::vector<AttributeChange> changes;

    const std::string* attribute(std::string_view key) const;  // nullptr when unset
    void set_attribute(const std::string& key, const std::string& value);
    // Records that `key` took `value` at `at`. Changes stay ordered by (time, source) and, at
    // equal time and source, in the order they were recorded; the current value of a key is
    // its last change. So the journals may be folded in any order, each in file order.
    void record_change(DateTime at, const std::string& key, const std::string& value,
                       ChangeSource source = ChangeSource::Customers, uint32_t record = 0);
    // Removes the changes contact records `taken_back(record)` made (they were corrected);
    // a key left with no change is unset. Returns whether anything was removed.
    template <typename Pred>
    bool take_back(Pred taken_back);
    // When `key` last took `value`; nullopt if never.
    std::optional<DateTime> when_set(const std::string& key, const std::string& value) const;
};

// What customers.csv record `r` changes in customer `c`: name, phone, owners (given ones
// replace, in file order) and attribute changes. The fold of customers.csv records
// (lib/journal/fold.h has the other journals'); CustomerBook::apply also keeps its indexes.
void apply_customer_record(Customer& c, const CustomerRecord& r);

template <typename Pred>
bool Customer::take_back(Pred taken_back) {
    const size_t before = changes.size();
    std::vector<std::string> keys;
    for (const auto& ch : changes)
        if (ch.source == ChangeSource::Contacts && taken_back(ch.record)) keys.push_back(ch.key);
    if (keys.empty()) return false;
    std::erase_if(changes, [&](const AttributeChange& ch) {
        return ch.source == ChangeSource::Contacts && taken_back(ch.record);
    });
    for (const auto& key : keys) {
        const AttributeChange* last = nullptr;
        for (const auto& ch : changes)
            if (ch.key == key) last = &ch;
        if (last)
            set_attribute(key, last->value);
        else
            std::erase_if(attributes, [&](const auto& kv) { return kv.first == key; });
    }
    return changes.size() != before;
}

// Every customer, derived from the journal: the customers in the order they were added,
// found by id and by phone. lib/journal/fold.h folds records into it.
class CustomerBook {
  public:
    // Folds one customers.csv record: an add makes a new customer, an update finds it; then
    // apply_customer_record(). Returns "" or a message when the record does not fit the
    // book (update of an unknown id, add of an existing id, an unknown op).
    std::string apply(const CustomerRecord& record);

    const Customer* find(const std::string& id) const;
    // Position of customer `id` in all(), or -1.
    long index_of(const std::string& id) const;
    const Customer* find_by_phone(const std::string& phone) const;
    const std::vector<Customer>& all() const { return customers_; }
    // For folding changes that leave id and phone alone (contacts, complaints).
    Customer& at(size_t i) { return customers_[i]; }
    size_t size() const { return customers_.size(); }
    // The next free generated id: C000001, C000002 ...
    std::string next_id() const;
    // Makes next_id() count generated number `n` (C000n) as taken: for a book that holds only
    // some of the journal's customers (lib/store/index/lookup.h).
    void reserve_generated(long n);
    // Room for `n` customers in all, so that adding them does not rehash (import).
    void reserve(size_t n);

  private:
    std::vector<Customer> customers_;
    std::unordered_map<std::string, size_t> by_id_;
    std::unordered_map<std::string, size_t> by_phone_;
    long max_generated_ = 0;  // highest N among ids of the form C000N
};

// Ids are what goes in file names, URLs and shells: letters, digits, - and _, 1-32 long.
bool is_valid_id(const std::string& id);

}  // namespace revisit
