#include "store/schedule_cache/file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include "store/io/hash.h"
#include "store/schedule_cache/scan.h"
#include "util/error.h"
#include "util/parallel.h"

namespace revisit::schedule_cache {
namespace {

// Layout (little-endian, the machine's own; the file never leaves the machine):
//   header   magic "RVSCHED1", u32 version, u64 policy hash, per journal (customers.csv,
//            contacts.csv) u64 covered length, u64 lines, u64 fingerprint, then u64 offset
//            of the table section, u64 customers
//   records  per customer: u32 byte length, then the customer and its history; cut into
//            chunks of whole records
//   tables   symbols (owners, attribute keys and values), chunks (u64 offset, u64
//            customers, u64 checksum of its bytes), i64 latest event time of the records
//            folded (minutes), checksum of the tables, "RVSCEND1"
constexpr char kMagic[8] = {'R', 'V', 'S', 'C', 'H', 'E', 'D', '1'};
constexpr char kEndMagic[8] = {'R', 'V', 'S', 'C', 'E', 'N', 'D', '1'};
// 2: contact times as i64; 3: checksums; 4: chunks; 5: each attribute change's journal and
// contact record (journal/fold.h), no table of set records, checksums in four lanes; 6: the
// latest event time of the records folded; 7: each promise's callback minute
constexpr uint32_t kVersion = 7;
constexpr size_t kHeaderSize = 8 + 4 + 8 + 2 * 24 + 8 + 8;
constexpr size_t kBlock = 4u << 20;

// A checksum of one byte range (a record damaged on disk must be rebuilt, not trusted).
uint64_t checksum(const char* p, size_t n) { return io::checksum64_lanes(p, n); }
using io::fnv1a;
using io::pread_exact;

// The journal's fingerprint (its first and last 4 KiB) up to `length`.
uint64_t fingerprint(const io::JournalFile& j, uint64_t length) {
    const std::optional<uint64_t> print = j.fingerprint(length);
    if (!print) throw CacheInvalid{"journal shorter than the cache"};
    return *print;
}

void check_journal(const io::JournalFile& j, const JournalMark& m) {
    if (m.length > j.length()) throw CacheInvalid{j.name() + " is shorter than the cache"};
    if (m.length == 0) {  // the journal was missing: its header is not in the tail's reach
        if (j.length() > 0) throw CacheInvalid{j.name() + " was created since"};
        return;
    }
    if (fingerprint(j, m.length) != m.fingerprint)
        throw CacheInvalid{j.name() + " was changed, not only appended to"};
}

template <typename T>
void append_raw(std::string& out, T v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// Bounds-checked decoding: a damaged file throws CacheInvalid, never reads past its range.
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
        if (n > static_cast<size_t>(end_ - p_) / size)
            throw CacheInvalid{"count larger than its record"};
        return n;
    }
    // The next `n` bytes as their own cursor.
    Cursor take(size_t n) {
        if (static_cast<size_t>(end_ - p_) < n) throw CacheInvalid{"record cut short"};
        p_ += n;
        return Cursor(p_ - n, p_);
    }
    bool done() const { return p_ == end_; }

  private:
    const char* p_;
    const char* end_;
};

}  // namespace

uint64_t policy_hash(const Policy& p) {
    uint64_t h = fnv1a("channels\n");
    for (const auto& c : p.channels) h = fnv1a(c.id + "\n", h);
    h = fnv1a("outcomes\n", h);
    for (const auto& o : p.outcomes) h = fnv1a(o.id + "\n", h);
    return h;
}

JournalMark mark_of(const io::JournalFile& j, uint64_t lines) {
    if (j.length() == 0) return {};
    return {j.length(), lines, fingerprint(j, j.length())};
}

// --- writing -------------------------------------------------------------------------------

CacheWriter::CacheWriter(const DataDir& dir, size_t chunk_bytes)
    : chunk_bytes_(std::max<size_t>(chunk_bytes, 1)) {
    const std::string cache_dir = dir.file(".cache");
    if (io::make_dir(cache_dir) != 0 && errno != EEXIST) fail("create", cache_dir);
    path_ = dir.file(kScheduleCacheFile);
    tmp_ = fmt::format("{}.tmp-{}", path_, ::getpid());
    // Errors name the cache, never the temporary file (as io::write_file_atomic).
    const mode_t mode = io::file_mode_in(cache_dir);
    fd_ = io::open_fd(tmp_, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (!fd_.valid()) fail("write", path_);
    io::restore_mode(fd_.get(), mode);
    buffer_.assign(kHeaderSize, '\0');  // filled in by commit()
    open_.offset = kHeaderSize;
}

CacheWriter::~CacheWriter() {
    if (fd_.valid()) {
        fd_.close();
        ::unlink(tmp_.c_str());
    }
}

void CacheWriter::add(const Customer& c, const CustomerHistory& h) {
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
        put<uint8_t>(static_cast<uint8_t>(ch.source));
        put<uint32_t>(ch.record);
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
        put<int16_t>(p.callback);
    }
    const uint32_t length = static_cast<uint32_t>(buffer_.size() - start - 4);
    std::memcpy(buffer_.data() + start, &length, 4);
    ++customers_;
    ++open_.customers;
    if (written_ + buffer_.size() - open_.offset >= chunk_bytes_) close_chunk();
}

void CacheWriter::close_chunk() {
    if (open_.customers == 0) return;
    const size_t at = static_cast<size_t>(open_.offset - written_);  // always in buffer_
    open_.checksum = checksum(buffer_.data() + at, buffer_.size() - at);
    chunks_.push_back(open_);
    open_ = Chunk{written_ + buffer_.size(), 0, 0};
    if (buffer_.size() >= kBlock) flush();
}

void CacheWriter::commit(uint64_t policy, const JournalMark& customers, const JournalMark& contacts,
                         DateTime latest) {
    close_chunk();
    const uint64_t tables = written_ + buffer_.size();
    const size_t tables_at = buffer_.size();
    put<uint32_t>(static_cast<uint32_t>(symbols_.size()));
    for (const auto& s : symbols_) put_string(s);
    put<uint64_t>(chunks_.size());
    for (const Chunk& ch : chunks_) {
        put<uint64_t>(ch.offset);
        put<uint64_t>(ch.customers);
        put<uint64_t>(ch.checksum);
    }
    put<int64_t>(latest.minutes());  // under the tables' checksum, as everything it decides on
    put<uint64_t>(checksum(buffer_.data() + tables_at, buffer_.size() - tables_at));
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
    if (::pwrite(fd_.get(), header.data(), header.size(), 0) !=
            static_cast<ssize_t>(header.size()) ||
        ::fsync(fd_.get()) != 0)
        fail("write", path_);
    fd_.close();
    if (::rename(tmp_.c_str(), path_.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp_.c_str());
        errno = err;
        fail("replace", path_);
    }
}

template <typename T>
void CacheWriter::put(T v) {
    append_raw(buffer_, v);
}

void CacheWriter::put_string(const std::string& s) {
    put<uint32_t>(static_cast<uint32_t>(s.size()));
    buffer_ += s;
}

uint32_t CacheWriter::symbol(const std::string& s) {
    auto [it, fresh] = symbol_ids_.try_emplace(s, static_cast<uint32_t>(symbols_.size()));
    if (fresh) symbols_.push_back(s);
    return it->second;
}

void CacheWriter::flush() {
    if (!io::write_all(fd_.get(), buffer_)) fail("write", path_);
    written_ += buffer_.size();
    buffer_.clear();
}

void CacheWriter::fail(const std::string& what, const std::string& path) const {
    throw Error(fmt::format("cannot {} {}: {}", what, path, std::strerror(errno)), kExitIo);
}

// --- reading -------------------------------------------------------------------------------

CacheReader::CacheReader(const DataDir& dir, uint64_t policy, const io::JournalFile& customers,
                         const io::JournalFile& contacts)
    : fd_(dir.open_reading(kScheduleCacheFile)) {
    if (!fd_.valid()) throw CacheInvalid{"no cache"};
    std::string header(kHeaderSize, '\0');
    if (!pread_exact(fd_.get(), header.data(), kHeaderSize, 0))
        throw CacheInvalid{"header cut short"};
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
}

void CacheReader::read_tables() {
    struct stat st {};
    if (::fstat(fd_.get(), &st) != 0 || tables_ < kHeaderSize ||
        tables_ > static_cast<uint64_t>(st.st_size))
        throw CacheInvalid{"bad table offset"};
    std::string text(static_cast<size_t>(st.st_size - static_cast<off_t>(tables_)), '\0');
    if (!pread_exact(fd_.get(), text.data(), text.size(), tables_))
        throw CacheInvalid{"tables cut short"};
    if (text.size() < 16 || std::memcmp(text.data() + text.size() - 8, kEndMagic, 8) != 0)
        throw CacheInvalid{"no end mark: the file is incomplete"};
    const size_t tables_size = text.size() - 16;
    if (Cursor(text.data() + tables_size, text.data() + tables_size + 8).get<uint64_t>() !=
        checksum(text.data(), tables_size))
        throw CacheInvalid{"tables damaged (checksum)"};
    Cursor in(text.data(), text.data() + tables_size);
    symbols_.resize(in.count<uint32_t>(4));
    for (auto& s : symbols_) in.string(s);
    chunks_.resize(in.count<uint64_t>(24));
    uint64_t customers = 0;
    for (size_t i = 0; i < chunks_.size(); ++i) {
        Chunk& ch = chunks_[i];
        ch.offset = in.get<uint64_t>();
        ch.customers = in.get<uint64_t>();
        ch.checksum = in.get<uint64_t>();
        // Chunks follow each other from the header to the tables, none empty.
        const bool follows = i == 0 ? ch.offset == kHeaderSize : ch.offset > chunks_[i - 1].offset;
        if (!follows || ch.offset >= tables_ || ch.customers == 0 || ch.customers > tables_)
            throw CacheInvalid{"bad chunk table"};
        customers += ch.customers;
    }
    if (customers != count_ || (chunks_.empty() && tables_ != kHeaderSize))
        throw CacheInvalid{"chunks do not hold every customer"};
    latest = DateTime::from_minutes(in.get<int64_t>());
    if (!in.done()) throw CacheInvalid{"tables longer than their contents"};
}

namespace {

const std::string& symbol(const std::vector<std::string>& symbols, uint32_t i) {
    if (i >= symbols.size()) throw CacheInvalid{"bad symbol"};
    return symbols[i];
}

void decode(Cursor& in, const std::vector<std::string>& symbols, Customer& c, CustomerHistory& h) {
    in.string(c.id);
    in.string(c.name);
    in.string(c.phone);
    c.created = DateTime::from_minutes(in.get<int64_t>());
    c.owners.resize(in.count<uint16_t>(4));
    for (auto& o : c.owners) o = symbol(symbols, in.get<uint32_t>());
    c.attributes.resize(in.count<uint16_t>(8));
    for (auto& [k, v] : c.attributes) {
        k = symbol(symbols, in.get<uint32_t>());
        v = symbol(symbols, in.get<uint32_t>());
    }
    c.changes.resize(in.count<uint32_t>(21));
    for (auto& ch : c.changes) {
        ch.at = DateTime::from_minutes(in.get<int64_t>());
        ch.key = symbol(symbols, in.get<uint32_t>());
        ch.value = symbol(symbols, in.get<uint32_t>());
        const uint8_t source = in.get<uint8_t>();
        if (source > static_cast<uint8_t>(ChangeSource::Complaints))
            throw CacheInvalid{"bad change source"};
        ch.source = static_cast<ChangeSource>(source);
        ch.record = in.get<uint32_t>();
    }
    h.contacts.resize(in.count<uint32_t>(16));
    for (auto& f : h.contacts) {
        f.at = DateTime::from_minutes(in.get<int64_t>());
        f.channel = in.get<int16_t>();
        f.outcome = in.get<int16_t>();
        f.record = in.get<uint32_t>();
    }
    h.promises.resize(in.count<uint32_t>(26));
    for (auto& p : h.promises) {
        p.made_at = DateTime::from_minutes(in.get<int64_t>());
        p.due = Date::from_days(in.get<int64_t>());
        in.string(p.note);
        in.string(p.contact_id);
        p.callback = in.get<int16_t>();
    }
}

}  // namespace

void CacheReader::load_chunk(size_t i, std::string& buffer, bool check) const {
    const Chunk& ch = chunks_.at(i);
    const uint64_t end = i + 1 < chunks_.size() ? chunks_[i + 1].offset : tables_;
    buffer.resize(static_cast<size_t>(end - ch.offset));
    if (!pread_exact(fd_.get(), buffer.data(), buffer.size(), ch.offset))
        throw CacheInvalid{"file cut short"};
    if (check && checksum(buffer.data(), buffer.size()) != ch.checksum)
        throw CacheInvalid{"records damaged (checksum)"};
}

void CacheReader::verify_chunks(unsigned workers) {
    std::vector<std::string> buffers(std::max(workers, 1u));
    parallel_for(chunks_.size(), workers,
                 [&](size_t i, unsigned w) { load_chunk(i, buffers[w], true); });
    verified_ = true;
}

void CacheReader::read_chunk(size_t i, std::string& buffer, Customer& c, CustomerHistory& h,
                             const std::function<void()>& each) const {
    const Chunk& ch = chunks_.at(i);
    load_chunk(i, buffer, !verified_);
    Cursor records(buffer.data(), buffer.data() + buffer.size());
    for (uint64_t n = 0; n < ch.customers; ++n) {
        Cursor in = records.take(records.get<uint32_t>());
        decode(in, symbols_, c, h);
        if (!in.done()) throw CacheInvalid{"record longer than its contents"};
        each();
    }
    if (!records.done()) throw CacheInvalid{"chunk longer than its records"};
}

}  // namespace revisit::schedule_cache
