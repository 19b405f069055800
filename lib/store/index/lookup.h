#pragma once
// Indexes of the journals, so that a writer reads only the records of the customers it
// touches instead of every journal: a write costs the same with ten customers or a million.
//
//   .cache/customers.idx   customers.csv: where the records of each customer id and of each
//                          phone are (byte offsets, by a hash of the id or phone), and the
//                          highest generated id (C000001 ...)
//   .cache/contacts.idx    contacts.csv: where the records of each customer are; the records
//                          that amend another, by the id they amend; and every 256th record,
//                          by its number (log-call --amend)
//   .cache/complaints.idx  complaints.csv: where the events of each complaint are, by its id;
//                          every event by its customer, and by its subject when it names one
//                          (complaint open, update, resolve, close, reopen)
//
// The journals stay the truth. An index is a cache (docs/file-formats.md, ".cache/"): each
// record it points at is read again and checked to carry the id or phone asked for (a hash
// collision only costs a read), records beyond what it covers are scanned, and one that is
// missing, damaged, of another version or made from another journal (a fingerprint of its
// first and last covered 4 KiB) is ignored and rebuilt. An index file is only written once
// more than IndexOptions::max_tail_bytes of a journal lie beyond it, so a small data
// directory has none; a directory the index cannot be written to works without it, slowly.
// Writers hold lock_exclusive(); readers of one customer (show, history) read a snapshot
// (store.h read_snapshot), and an index they extend is written atomically, like any other
// cache file. How it is built:
// lib/store/index/ (format.h the file, csv_journal.h the journal read at offsets, builder.h,
// view.h, one reader per journal).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "complaint/complaint.h"
#include "model/contact_edit.h"
#include "model/customer.h"
#include "store/data_dir.h"

namespace revisit {

struct IndexOptions {
    // Scanned on every lookup: at most this many bytes of a journal beyond its index before
    // the index is extended (and a journal smaller than this gets no index at all).
    uint64_t max_tail_bytes = 1 << 20;
};

// What to look up in customers.csv.
struct CustomerKeys {
    std::vector<std::string> ids;     // may repeat: each is read once
    std::vector<std::string> phones;  // normalised (normalize_phone)
    // When an id of `ids` is not found, also load the customers unknown_customer_message()
    // names for it (its did-you-mean hints). That scans customers.csv: an error path only.
    bool hint_missing = false;
};

// The customers with `keys.ids` and every customer who ever had one of `keys.phones`, each
// folded from all its customers.csv records in journal order; next_id() is that of the whole
// journal. Throws Error (file:line) for a malformed journal, as load_customers() does for the
// records it reads.
CustomerBook lookup_customers(const DataDir& dir, const CustomerKeys& keys,
                              const IndexOptions& options = {});

// complaints.csv grows by one short row per step and its whole tail is parsed by every
// complaint command, so its index is extended sooner; it is small to rewrite.
inline constexpr IndexOptions kComplaintIndexOptions{64 << 10};

// What to look up in complaints.csv: every event of each complaint named, of each complaint
// with an event about one of `customers`, and of each with an event naming one of `subjects`.
struct ComplaintKeys {
    std::vector<std::string> complaints;
    std::vector<std::string> customers;
    std::vector<std::string> subjects;
};

// Events of complaints.csv, in journal order.
struct ComplaintLookup {
    std::vector<ComplaintEvent> events;
    // Some event of the whole journal changes customer attributes (`set`): then, as in
    // load_customer_state(), a customer's records are folded in time order.
    bool any_set = false;

    ComplaintLookup() = default;
    // All of complaints.csv, as load_complaint_events() reads it (implicit, so a whole
    // journal can be passed where a lookup is expected).
    ComplaintLookup(std::vector<ComplaintEvent> all);
};

// The events `keys` ask for (fold them with fold_complaints()). Throws Error (file:line) for
// a malformed record it reads, as load_complaint_events() does.
ComplaintLookup lookup_complaints(const DataDir& dir, const ComplaintKeys& keys,
                                  const IndexOptions& options = kComplaintIndexOptions);

// Customer `id` and its records, read through the indexes (`show`, `history`): what it
// costs follows that customer's records, not the journals.
struct CustomerJournal {
    bool found = false;
    // The customer as load_customer_state() folds it: its customers.csv records with the
    // attribute changes of its effective contacts (contacts.csv `set`, amended records left
    // out) and of the events in `complaints`, in time order. When the customer does not
    // exist: the customers its did-you-mean hints name instead.
    CustomerBook book;
    std::vector<CustomerRecord> records;  // its customers.csv records, journal order
    // Its contacts.csv records, amended and amending ones included, with any record of
    // another customer that amends one of them (customer_timeline's `journal`), journal order.
    std::vector<ContactRecord> contacts;
};
// `complaints`: all of complaints.csv, or lookup_complaints() with `id` among its customers.
CustomerJournal lookup_customer_journal(const DataDir& dir, const std::string& id,
                                        const ComplaintLookup& complaints,
                                        const IndexOptions& options = {});
// lookup_customer_journal(...).book: the customer for a writer (complaint open).
CustomerBook lookup_customer_state(const DataDir& dir, const std::string& id,
                                   const ComplaintLookup& complaints,
                                   const IndexOptions& options = {});

// What log-call --amend needs about contact record `record_id` (not empty): the record and
// whatever already amends it, as find_amend_target() finds them, without reading all of
// contacts.csv (unless its ids do not increase, as `log-call` writes them).
AmendTarget lookup_amend_target(const DataDir& dir, const std::string& record_id,
                                const IndexOptions& options = {});

// The highest N among the ids of journal `file` (contacts.csv KN, complaints.csv PN), from
// its index and the tail beyond it: next_record_id() never hands out an id a record has,
// whatever the .seq- file says (restored from a backup, lost in a crash). 0 for another file.
uint64_t highest_record_number(const DataDir& dir, const std::string& file);

// Brings the indexes of `journals` (customers.csv ...) up to date before a writer takes the
// exclusive lock, reading a snapshot: building or extending an index then holds no one back,
// and under the lock only what was appended meanwhile is scanned. Errors are left for the
// writer to meet under the lock.
void refresh_indexes(const DataDir& dir, const std::vector<std::string>& journals);

// The hash index entries are keyed by (exposed for tests).
uint32_t index_key_hash(std::string_view key);

}  // namespace revisit
