#pragma once
// Customers as the journal `customers.csv` records them: every add or update is a
// CustomerRecord; the current Customer is the fold of its records, oldest first.

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
    std::string name;   // add: required; update: empty = unchanged
    std::string phone;  // normalised
    std::vector<std::string> owners;  // update: empty = unchanged
    KeyValues set;  // attributes set by this record; an empty value clears one
    std::string by; // who entered it (the OS user, or --staff)
    std::string source;  // what made it: add-customer, import, log-call:<record id> ...
    int line = 0;        // where it was read from; not written
};

// A change of one attribute, kept so schedules can anchor on "when did stage become X".
struct AttributeChange {
    DateTime at;
    std::string key, value;
};

struct Customer {
    std::string id, name, phone;
    std::vector<std::string> owners;
    KeyValues attributes;  // current values, in the order they were first set
    DateTime created;
    std::vector<AttributeChange> changes;

    const std::string* attribute(std::string_view key) const;  // nullptr when unset
    void set_attribute(const std::string& key, const std::string& value);
    // Records that `key` took `value` at `at` (changes stay in time order).
    void record_change(DateTime at, const std::string& key, const std::string& value);
    // When `key` last took `value`; nullopt if never.
    std::optional<DateTime> when_set(const std::string& key, const std::string& value) const;
};

// What record `r` changes in customer `c` (name, phone, owners, attributes), for folding
// one customer alone; CustomerBook::apply also keeps its id and phone indexes.
void apply_fields(Customer& c, const CustomerRecord& r);

// Every customer, derived from the journal.
class CustomerBook {
public:
    // Applies one record. Returns "" or a message when the record does not fit the
    // book (update of an unknown id, add of an existing id).
    std::string apply(const CustomerRecord& record);

    const Customer* find(const std::string& id) const;
    // Position of customer `id` in all(), or -1.
    long index_of(const std::string& id) const;
    const Customer* find_by_phone(const std::string& phone) const;
    const std::vector<Customer>& all() const { return customers_; }
    size_t size() const { return customers_.size(); }
    // The next free generated id: C000001, C000002 ...
    std::string next_id() const;
    // Makes next_id() count generated number `n` (C000n) as taken: for a book that holds only
    // some of the journal's customers (lib/store/customer_index.h).
    void reserve_generated(long n);

private:
    std::vector<Customer> customers_;
    std::unordered_map<std::string, size_t> by_id_;
    std::unordered_map<std::string, size_t> by_phone_;
    long max_generated_ = 0;  // highest N among ids of the form C000N
};

// Ids are what goes in file names, URLs and shells: letters, digits, - and _, 1-32 long.
bool is_valid_id(const std::string& id);

}  // namespace revisit
