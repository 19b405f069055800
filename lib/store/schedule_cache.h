#pragma once
// `due` at scale. Folding years of journals on every run costs time in proportion to the
// history, so the fold of customers.csv and contacts.csv (store.h fold_journals) is saved
// in .cache/schedule.bin with the journal lengths it covers. A run streams that file one
// customer at a time and folds in only the records appended since.
//
// The file is derived, never the record: it is checked against the journals (covered
// length and a fingerprint of their bytes) and against the rules file's channel and
// outcome lists, rebuilt from the journals when anything does not match, and safe to
// delete. docs/file-formats.md describes it.

#include <functional>
#include <string>
#include <vector>

#include "model/customer.h"
#include "policy/policy.h"
#include "schedule/due.h"
#include "store/data_dir.h"

namespace revisit {

inline const char* const kScheduleCacheFile = ".cache/schedule.bin";

// What a scan did: for tests and the benchmark.
struct ScheduleScan {
    bool rebuilt = false;     // the cache was missing, stale or damaged: journals folded whole
    bool saved = false;       // a new cache file was written
    std::string save_error;   // why it could not be written, when it could not
    size_t customers = 0;
    size_t tail_records = 0;  // journal records read beyond what the cache covered
};

// `worker` says which of ScanOptions::workers threads makes the call (0 ... workers-1).
using CustomerVisitor = std::function<void(const Customer&, const CustomerHistory&, unsigned worker)>;

// A chunk of the cache is what one thread reads and visits at a time.
inline constexpr size_t kScheduleChunkBytes = 1u << 20;

struct ScanOptions {
    // Threads visiting customers at once. With 1 every customer is visited in the order they
    // were added, on the calling thread; with more, each thread visits whole chunks in no
    // set order, and calls with the same `worker` never overlap.
    unsigned workers = 1;
    size_t chunk_bytes = kScheduleChunkBytes;  // of a cache this scan saves (tests: tiny)
};

// Calls `visit` once for every customer, with the attribute changes `complaint_changes`
// folded in and its history finished (sorted, answered promises dropped); the references
// are valid only during the call. If the cache turns out damaged half-way, `restart` is
// called (no visit is running then) and the customers are visited again from the journals.
// Caller holds a lock on `dir` (shared is enough: the cache is replaced by rename).
ScheduleScan scan_schedule(const DataDir& dir, const Policy& policy,
                           const std::vector<CustomerRecord>& complaint_changes, const CustomerVisitor& visit,
                           const std::function<void()>& restart, const ScanOptions& options = {});

// The cache is refreshed when the journals grew by more than this since it was written.
inline constexpr uint64_t kScheduleCacheRefreshBytes = 4u << 20;

}  // namespace revisit
