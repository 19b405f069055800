#include "store/schedule_cache.h"

#include <fcntl.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <optional>
#include <thread>
#include <unordered_map>

#include "csv/csv.h"
#include "model/contact.h"
#include "model/customer_csv.h"
#include "store/schedule_cache_file.h"
#include "store/store.h"

namespace revisit {
namespace {

using namespace schedule_cache;
using io::JournalFile;

// Streams the records of `j` from byte `from` (a line start) to its end, numbering lines
// from `first_line`, and returns how many lines it read.
uint64_t read_tail(const JournalFile& j, uint64_t from, uint64_t first_line,
                   const std::function<void(const CsvRecord&)>& on_record) {
    const auto each = [&](const CsvRecord& r, uint64_t) {
        on_record(r);
        return true;
    };
    return j.scan(from, static_cast<int>(first_line), each).line_ends;
}

struct StopReading {};

// The header row of journal `name`.
std::vector<std::string> read_header(const DataDir& dir, const std::string& name) {
    std::vector<std::string> header;
    try {
        dir.read_records(name, [&](const CsvRecord& r) {
            header = r.fields;
            throw StopReading{};
        });
    } catch (const StopReading&) {
    }
    return header;
}

// --- the journals' tails -------------------------------------------------------------------

// What was appended to the journals after the cache was written, by customer. Read-only
// while customers are visited (from several threads); what was used is erased afterwards.
struct Tail {
    CustomerBook added;                                      // customers added since
    std::unordered_map<std::string, int> added_line;
    std::unordered_map<std::string, std::vector<CustomerRecord>> updates;  // of cached customers
    std::unordered_map<std::string, std::vector<std::pair<int, ContactRecord>>> contacts;
    std::vector<bool> amended;  // by record number
    std::vector<uint32_t> amended_list;
    uint64_t customer_lines = 0, contact_lines = 0;
    size_t records = 0;

    bool is_amended(uint32_t n) const { return n && n < amended.size() && amended[n]; }
};

Tail read_tails(const DataDir& dir, const CacheReader& cache, const JournalFile& customers,
                const JournalFile& contacts) {
    Tail tail;
    if (customers.length() > cache.customers_mark.length) {
        const auto columns = CustomerColumns::from_header(read_header(dir, kCustomersFile), customers.path());
        tail.customer_lines = read_tail(customers, cache.customers_mark.length, cache.customers_mark.lines + 1,
                                        [&](const CsvRecord& row) {
            if (row.fields.size() == 1 && row.fields[0].empty()) return;
            CustomerRecord r = customer_from_record(columns, row, customers.path());
            ++tail.records;
            if (r.op == "add" || tail.added.find(r.id)) {
                const std::string problem = tail.added.apply(r);
                if (!problem.empty()) throw Error(Location{customers.path(), row.line, 0}, problem);
                if (r.op == "add") tail.added_line[r.id] = row.line;
            } else {
                tail.updates[r.id].push_back(std::move(r));
            }
        });
    }
    if (contacts.length() > cache.contacts_mark.length) {
        const auto columns = ContactColumns::from_header(read_header(dir, kContactsFile), contacts.path());
        tail.contact_lines = read_tail(contacts, cache.contacts_mark.length, cache.contacts_mark.lines + 1,
                                       [&](const CsvRecord& row) {
            if (row.fields.size() == 1 && row.fields[0].empty()) return;
            ContactRecord r = contact_from_record(columns, row, contacts.path());
            ++tail.records;
            if (!r.amends.empty())
                if (const uint32_t n = record_number(r.amends)) {
                    if (tail.amended.size() <= n) tail.amended.resize(n + 1);
                    tail.amended[n] = true;
                    tail.amended_list.push_back(n);
                }
            tail.contacts[r.customer].emplace_back(row.line, std::move(r));
        });
    }
    return tail;
}

// Complaint attribute changes by customer; what is left after the scan names unknown ones.
using ComplaintChanges = std::unordered_map<std::string, std::vector<const CustomerRecord*>>;

// Applies the complaint changes for `c`; returns the id they are filed under, or nullptr.
const std::string* apply_complaints(const ComplaintChanges& complaints, Customer& c) {
    auto it = complaints.empty() ? complaints.end() : complaints.find(c.id);
    if (it == complaints.end()) return nullptr;
    for (const CustomerRecord* r : it->second) apply_fields(c, *r);
    return &it->first;
}

// The ids whose tail entries and complaint changes a worker used.
struct Used {
    std::vector<const std::string*> updates, contacts, complaints;
};

// Folds what the tail holds for customer `c` into it: updates, corrections, new contacts
// and the attribute changes they make; collects the set-record numbers it applied.
void apply_tail(const Policy& policy, const Tail& tail, Customer& c, CustomerHistory& h,
                std::vector<uint32_t>& set_records, Used& used) {
    if (tail.records == 0) return;  // nothing appended since the cache: no lookups
    if (auto u = tail.updates.find(c.id); u != tail.updates.end()) {
        // fold_journals applies contacts' attribute changes after all of customers.csv, so at
        // equal times a cached contact's change wins over a later update: fold again.
        for (const auto& r : u->second)
            if (!r.set.empty() && std::any_of(c.changes.begin(), c.changes.end(), [&](const AttributeChange& ch) {
                    return ch.at.minutes() == r.at.minutes();
                }))
                throw CacheInvalid{"an update at the time of a cached attribute change"};
        for (const auto& r : u->second) apply_fields(c, r);
        used.updates.push_back(&u->first);
    }
    if (!tail.amended_list.empty()) {
        std::erase_if(h.contacts, [&](const ContactFact& f) { return tail.is_amended(f.record); });
        std::erase_if(h.promises, [&](const OpenPromise& p) { return tail.is_amended(record_number(p.contact_id)); });
    }
    auto t = tail.contacts.find(c.id);
    if (t == tail.contacts.end()) return;
    for (const auto& [line, r] : t->second)
        if (!tail.is_amended(record_number(r.id))) add_contact(policy, h, r);
    for (const auto& [line, r] : t->second)
        if (!r.set.empty() && !tail.is_amended(record_number(r.id))) {
            apply_fields(c, attribute_change_record(r));
            set_records.push_back(record_number(r.id));
        }
    used.contacts.push_back(&t->first);
}

// Erases the entries of `map` whose ids are in `used`.
template <typename Map>
void erase_used(Map& map, const std::vector<const std::string*>& used) {
    std::vector<std::string> ids;  // copies: erasing by a reference into the node is unsafe
    ids.reserve(used.size());
    for (const std::string* id : used) ids.push_back(*id);
    for (const std::string& id : ids) map.erase(id);
}

void erase_used(Tail& tail, ComplaintChanges& complaints, const Used& used) {
    erase_used(tail.updates, used.updates);
    erase_used(tail.contacts, used.contacts);
    erase_used(complaints, used.complaints);
}

void check_all_used(const Tail& tail, const ComplaintChanges& complaints, const JournalFile& customers,
                    const JournalFile& contacts, const DataDir& dir) {
    for (const auto& [id, records] : tail.updates)
        throw Error(Location{customers.path(), records.front().line, 0},
                    fmt::format("update of unknown customer \"{}\"", id));
    for (const auto& [id, list] : tail.contacts)
        throw Error(Location{contacts.path(), list.front().first, 0},
                    fmt::format("contact {} is for unknown customer \"{}\"", list.front().second.id, id));
    for (const auto& [id, records] : complaints)
        throw Error(Location{dir.file(kComplaintsFile), records.front()->line, 0},
                    fmt::format("update of unknown customer \"{}\"", id));
}

// One thread's share of a scan: its scratch customer and what it used.
struct Worker {
    Customer c;
    CustomerHistory h;
    std::string buffer;
    Used used;
    std::vector<uint32_t> set_records;
    size_t customers = 0;
    // The first failure, in the chunk it happened in.
    std::optional<size_t> failed_chunk;
    std::exception_ptr error;
    bool invalid = false;
};

// Visits the cached customers and those the tail adds, in `workers` threads at once
// unless the cache is being rewritten (the writer takes customers in order).
class CachedScan {
public:
    CachedScan(const Policy& policy, const JournalFile& customers, const CacheReader& cache, const Tail& tail,
               const ComplaintChanges& complaints, CacheWriter* writer, const CustomerVisitor& visit)
        : policy_(policy), customers_(customers), cache_(cache), tail_(tail), complaints_(complaints),
          writer_(writer), visit_(visit) {}

    // The cached customers, chunk by chunk; the first failure by chunk order is rethrown,
    // a damaged cache (CacheInvalid) before any other.
    void cached(std::vector<Worker>& workers) {
        std::vector<std::thread> threads;
        for (unsigned i = 1; i < workers.size(); ++i) threads.emplace_back([&, i] { run(workers[i], i); });
        run(workers[0], 0);
        for (auto& t : threads) t.join();
        const Worker* first = nullptr;
        for (const Worker& w : workers)
            if (w.failed_chunk && (!first || (w.invalid && !first->invalid) ||
                                   (w.invalid == first->invalid && *w.failed_chunk < *first->failed_chunk)))
                first = &w;
        if (first) std::rethrow_exception(first->error);
    }

    // Customer `w.c` as read from the cache or the tail: folded, finished and visited.
    void visit(Worker& w, unsigned index) {
        apply_tail(policy_, tail_, w.c, w.h, w.set_records, w.used);
        if (writer_) writer_->add(w.c, w.h);
        if (const std::string* id = apply_complaints(complaints_, w.c)) w.used.complaints.push_back(id);
        finish_history(policy_, w.h);
        visit_(w.c, w.h, index);
        ++w.customers;
    }

private:
    void run(Worker& w, unsigned index) {
        // Once any worker fails, the others finish the chunk they hold (an earlier chunk may
        // hold the error a single thread would report first) and take no more.
        for (size_t chunk; !stop_ && (chunk = next_chunk_++) < cache_.chunks();) {
            try {
                cache_.read_chunk(chunk, w.buffer, w.c, w.h, [&] {
                    if (auto a = tail_.added_line.empty() ? tail_.added_line.end() : tail_.added_line.find(w.c.id);
                        a != tail_.added_line.end())
                        throw Error(Location{customers_.path(), a->second, 0},
                                    fmt::format("customer \"{}\" already exists", w.c.id));
                    visit(w, index);
                });
            } catch (const CacheInvalid&) {
                fail(w, chunk, true);
            } catch (...) {
                fail(w, chunk, false);
            }
            if (w.failed_chunk) return;
        }
    }
    void fail(Worker& w, size_t chunk, bool invalid) {
        w.failed_chunk = chunk;
        w.error = std::current_exception();
        w.invalid = invalid;
        stop_ = true;
    }

    const Policy& policy_;
    const JournalFile& customers_;
    const CacheReader& cache_;
    const Tail& tail_;
    const ComplaintChanges& complaints_;
    CacheWriter* writer_;
    const CustomerVisitor& visit_;
    std::atomic<size_t> next_chunk_{0};
    std::atomic<bool> stop_{false};
};

ScheduleScan scan_from_cache(const DataDir& dir, const Policy& policy, uint64_t hash, const JournalFile& customers,
                             const JournalFile& contacts, ComplaintChanges complaints, const CustomerVisitor& visit,
                             const ScanOptions& options) {
    CacheReader cache(dir, hash, customers, contacts);
    Tail tail = read_tails(dir, cache, customers, contacts);
    for (uint32_t n : tail.amended_list)  // a correction takes back attribute changes: fold again
        if (std::binary_search(cache.set_records().begin(), cache.set_records().end(), n))
            throw CacheInvalid{"a correction of an attribute change"};
    ScheduleScan scan;
    scan.tail_records = tail.records;
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
    const size_t threads = writer ? 1 : std::clamp<size_t>(options.workers, 1, std::max<size_t>(cache.chunks(), 1));
    std::vector<Worker> workers(threads);
    CachedScan cached(policy, customers, cache, tail, complaints, writer ? &*writer : nullptr, visit);
    cached.cached(workers);
    for (const Worker& each : workers) erase_used(tail, complaints, each.used);
    // Customers added since, in the order they were added, on the calling thread.
    Worker& w = workers[0];
    w.used = Used{};
    for (const Customer& added : tail.added.all()) {
        if (auto u = tail.updates.find(added.id); u != tail.updates.end())  // updated before its add
            throw Error(Location{customers.path(), u->second.front().line, 0},
                        fmt::format("update of unknown customer \"{}\"", added.id));
        w.c = added;
        w.h = CustomerHistory{};
        cached.visit(w, 0);
    }
    erase_used(tail, complaints, w.used);
    check_all_used(tail, complaints, customers, contacts, dir);
    for (const Worker& each : workers) scan.customers += each.customers;
    if (writer) {
        std::vector<uint32_t> set_records = std::move(w.set_records);
        set_records.insert(set_records.end(), cache.set_records().begin(), cache.set_records().end());
        try {
            writer->commit(hash, mark_of(customers, cache.customers_mark.lines + tail.customer_lines),
                           mark_of(contacts, cache.contacts_mark.lines + tail.contact_lines), std::move(set_records));
            scan.saved = true;
        } catch (const Error& e) {
            scan.save_error = e.what();
        }
    }
    return scan;
}

ScheduleScan scan_rebuilt(const DataDir& dir, const Policy& policy, uint64_t hash, const JournalFile& customers,
                          const JournalFile& contacts, ComplaintChanges complaints, const CustomerVisitor& visit,
                          const ScanOptions& options) {
    ScheduleScan scan;
    scan.rebuilt = true;
    JournalFold fold = fold_journals(dir, policy);
    try {
        CacheWriter writer(dir, options.chunk_bytes);
        for (size_t i = 0; i < fold.book.size(); ++i) writer.add(fold.book.all()[i], fold.histories[i]);
        writer.commit(hash, mark_of(customers, customers.count_lines()), mark_of(contacts, contacts.count_lines()),
                      std::move(fold.set_records));
        scan.saved = true;
    } catch (const Error& e) {
        scan.save_error = e.what();
    } catch (const CacheInvalid& e) {  // a journal shrank under us: cannot happen under the lock
        scan.save_error = e.why;
    }
    Customer c;
    for (size_t i = 0; i < fold.book.size(); ++i) {
        c = fold.book.all()[i];
        if (const std::string* id = apply_complaints(complaints, c)) complaints.erase(std::string(*id));
        finish_history(policy, fold.histories[i]);
        visit(c, fold.histories[i], 0);
        ++scan.customers;
    }
    for (const auto& [id, records] : complaints)
        throw Error(Location{dir.file(kComplaintsFile), records.front()->line, 0},
                    fmt::format("update of unknown customer \"{}\"", id));
    return scan;
}

}  // namespace

ScheduleScan scan_schedule(const DataDir& dir, const Policy& policy,
                           const std::vector<CustomerRecord>& complaint_changes, const CustomerVisitor& visit,
                           const std::function<void()>& restart, const ScanOptions& options) {
    ComplaintChanges complaints;
    for (const auto& r : complaint_changes) complaints[r.id].push_back(&r);
    const uint64_t hash = policy_hash(policy);
    const JournalFile customers = JournalFile::open(dir, kCustomersFile);
    const JournalFile contacts = JournalFile::open(dir, kContactsFile);
    std::atomic<bool> visited = false;
    const CustomerVisitor counting = [&](const Customer& c, const CustomerHistory& h, unsigned worker) {
        if (!visited.load(std::memory_order_relaxed)) visited = true;  // no shared write per customer
        visit(c, h, worker);
    };
    try {
        return scan_from_cache(dir, policy, hash, customers, contacts, complaints, counting, options);
    } catch (const CacheInvalid&) {
        // Missing, stale or damaged: fold the journals and save a new one.
        if (visited) restart();
    }
    return scan_rebuilt(dir, policy, hash, customers, contacts, std::move(complaints), visit, options);
}

}  // namespace revisit
