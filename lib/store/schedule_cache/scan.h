#pragma once
// Every customer's folded state at scale. Folding years of journals on every run costs time
// in proportion to the history, so the fold of customers.csv and contacts.csv (store.h
// fold_journals) is saved in .cache/schedule.bin with the journal lengths it covers. A scan
// streams that file chunk by chunk on every core and folds in only the records appended
// since (journal/delta.h), and the complaint changes, which the file never holds.
//
// The file is derived, never the record: before the first customer is visited it is checked
// against the journals (covered length and a fingerprint of their bytes), against the rules
// file's channel and outcome lists and against its checksums; when anything does not match
// the journals are folded whole and a new file saved. It is safe to delete.
// docs/file-formats.md describes it.

#include <functional>
#include <string>
#include <vector>

#include "journal/fold.h"
#include "journal/source.h"
#include "model/customer.h"
#include "policy/policy.h"
#include "store/data_dir.h"

namespace revisit {

inline const char* const kScheduleCacheFile = ".cache/schedule.bin";

// What a scan did: for tests, the benchmark and the warning `due` prints.
struct ScheduleScan {
    bool rebuilt = false;    // the cache was missing, stale or damaged: journals folded whole
    bool replayed = false;   // records later than ScanOptions::as_of: journals folded as of then
    bool saved = false;      // a new cache file was written
    std::string save_error;  // why it could not be written, when it could not
    size_t customers = 0;
    size_t tail_records = 0;  // journal records read beyond what the cache covered
};

// A chunk of the cache is what one thread reads and visits at a time.
inline constexpr size_t kScheduleChunkBytes = 1u << 20;

struct ScanOptions {
    // Threads visiting customers at once. With 1 every customer is visited in the order they
    // were added, on the calling thread; with more, each thread visits whole chunks in no
    // set order, and calls with the same `worker` never overlap.
    unsigned workers = 1;
    size_t chunk_bytes = kScheduleChunkBytes;  // of a cache this scan saves (tests: tiny)
    // The customers as they were at this moment (a replay of a past day): records with a
    // later event time are left out (journal/fold.h BookFold). When the cache holds such
    // records, the journals are folded whole for this scan and no cache is saved.
    DateTime as_of = kEndOfTime;
    // While the journals are folded whole (no usable cache): bytes read of customers.csv and
    // contacts.csv and their sum (store.h FoldProgress), for a progress line.
    std::function<void(uint64_t done, uint64_t total)> fold_progress = {};
};

// Calls `visit` once for every customer, with the attribute changes `complaint_changes`
// folded in and its history finished (sorted, answered promises dropped); the references
// are valid only during the call. `dir` is a snapshot (store.h read_snapshot), or the caller
// holds a lock on it: the cache is replaced by rename, so no lock is needed to save it.
// Errors in the journals throw Error (file:line).
ScheduleScan scan_schedule(const DataDir& dir, const Policy& policy,
                           const std::vector<CustomerRecord>& complaint_changes,
                           const CustomerSource::Visit& visit, const ScanOptions& options = {});

// scan_schedule() as a CustomerSource, for the call list and other readers of everyone.
class ScheduleSource : public CustomerSource {
  public:
    ScheduleSource(const DataDir& dir, const Policy& policy,
                   std::vector<CustomerRecord> complaint_changes, const ScanOptions& options)
        : dir_(dir),
          policy_(policy),
          complaints_(std::move(complaint_changes)),
          options_(options) {}
    unsigned workers() const override { return std::max(options_.workers, 1u); }
    void visit_all(const Visit& visit) override {
        scan_ = scan_schedule(dir_, policy_, complaints_, visit, options_);
    }
    // What the last visit_all() did.
    const ScheduleScan& scan() const { return scan_; }

  private:
    const DataDir& dir_;
    const Policy& policy_;
    std::vector<CustomerRecord> complaints_;
    ScanOptions options_;
    ScheduleScan scan_;
};

// The cache is refreshed when the journals grew by more than this since it was written.
inline constexpr uint64_t kScheduleCacheRefreshBytes = 4u << 20;

}  // namespace revisit
