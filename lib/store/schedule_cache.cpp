#include "store/schedule_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <unordered_map>

#include "csv/csv.h"
#include "model/contact.h"
#include "model/customer_csv.h"
#include "store/store.h"

namespace revisit {
namespace {

// Layout (little-endian, the machine's own; the file never leaves the machine):
//   header   magic "RVSCHED1", u32 version, u64 policy hash, per journal (customers.csv,
//            contacts.csv) u64 covered length, u64 lines, u64 fingerprint, then u64 offset
//            of the table section, u64 customers
//   records  per customer: u32 byte length, then the customer and its history
//   tables   symbols (owners, attribute keys and values), set-record numbers, checksums of
//            the records and of the tables, "RVSCEND1"
constexpr char kMagic[8] = {'R', 'V', 'S', 'C', 'H', 'E', 'D', '1'};
constexpr char kEndMagic[8] = {'R', 'V', 'S', 'C', 'E', 'N', 'D', '1'};
constexpr uint32_t kVersion = 3;  // 2: contact times as i64; 3: checksums
constexpr size_t kHeaderSize = 8 + 4 + 8 + 2 * 24 + 8 + 8;
constexpr size_t kBlock = 4u << 20;

// A cache that cannot be used: missing, of another version, stale or damaged.
struct CacheInvalid {
    std::string why;
};

// A checksum of one byte range, 8 bytes a step (a pass over the file costs ~0.05 s per
// 300 MB): a record damaged on disk must be rebuilt, not trusted.
uint64_t checksum(uint64_t h, const char* p, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15ull;
        h ^= h >> 29;
    }
    for (; i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 0x100000001b3ull;
    return h ^ n;
}

uint64_t fnv1a(std::string_view s, uint64_t h = 0xcbf29ce484222325ull) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return h;
}

// What the saved fold depends on in the rules: contacts are stored as channel and outcome
// indexes into these lists.
uint64_t policy_hash(const Policy& p) {
    uint64_t h = fnv1a("channels\n");
    for (const auto& c : p.channels) h = fnv1a(c.id + "\n", h);
    h = fnv1a("outcomes\n", h);
    for (const auto& o : p.outcomes) h = fnv1a(o.id + "\n", h);
    return h;
}

class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }

private:
    int fd_;
};

// Reads exactly `n` bytes at `offset`; false at end of file.
bool pread_exact(int fd, char* out, size_t n, uint64_t offset) {
    while (n > 0) {
        const ssize_t got = ::pread(fd, out, n, static_cast<off_t>(offset));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        out += got;
        n -= static_cast<size_t>(got);
        offset += static_cast<uint64_t>(got);
    }
    return true;
}

// Where a journal stood when the cache was written.
struct JournalMark {
    uint64_t length = 0, lines = 0, fingerprint = 0;
};

// The first and the last 4 KiB before `length`: an append keeps them, an edit or a
// replaced file (almost always) changes them.
uint64_t fingerprint(int fd, uint64_t length) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(length, 4096));
    std::string head(n, '\0'), tail(n, '\0');
    if (!pread_exact(fd, head.data(), n, 0) || !pread_exact(fd, tail.data(), n, length - n))
        throw CacheInvalid{"journal shorter than the cache"};
    return fnv1a(tail, fnv1a(head, length));
}

// The journal as it is now (the bytes a reader may read under the lock).
struct Journal {
    std::string name, path;
    uint64_t length = 0;
};

Journal journal(const DataDir& dir, const std::string& name) {
    // Bytes beyond a crashed write's marker are not part of the journal (data_dir.h).
    return Journal{name, dir.file(name), static_cast<uint64_t>(std::max(0LL, dir.readable_size(name)))};
}

uint64_t count_lines(const Journal& j) {
    if (j.length == 0) return 0;
    Fd fd(::open(j.path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) throw Error(fmt::format("cannot read {}: {}", j.path, std::strerror(errno)), kExitIo);
    std::string block(kBlock, '\0');
    uint64_t lines = 0;
    for (uint64_t at = 0; at < j.length;) {
        const size_t n = static_cast<size_t>(std::min<uint64_t>(kBlock, j.length - at));
        if (!pread_exact(fd.get(), block.data(), n, at))
            throw Error(fmt::format("cannot read {}: it shrank while being read", j.path), kExitIo);
        lines += static_cast<uint64_t>(std::count(block.data(), block.data() + n, '\n'));
        at += n;
    }
    return lines;
}

JournalMark mark_of(const Journal& j, uint64_t lines) {
    if (j.length == 0) return {};
    Fd fd(::open(j.path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) throw Error(fmt::format("cannot read {}: {}", j.path, std::strerror(errno)), kExitIo);
    return {j.length, lines, fingerprint(fd.get(), j.length)};
}

// Streams the records of `j` from byte `from` (a line start) to its end, numbering lines
// from `first_line`, and returns how many lines it read.
uint64_t read_tail(const Journal& j, uint64_t from, uint64_t first_line,
                   const std::function<void(const CsvRecord&)>& on_record) {
    if (from >= j.length) return 0;
    Fd fd(::open(j.path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) throw Error(fmt::format("cannot read {}: {}", j.path, std::strerror(errno)), kExitIo);
    CsvChunkReader reader(j.path, static_cast<int>(first_line));
    CsvRecord record;
    std::string block(1u << 20, '\0');
    uint64_t lines = 0;
    for (uint64_t at = from; at < j.length;) {
        const size_t n = static_cast<size_t>(std::min<uint64_t>(block.size(), j.length - at));
        if (!pread_exact(fd.get(), block.data(), n, at))
            throw Error(fmt::format("cannot read {}: it shrank while being read", j.path), kExitIo);
        lines += static_cast<uint64_t>(std::count(block.data(), block.data() + n, '\n'));
        reader.feed(std::string_view(block.data(), n));
        while (reader.next(record)) on_record(record);
        at += n;
    }
    reader.finish();
    while (reader.next(record)) on_record(record);
    return lines;
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

// --- writing -------------------------------------------------------------------------------

class CacheWriter {
public:
    explicit CacheWriter(const DataDir& dir) {
        const std::string cache_dir = dir.file(".cache");
        if (::mkdir(cache_dir.c_str(), 0700) != 0 && errno != EEXIST) fail("create", cache_dir);
        path_ = dir.file(kScheduleCacheFile);
        tmp_ = fmt::format("{}.tmp-{}", path_, ::getpid());
        fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd_ < 0) fail("create", tmp_);
        buffer_.assign(kHeaderSize, '\0');  // filled in by commit()
    }
    CacheWriter(const CacheWriter&) = delete;
    CacheWriter& operator=(const CacheWriter&) = delete;
    ~CacheWriter() {
        if (fd_ >= 0) {
            ::close(fd_);
            ::unlink(tmp_.c_str());
        }
    }

    void add(const Customer& c, const CustomerHistory& h) {
        const size_t start = buffer_.size();
        put<uint32_t>(0);
        put_string(c.id);
        put_string(c.name);
        put_string(c.phone);
        put<int64_t>(c.created.minutes());
        put<uint16_t>(static_cast<uint16_t>(c.owners.size()));
        for (const auto& o : c.owners) put<uint32_t>(symbol(o));
        put<uint16_t>(static_cast<uint16_t>(c.attributes.size()));
        for (const auto& [k, v] : c.attributes) {
            put<uint32_t>(symbol(k));
            put<uint32_t>(symbol(v));
        }
        put<uint32_t>(static_cast<uint32_t>(c.changes.size()));
        for (const auto& ch : c.changes) {
            put<int64_t>(ch.at.minutes());
            put<uint32_t>(symbol(ch.key));
            put<uint32_t>(symbol(ch.value));
        }
        put<uint32_t>(static_cast<uint32_t>(h.contacts.size()));
        for (const auto& f : h.contacts) {
            put<int64_t>(f.at.minutes());
            put<int16_t>(f.channel);
            put<int16_t>(f.outcome);
            put<uint32_t>(f.record);
        }
        put<uint32_t>(static_cast<uint32_t>(h.promises.size()));
        for (const auto& p : h.promises) {
            put<int64_t>(p.made_at.minutes());
            put<int64_t>(p.due.days());
            put_string(p.note);
            put_string(p.contact_id);
        }
        const uint32_t length = static_cast<uint32_t>(buffer_.size() - start - 4);
        std::memcpy(buffer_.data() + start, &length, 4);
        records_sum_ = checksum(records_sum_, buffer_.data() + start, buffer_.size() - start);
        ++customers_;
        if (buffer_.size() >= kBlock) flush();
    }

    // Writes the tables and the header, syncs and renames the file into place.
    void commit(uint64_t policy, const JournalMark& customers, const JournalMark& contacts,
                std::vector<uint32_t> set_records) {
        const uint64_t tables = written_ + buffer_.size();
        const size_t tables_at = buffer_.size();
        put<uint32_t>(static_cast<uint32_t>(symbols_.size()));
        for (const auto& s : symbols_) put_string(s);
        std::sort(set_records.begin(), set_records.end());
        put<uint64_t>(set_records.size());
        for (uint32_t n : set_records) put<uint32_t>(n);
        const uint64_t tables_sum = checksum(0, buffer_.data() + tables_at, buffer_.size() - tables_at);
        put<uint64_t>(records_sum_);
        put<uint64_t>(tables_sum);
        buffer_.append(kEndMagic, 8);
        flush();
        std::string header(kMagic, 8);
        append_raw(header, kVersion);
        append_raw(header, policy);
        for (const JournalMark* m : {&customers, &contacts}) {
            append_raw(header, m->length);
            append_raw(header, m->lines);
            append_raw(header, m->fingerprint);
        }
        append_raw(header, tables);
        append_raw(header, customers_);
        if (::pwrite(fd_, header.data(), header.size(), 0) != static_cast<ssize_t>(header.size()) ||
            ::fsync(fd_) != 0)
            fail("write", tmp_);
        ::close(fd_);
        fd_ = -1;
        if (::rename(tmp_.c_str(), path_.c_str()) != 0) {
            const int err = errno;
            ::unlink(tmp_.c_str());
            errno = err;
            fail("replace", path_);
        }
    }

private:
    template <typename T>
    static void append_raw(std::string& out, T v) {
        out.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    template <typename T>
    void put(T v) {
        append_raw(buffer_, v);
    }
    void put_string(const std::string& s) {
        put<uint32_t>(static_cast<uint32_t>(s.size()));
        buffer_ += s;
    }
    uint32_t symbol(const std::string& s) {
        auto [it, fresh] = symbol_ids_.try_emplace(s, static_cast<uint32_t>(symbols_.size()));
        if (fresh) symbols_.push_back(s);
        return it->second;
    }
    void flush() {
        size_t done = 0;
        while (done < buffer_.size()) {
            const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) fail("write", tmp_);
            done += static_cast<size_t>(n);
        }
        written_ += buffer_.size();
        buffer_.clear();
    }
    [[noreturn]] void fail(const std::string& what, const std::string& path) const {
        throw Error(fmt::format("cannot {} {}: {}", what, path, std::strerror(errno)), kExitIo);
    }

    std::string path_, tmp_;
    int fd_ = -1;
    std::string buffer_;
    uint64_t written_ = 0;
    uint64_t customers_ = 0;
    uint64_t records_sum_ = 0;
    std::vector<std::string> symbols_;
    std::unordered_map<std::string, uint32_t> symbol_ids_;
};

// --- reading -------------------------------------------------------------------------------

// Bounds-checked decoding of one record: a damaged file throws CacheInvalid, never reads
// past the record.
class Cursor {
public:
    Cursor(const char* p, const char* end) : p_(p), end_(end) {}
    template <typename T>
    T get() {
        if (static_cast<size_t>(end_ - p_) < sizeof(T)) throw CacheInvalid{"record cut short"};
        T v;
        std::memcpy(&v, p_, sizeof v);
        p_ += sizeof v;
        return v;
    }
    void string(std::string& out) {
        const uint32_t n = get<uint32_t>();
        if (static_cast<size_t>(end_ - p_) < n) throw CacheInvalid{"string cut short"};
        out.assign(p_, n);
        p_ += n;
    }
    // A count of items of at least `size` bytes each: never more than the bytes left hold,
    // so that a damaged count cannot make a huge allocation.
    template <typename T>
    size_t count(size_t size) {
        const T n = get<T>();
        if (n > static_cast<size_t>(end_ - p_) / size) throw CacheInvalid{"count larger than its record"};
        return n;
    }
    bool done() const { return p_ == end_; }

private:
    const char* p_;
    const char* end_;
};

class CacheReader {
public:
    // Opens and checks the cache against the journals and the policy.
    CacheReader(const DataDir& dir, uint64_t policy, const Journal& customers, const Journal& contacts)
        : fd_(::open(dir.file(kScheduleCacheFile).c_str(), O_RDONLY | O_CLOEXEC)) {
        if (fd_.get() < 0) throw CacheInvalid{"no cache"};
        std::string header(kHeaderSize, '\0');
        if (!pread_exact(fd_.get(), header.data(), kHeaderSize, 0)) throw CacheInvalid{"header cut short"};
        Cursor h(header.data(), header.data() + header.size());
        if (std::memcmp(header.data(), kMagic, 8) != 0) throw CacheInvalid{"not a schedule cache"};
        for (int i = 0; i < 2; ++i) h.get<uint32_t>();  // the magic
        if (h.get<uint32_t>() != kVersion) throw CacheInvalid{"another version"};
        if (h.get<uint64_t>() != policy) throw CacheInvalid{"channels or outcomes changed"};
        for (JournalMark* m : {&customers_mark, &contacts_mark}) {
            m->length = h.get<uint64_t>();
            m->lines = h.get<uint64_t>();
            m->fingerprint = h.get<uint64_t>();
        }
        tables_ = h.get<uint64_t>();
        count_ = h.get<uint64_t>();
        check_journal(customers, customers_mark);
        check_journal(contacts, contacts_mark);
        read_tables();
        position_ = kHeaderSize;
    }

    // The next customer, or false after the last.
    bool next(Customer& c, CustomerHistory& h) {
        if (read_ == count_) {
            if (position_ != tables_) throw CacheInvalid{"records do not end where the tables start"};
            if (records_sum_ != expected_records_sum_) throw CacheInvalid{"records damaged (checksum)"};
            return false;
        }
        if (!fill(4)) throw CacheInvalid{"records cut short"};
        uint32_t length;
        std::memcpy(&length, buffer_.data() + start_, 4);
        if (!fill(4 + static_cast<size_t>(length))) throw CacheInvalid{"record cut short"};
        records_sum_ = checksum(records_sum_, buffer_.data() + start_, 4 + static_cast<size_t>(length));
        Cursor in(buffer_.data() + start_ + 4, buffer_.data() + start_ + 4 + length);
        decode(in, c, h);
        if (!in.done()) throw CacheInvalid{"record longer than its contents"};
        start_ += 4 + length;
        position_ += 4 + length;
        ++read_;
        return true;
    }

    const std::vector<uint32_t>& set_records() const { return set_records_; }
    JournalMark customers_mark, contacts_mark;

private:
    static void check_journal(const Journal& j, const JournalMark& m) {
        if (m.length > j.length) throw CacheInvalid{j.name + " is shorter than the cache"};
        if (m.length == 0) {  // the journal was missing: its header is not in the tail's reach
            if (j.length > 0) throw CacheInvalid{j.name + " was created since"};
            return;
        }
        Fd fd(::open(j.path.c_str(), O_RDONLY | O_CLOEXEC));
        if (fd.get() < 0 || fingerprint(fd.get(), m.length) != m.fingerprint)
            throw CacheInvalid{j.name + " was changed, not only appended to"};
    }

    void read_tables() {
        struct stat st {};
        if (::fstat(fd_.get(), &st) != 0 || tables_ < kHeaderSize || tables_ > static_cast<uint64_t>(st.st_size))
            throw CacheInvalid{"bad table offset"};
        std::string text(static_cast<size_t>(st.st_size - static_cast<off_t>(tables_)), '\0');
        if (!pread_exact(fd_.get(), text.data(), text.size(), tables_)) throw CacheInvalid{"tables cut short"};
        if (text.size() < 24 || std::memcmp(text.data() + text.size() - 8, kEndMagic, 8) != 0)
            throw CacheInvalid{"no end mark: the file is incomplete"};
        const size_t tables_size = text.size() - 24;
        Cursor sums(text.data() + tables_size, text.data() + text.size() - 8);
        expected_records_sum_ = sums.get<uint64_t>();
        if (sums.get<uint64_t>() != checksum(0, text.data(), tables_size))
            throw CacheInvalid{"tables damaged (checksum)"};
        Cursor in(text.data(), text.data() + tables_size);
        symbols_.resize(in.count<uint32_t>(4));
        for (auto& s : symbols_) in.string(s);
        const uint64_t n = in.get<uint64_t>();
        if (n > text.size() / 4) throw CacheInvalid{"bad set-record count"};
        set_records_.resize(static_cast<size_t>(n));
        for (auto& r : set_records_) r = in.get<uint32_t>();
        if (!in.done()) throw CacheInvalid{"tables longer than their contents"};
    }

    const std::string& symbol(uint32_t i) const {
        if (i >= symbols_.size()) throw CacheInvalid{"bad symbol"};
        return symbols_[i];
    }

    void decode(Cursor& in, Customer& c, CustomerHistory& h) const {
        in.string(c.id);
        in.string(c.name);
        in.string(c.phone);
        c.created = DateTime::from_minutes(in.get<int64_t>());
        c.owners.resize(in.count<uint16_t>(4));
        for (auto& o : c.owners) o = symbol(in.get<uint32_t>());
        c.attributes.resize(in.count<uint16_t>(8));
        for (auto& [k, v] : c.attributes) {
            k = symbol(in.get<uint32_t>());
            v = symbol(in.get<uint32_t>());
        }
        c.changes.resize(in.count<uint32_t>(16));
        for (auto& ch : c.changes) {
            ch.at = DateTime::from_minutes(in.get<int64_t>());
            ch.key = symbol(in.get<uint32_t>());
            ch.value = symbol(in.get<uint32_t>());
        }
        h.contacts.resize(in.count<uint32_t>(16));
        for (auto& f : h.contacts) {
            f.at = DateTime::from_minutes(in.get<int64_t>());
            f.channel = in.get<int16_t>();
            f.outcome = in.get<int16_t>();
            f.record = in.get<uint32_t>();
        }
        h.promises.resize(in.count<uint32_t>(24));
        for (auto& p : h.promises) {
            p.made_at = DateTime::from_minutes(in.get<int64_t>());
            p.due = Date::from_days(in.get<int64_t>());
            in.string(p.note);
            in.string(p.contact_id);
        }
    }

    // Makes `n` bytes from start_ available in buffer_; false at the end of the records.
    bool fill(size_t n) {
        if (buffer_.size() - start_ >= n) return true;
        buffer_.erase(0, start_);
        start_ = 0;
        while (buffer_.size() < n) {
            const uint64_t at = position_ + buffer_.size();
            if (at >= tables_) return false;
            const size_t want = static_cast<size_t>(std::min<uint64_t>(std::max(kBlock, n), tables_ - at));
            const size_t old = buffer_.size();
            buffer_.resize(old + want);
            if (!pread_exact(fd_.get(), buffer_.data() + old, want, at)) throw CacheInvalid{"file cut short"};
        }
        return true;
    }

    Fd fd_;
    uint64_t tables_ = 0, count_ = 0, read_ = 0;
    uint64_t position_ = 0;  // file offset of buffer_[start_]
    uint64_t records_sum_ = 0, expected_records_sum_ = 0;
    std::string buffer_;
    size_t start_ = 0;
    std::vector<std::string> symbols_;
    std::vector<uint32_t> set_records_;
};

// --- the journals' tails -------------------------------------------------------------------

// What was appended to the journals after the cache was written, by customer.
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

Tail read_tails(const DataDir& dir, const CacheReader& cache, const Journal& customers,
                const Journal& contacts) {
    Tail tail;
    if (customers.length > cache.customers_mark.length) {
        const auto columns = CustomerColumns::from_header(read_header(dir, kCustomersFile), customers.path);
        tail.customer_lines = read_tail(customers, cache.customers_mark.length, cache.customers_mark.lines + 1,
                                        [&](const CsvRecord& row) {
            if (row.fields.size() == 1 && row.fields[0].empty()) return;
            CustomerRecord r = customer_from_record(columns, row, customers.path);
            ++tail.records;
            if (r.op == "add" || tail.added.find(r.id)) {
                const std::string problem = tail.added.apply(r);
                if (!problem.empty()) throw Error(Location{customers.path, row.line, 0}, problem);
                if (r.op == "add") tail.added_line[r.id] = row.line;
            } else {
                tail.updates[r.id].push_back(std::move(r));
            }
        });
    }
    if (contacts.length > cache.contacts_mark.length) {
        const auto columns = ContactColumns::from_header(read_header(dir, kContactsFile), contacts.path);
        tail.contact_lines = read_tail(contacts, cache.contacts_mark.length, cache.contacts_mark.lines + 1,
                                       [&](const CsvRecord& row) {
            if (row.fields.size() == 1 && row.fields[0].empty()) return;
            ContactRecord r = contact_from_record(columns, row, contacts.path);
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

// Folds what the tail holds for customer `c` into it: updates, corrections, new contacts
// and the attribute changes they make. Returns the set-record numbers it applied.
void apply_tail(const Policy& policy, Tail& tail, Customer& c, CustomerHistory& h,
                std::vector<uint32_t>& set_records) {
    if (auto u = tail.updates.find(c.id); u != tail.updates.end()) {
        // fold_journals applies contacts' attribute changes after all of customers.csv, so at
        // equal times a cached contact's change wins over a later update: fold again.
        for (const auto& r : u->second)
            if (!r.set.empty() && std::any_of(c.changes.begin(), c.changes.end(), [&](const AttributeChange& ch) {
                    return ch.at.minutes() == r.at.minutes();
                }))
                throw CacheInvalid{"an update at the time of a cached attribute change"};
        for (const auto& r : u->second) apply_fields(c, r);
        tail.updates.erase(u);
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
    tail.contacts.erase(t);
}

// Complaint attribute changes by customer; what is left after the scan names unknown ones.
using ComplaintChanges = std::unordered_map<std::string, std::vector<const CustomerRecord*>>;

void finish_and_visit(const Policy& policy, ComplaintChanges& complaints, Customer& c,
                      CustomerHistory& h, const CustomerVisitor& visit) {
    if (auto it = complaints.find(c.id); it != complaints.end()) {
        for (const CustomerRecord* r : it->second) apply_fields(c, *r);
        complaints.erase(it);
    }
    finish_history(policy, h);
    visit(c, h);
}

void check_all_used(const Tail& tail, const ComplaintChanges& complaints, const Journal& customers,
                    const Journal& contacts, const DataDir& dir) {
    for (const auto& [id, records] : tail.updates)
        throw Error(Location{customers.path, records.front().line, 0},
                    fmt::format("update of unknown customer \"{}\"", id));
    for (const auto& [id, list] : tail.contacts)
        throw Error(Location{contacts.path, list.front().first, 0},
                    fmt::format("contact {} is for unknown customer \"{}\"", list.front().second.id, id));
    for (const auto& [id, records] : complaints)
        throw Error(Location{dir.file(kComplaintsFile), records.front()->line, 0},
                    fmt::format("update of unknown customer \"{}\"", id));
}

ScheduleScan scan_from_cache(const DataDir& dir, const Policy& policy, uint64_t hash,
                                            const Journal& customers, const Journal& contacts,
                                            ComplaintChanges complaints, const CustomerVisitor& visit) {
    CacheReader cache(dir, hash, customers, contacts);
    Tail tail = read_tails(dir, cache, customers, contacts);
    for (uint32_t n : tail.amended_list)  // a correction takes back attribute changes: fold again
        if (std::binary_search(cache.set_records().begin(), cache.set_records().end(), n))
            throw CacheInvalid{"a correction of an attribute change"};
    ScheduleScan scan;
    scan.tail_records = tail.records;
    const uint64_t grown = (customers.length - cache.customers_mark.length) +
                           (contacts.length - cache.contacts_mark.length);
    std::optional<CacheWriter> writer;
    if (grown > kScheduleCacheRefreshBytes) {
        try {
            writer.emplace(dir);
        } catch (const Error& e) {
            scan.save_error = e.what();
        }
    }
    std::vector<uint32_t> set_records;
    Customer c;
    CustomerHistory h;
    while (cache.next(c, h)) {
        if (auto a = tail.added_line.find(c.id); a != tail.added_line.end())
            throw Error(Location{customers.path, a->second, 0}, fmt::format("customer \"{}\" already exists", c.id));
        apply_tail(policy, tail, c, h, set_records);
        if (writer) writer->add(c, h);
        finish_and_visit(policy, complaints, c, h, visit);
        ++scan.customers;
    }
    for (const Customer& added : tail.added.all()) {
        if (auto u = tail.updates.find(added.id); u != tail.updates.end())  // updated before its add
            throw Error(Location{customers.path, u->second.front().line, 0},
                        fmt::format("update of unknown customer \"{}\"", added.id));
        c = added;
        h = CustomerHistory{};
        apply_tail(policy, tail, c, h, set_records);
        if (writer) writer->add(c, h);
        finish_and_visit(policy, complaints, c, h, visit);
        ++scan.customers;
    }
    check_all_used(tail, complaints, customers, contacts, dir);
    if (writer) {
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

ScheduleScan scan_rebuilt(const DataDir& dir, const Policy& policy, uint64_t hash,
                          const Journal& customers, const Journal& contacts,
                          ComplaintChanges complaints, const CustomerVisitor& visit) {
    ScheduleScan scan;
    scan.rebuilt = true;
    JournalFold fold = fold_journals(dir, policy);
    try {
        CacheWriter writer(dir);
        for (size_t i = 0; i < fold.book.size(); ++i) writer.add(fold.book.all()[i], fold.histories[i]);
        writer.commit(hash, mark_of(customers, count_lines(customers)), mark_of(contacts, count_lines(contacts)),
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
        finish_and_visit(policy, complaints, c, fold.histories[i], visit);
        ++scan.customers;
    }
    for (const auto& [id, records] : complaints)
        throw Error(Location{dir.file(kComplaintsFile), records.front()->line, 0},
                    fmt::format("update of unknown customer \"{}\"", id));
    return scan;
}

}  // namespace

ScheduleScan scan_schedule(const DataDir& dir, const Policy& policy,
                           const std::vector<CustomerRecord>& complaint_changes,
                           const CustomerVisitor& visit, const std::function<void()>& restart) {
    ComplaintChanges complaints;
    for (const auto& r : complaint_changes) complaints[r.id].push_back(&r);
    const uint64_t hash = policy_hash(policy);
    const Journal customers = journal(dir, kCustomersFile);
    const Journal contacts = journal(dir, kContactsFile);
    bool visited = false;
    const CustomerVisitor counting = [&](const Customer& c, const CustomerHistory& h) {
        visited = true;
        visit(c, h);
    };
    try {
        return scan_from_cache(dir, policy, hash, customers, contacts, complaints, counting);
    } catch (const CacheInvalid&) {
        // Missing, stale or damaged: fold the journals and save a new one.
        if (visited) restart();
    }
    return scan_rebuilt(dir, policy, hash, customers, contacts, std::move(complaints), visit);
}

}  // namespace revisit
