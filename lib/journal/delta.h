#pragma once
// Records that a saved fold does not hold yet, kept by customer and folded into each saved
// customer as it is read back: the journals' tails beyond the schedule cache
// (store/schedule_cache), and the complaint changes, which the cache never holds. The
// folding is fold.h's; what this adds is finding each customer's records, and the checks a
// full fold makes in passing (a record about a customer nobody has, a second add).
//
// Filling is single-threaded; once filled, apply_journals/apply_complaints may run from
// several threads at once on different customers.

#include <atomic>
#include <string>
#include <unordered_map>
#include <vector>

#include "journal/fold.h"

namespace revisit {

class JournalDelta {
  public:
    JournalDelta() = default;
    JournalDelta(const JournalDelta&) = delete;
    JournalDelta& operator=(const JournalDelta&) = delete;

    // customers.csv records in file order: adds (and the updates after them) make the
    // customers added since, updates of others wait for their customer.
    void customer_record(CustomerRecord r, const std::string& file);
    // contacts.csv records in file order (`line` for errors).
    void contact(ContactRecord r, int line);
    // Attribute changes of complaints.csv (complaint_customer_records()).
    void complaint_change(const CustomerRecord& r);

    size_t records() const { return records_; }
    // The latest event time of the customers.csv and contacts.csv records given.
    DateTime latest() const { return latest_; }
    const AmendedRecords& amended() const { return amended_; }
    // The customers added since, in the order they were added, before apply_journals().
    const CustomerBook& added() const { return added_; }

    // Throws Error (file:line) when saved customer `id` was added again since.
    void check_not_added(const std::string& id, const std::string& file) const;
    // Folds what customers.csv and contacts.csv hold about `c` into it (including taking
    // back contacts corrected since).
    void apply_journals(const Policy& policy, Customer& c, CustomerHistory& h) const;
    // Folds the complaint changes about `c` into it.
    void apply_complaints(Customer& c) const;
    // After every customer was folded: throws Error (file:line) for the first record about
    // a customer that was not (an update, a contact, a complaint change).
    void check_all_used(const std::string& customers_file, const std::string& contacts_file,
                        const std::string& complaints_file) const;

  private:
    template <typename T>
    struct Entry {
        std::vector<T> records;
        mutable std::atomic<bool> used{false};
    };
    struct LinedContact {
        int line;
        ContactRecord record;
    };
    std::string customers_file_;
    CustomerBook added_;
    std::unordered_map<std::string, int> added_line_;
    std::unordered_map<std::string, Entry<CustomerRecord>> updates_;  // of saved customers
    std::unordered_map<std::string, Entry<LinedContact>> contacts_;
    std::unordered_map<std::string, Entry<CustomerRecord>> complaints_;
    AmendedRecords amended_;
    size_t records_ = 0;
    DateTime latest_;
};

}  // namespace revisit
