#include "store/schedule_cache/scan.h"

#include <fmt/format.h>

#include <optional>

#include "csv/csv.h"
#include "journal/delta.h"
#include "model/contact.h"
#include "model/customer_csv.h"
#include "store/io/journal_file.h"
#include "store/schedule_cache/file.h"
#include "store/store.h"
#include "util/parallel.h"

namespace revisit {
namespace {

using namespace schedule_cache;
using io::JournalFile;

struct TailLines {
    uint64_t customers = 0, contacts = 0;
};

// Reads what customers.csv and contacts.csv hold beyond the cache into `delta`.
TailLines read_tails(const CacheReader& cache, const JournalFile& customers,
                     const JournalFile& contacts, JournalDelta& delta) {
    TailLines lines;
    if (customers.length() > cache.customers_mark.length) {
        const auto columns =
            CustomerColumns::from_header(customers.read_header().value().fields, customers.path());
        const auto each = [&](const CsvRecord& row, uint64_t) {
            if (!(row.fields.size() == 1 && row.fields[0].empty()))
                delta.customer_record(customer_from_record(columns, row, customers.path()),
                                      customers.path());
            return true;
        };
        const auto first_line = static_cast<int>(cache.customers_mark.lines + 1);
        lines.customers = customers.scan(cache.customers_mark.length, first_line, each).line_ends;
    }
    if (contacts.length() > cache.contacts_mark.length) {
        const auto columns =
            ContactColumns::from_header(contacts.read_header().value().fields, contacts.path());
        const auto each = [&](const CsvRecord& row, uint64_t) {
            if (!(row.fields.size() == 1 && row.fields[0].empty()))
                delta.contact(contact_from_record(columns, row, contacts.path()), row.line);
            return true;
        };
        const auto first_line = static_cast<int>(cache.contacts_mark.lines + 1);
        lines.contacts = contacts.scan(cache.contacts_mark.length, first_line, each).line_ends;
    }
    return lines;
}

void add_complaints(JournalDelta& delta, const std::vector<CustomerRecord>& complaint_changes,
                    DateTime as_of) {
    for (const auto& r : complaint_changes)
        if (r.at <= as_of) delta.complaint_change(r);
}

// Thrown before any customer is visited when the cache and its tail hold records later than
// the scan's as_of: they cannot be taken out of a saved fold.
struct LaterRecords {};

// One thread's scratch customer while it reads the cache.
struct Scratch {
    Customer c;
    CustomerHistory h;
    std::string buffer;
    size_t customers = 0;
};

// The cached customers and those the tail adds, chunk by chunk on `options.workers` threads
// (one while a new cache is written: the writer takes customers in order). Throws
// CacheInvalid before visiting anyone when the cache cannot be used.
ScheduleScan scan_cached(const DataDir& dir, const Policy& policy, uint64_t hash,
                         const JournalFile& customers, const JournalFile& contacts,
                         const std::vector<CustomerRecord>& complaint_changes,
                         const CustomerSource::Visit& visit, const ScanOptions& options) {
    CacheReader cache(dir, hash, customers, contacts);
    cache.verify_chunks(options.workers);
    JournalDelta delta;
    const TailLines lines = read_tails(cache, customers, contacts, delta);
    const DateTime latest = std::max(cache.latest, delta.latest());
    if (latest > options.as_of) throw LaterRecords{};
    add_complaints(delta, complaint_changes, options.as_of);
    ScheduleScan scan;
    scan.tail_records = delta.records();
    const uint64_t grown = (customers.length() - cache.customers_mark.length) +
                           (contacts.length() - cache.contacts_mark.length);
    std::optional<CacheWriter> writer;
    if (grown > kScheduleCacheRefreshBytes) {
        try {
            writer.emplace(dir, options.chunk_bytes);
        } catch (const Error& e) {
            scan.save_error = e.what();
        }
    }
    const unsigned threads = writer ? 1 : std::max(options.workers, 1u);
    std::vector<Scratch> scratch(threads);
    const auto fold_and_visit = [&](Scratch& w, unsigned worker) {
        delta.apply_journals(policy, w.c, w.h);
        if (writer) writer->add(w.c, w.h);  // the cache holds no complaint changes
        delta.apply_complaints(w.c);
        finish_history(policy, w.h);
        visit(w.c, w.h, worker);
        ++w.customers;
    };
    parallel_for(cache.chunks(), threads, [&](size_t chunk, unsigned worker) {
        Scratch& w = scratch[worker];
        try {
            cache.read_chunk(chunk, w.buffer, w.c, w.h, [&] {
                delta.check_not_added(w.c.id, customers.path());
                fold_and_visit(w, worker);
            });
        } catch (const CacheInvalid& e) {  // its checksums matched: written wrong, not damaged
            throw Error(fmt::format("cannot read {}: {}; delete it and run again",
                                    dir.file(kScheduleCacheFile), e.why),
                        kExitIo);
        }
    });
    for (const Customer& added : delta.added().all()) {  // in the order they were added
        scratch[0].c = added;
        scratch[0].h = CustomerHistory{};
        fold_and_visit(scratch[0], 0);
    }
    delta.check_all_used(customers.path(), contacts.path(), dir.file(kComplaintsFile));
    for (const Scratch& w : scratch) scan.customers += w.customers;
    if (writer) {
        try {
            writer->commit(hash, mark_of(customers, cache.customers_mark.lines + lines.customers),
                           mark_of(contacts, cache.contacts_mark.lines + lines.contacts), latest);
            scan.saved = true;
        } catch (const Error& e) {
            scan.save_error = e.what();
        } catch (const CacheInvalid& e) {  // a journal shrank: only a hand edit can do that
            scan.save_error = e.why;
        }
    }
    return scan;
}

// Saves the fold of the whole journals as a new cache; returns why it could not, or "".
std::string save(const DataDir& dir, const JournalFold& fold, uint64_t hash,
                 const JournalFile& customers, const JournalFile& contacts,
                 const ScanOptions& options) {
    try {
        CacheWriter writer(dir, options.chunk_bytes);
        for (size_t i = 0; i < fold.book.size(); ++i)
            writer.add(fold.book.all()[i], fold.histories[i]);
        writer.commit(hash, mark_of(customers, customers.count_lines()),
                      mark_of(contacts, contacts.count_lines()), fold.latest);
        return "";
    } catch (const Error& e) {
        return e.what();
    } catch (const CacheInvalid& e) {  // a journal shrank: only a hand edit can do that
        return e.why;
    }
}

ScheduleScan scan_rebuilt(const DataDir& dir, const Policy& policy, uint64_t hash,
                          const JournalFile& customers, const JournalFile& contacts,
                          const std::vector<CustomerRecord>& complaint_changes,
                          const CustomerSource::Visit& visit, const ScanOptions& options,
                          bool replay) {
    ScheduleScan scan;
    scan.rebuilt = !replay;
    JournalFold fold = fold_journals(dir, policy, options.as_of, options.fold_progress);
    scan.replayed = fold.latest > options.as_of;
    if (!scan.replayed) {  // nothing left out: the fold of the whole journals
        scan.save_error = save(dir, fold, hash, customers, contacts, options);
        scan.saved = scan.save_error.empty();
    }
    JournalDelta delta;
    add_complaints(delta, complaint_changes, options.as_of);
    Customer c;
    for (size_t i = 0; i < fold.book.size(); ++i) {
        c = fold.book.all()[i];
        delta.apply_complaints(c);
        finish_history(policy, fold.histories[i]);
        visit(c, fold.histories[i], 0);
        ++scan.customers;
    }
    delta.check_all_used(customers.path(), contacts.path(), dir.file(kComplaintsFile));
    return scan;
}

}  // namespace

ScheduleScan scan_schedule(const DataDir& dir, const Policy& policy,
                           const std::vector<CustomerRecord>& complaint_changes,
                           const CustomerSource::Visit& visit, const ScanOptions& options) {
    const uint64_t hash = policy_hash(policy);
    const JournalFile customers = JournalFile::open(dir, kCustomersFile);
    const JournalFile contacts = JournalFile::open(dir, kContactsFile);
    bool replay = false;
    try {
        return scan_cached(dir, policy, hash, customers, contacts, complaint_changes, visit,
                           options);
    } catch (const CacheInvalid&) {
        // Missing, stale or damaged, found before any customer was visited: fold the
        // journals and save a new one.
    } catch (const LaterRecords&) {  // a past day: fold the journals as they were then
        replay = true;
    }
    return scan_rebuilt(dir, policy, hash, customers, contacts, complaint_changes, visit, options,
                        replay);
}

}  // namespace revisit
