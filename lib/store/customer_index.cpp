#include "store/customer_index.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "csv/csv.h"
#include "model/contact.h"
#include "model/customer_csv.h"
#include "store/store.h"
#include "util/text.h"

namespace revisit {
namespace {

// --- hashing --------------------------------------------------------------------------------

uint64_t fnv1a(std::string_view s) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

// A fast 64-bit checksum of bytes (index blocks, journal fingerprints); not cryptographic.
uint64_t checksum(std::string_view data) {
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ (data.size() * 0xff51afd7ed558ccdULL);
    size_t i = 0;
    for (; i + 8 <= data.size(); i += 8) {
        uint64_t w;
        std::memcpy(&w, data.data() + i, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
    }
    uint64_t w = 0;
    if (i < data.size()) std::memcpy(&w, data.data() + i, data.size() - i);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 32);
}

// --- files ------------------------------------------------------------------------------------

[[noreturn]] void fail_read(const std::string& path, int err) {
    throw Error(fmt::format("cannot read {}: {}", path, std::strerror(err)), kExitIo);
}

class Fd {
  public:
    Fd() = default;
    explicit Fd(int fd) : fd_(fd) {}
    Fd(Fd&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    Fd& operator=(Fd&& other) noexcept {
        std::swap(fd_, other.fd_);
        return *this;
    }
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }

  private:
    int fd_ = -1;
};

// Up to `n` bytes at `offset` (fewer at the end of the file); false on an I/O error.
bool pread_all(int fd, uint64_t offset, size_t n, std::string& out) {
    out.resize(n);
    size_t done = 0;
    while (done < n) {
        const ssize_t got =
            ::pread(fd, out.data() + done, n - done, static_cast<off_t>(offset + done));
        if (got < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        if (got == 0) break;
        done += static_cast<size_t>(got);
    }
    out.resize(done);
    return true;
}

// Thrown when an index does not match its journal (or is damaged): it is then rebuilt.
struct IndexDamaged {};

// --- journals -----------------------------------------------------------------------------------

enum class Kind : uint32_t { Customers = 1, Contacts = 2, Complaints = 3 };

// Sections of customers.idx ...
constexpr size_t kById = 0, kByPhone = 1;
// ... of contacts.idx ...
constexpr size_t kSetByCustomer = 0, kByAmended = 1, kCheckpoint = 2;
constexpr uint64_t kCheckpointEvery = 256;
// ... and of complaints.idx.
constexpr size_t kByComplaint = 0, kByComplaintCustomer = 1, kBySubject = 2;

size_t section_count(Kind kind) { return kind == Kind::Customers ? 2 : 3; }
const char* journal_name(Kind kind) {
    switch (kind) {
        case Kind::Customers:
            return kCustomersFile;
        case Kind::Contacts:
            return kContactsFile;
        case Kind::Complaints:
            break;
    }
    return kComplaintsFile;
}
std::string index_name(Kind kind) {
    switch (kind) {
        case Kind::Customers:
            return ".cache/customers.idx";
        case Kind::Contacts:
            return ".cache/contacts.idx";
        case Kind::Complaints:
            break;
    }
    return ".cache/complaints.idx";
}

// A journal opened for reading at offsets: its size and header are fixed while the caller
// holds the exclusive lock.
class Journal {
  public:
    Journal(const DataDir& dir, const std::string& name) : path_(dir.file(name)) {
        const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            if (errno == ENOENT) return;
            fail_read(path_, errno);
        }
        fd_ = Fd(fd);
        struct stat st {};
        if (::fstat(fd, &st) != 0) fail_read(path_, errno);
        if (S_ISDIR(st.st_mode))
            throw Error(fmt::format("cannot read {}: it is a directory", path_), kExitIo);
        size_ = static_cast<uint64_t>(st.st_size);
        read_header();
    }

    const std::string& path() const { return path_; }
    uint64_t size() const { return size_; }
    // False for a missing or empty journal: it has no records.
    bool has_records() const { return !header_.empty(); }
    const std::vector<std::string>& header() const { return header_; }
    uint64_t data_start() const { return data_start_; }
    int data_line() const { return data_line_; }

    std::string read(uint64_t offset, size_t n) const {
        std::string out;
        if (offset >= size_) return out;
        n = static_cast<size_t>(std::min<uint64_t>(n, size_ - offset));
        if (!pread_all(fd_.get(), offset, n, out)) fail_read(path_, errno);
        return out;
    }

    // The record that starts at `offset` (on line `line`). IndexDamaged when no record starts
    // there: an index made from another journal.
    CsvRecord record_at(uint64_t offset, int line) const {
        if (offset < data_start_ || offset >= size_) throw IndexDamaged{};
        for (size_t n = 4096;; n *= 2) {
            const std::string text = read(offset - 1, n + 1);
            if (text.empty() || text[0] != '\n') throw IndexDamaged{};
            const bool partial = offset + (text.size() - 1) < size_;
            CsvReader reader(std::string_view(text).substr(1), path_, line, partial);
            CsvRecord record;
            if (reader.next(record)) {
                if (record.fields.size() == 1 && record.fields[0].empty()) throw IndexDamaged{};
                return record;
            }
            if (!reader.needs_more() || !partial) throw IndexDamaged{};
        }
    }

  private:
    void read_header() {
        for (size_t n = 4096;; n *= 2) {
            const std::string text = read(0, n);
            const size_t bom = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
            const bool partial = text.size() < size_;
            CsvReader reader(std::string_view(text).substr(bom), path_, 1, partial);
            CsvRecord record;
            if (reader.next(record)) {
                header_ = record.fields;
                data_start_ = bom + reader.consumed();
                data_line_ = reader.line();
                return;
            }
            if (!partial) return;  // empty file
        }
    }

    std::string path_;
    Fd fd_;
    uint64_t size_ = 0;
    std::vector<std::string> header_;
    uint64_t data_start_ = 0;
    int data_line_ = 1;
};

struct ScanEnd {
    uint64_t offset;  // just after the last record that ended with a line end
    int line;         // the line there
};

// Feeds every non-blank record from byte `from` (where line `line` starts) to the end of the
// journal to `on_record(record, offset)`, reading `block` bytes at a time, until it returns
// false. Malformed text throws Error with file:line:column.
ScanEnd scan(const Journal& j, uint64_t from, int line,
             const std::function<bool(const CsvRecord&, uint64_t)>& on_record,
             size_t block = 1 << 20) {
    ScanEnd end{from, line};
    std::string buffer;
    uint64_t buffer_start = from, next_read = from;
    CsvRecord record;
    for (;;) {
        const bool eof = next_read >= j.size();
        if (!eof) {
            const size_t want =
                static_cast<size_t>(std::min<uint64_t>(block, j.size() - next_read));
            buffer += j.read(next_read, want);
            next_read += want;
        }
        const bool last = next_read >= j.size();
        CsvReader reader(buffer, j.path(), line, !last);
        for (;;) {
            const size_t start = reader.consumed();
            if (!reader.next(record)) break;
            const size_t stop = reader.consumed();
            if (stop > 0 && buffer[stop - 1] == '\n') end = {buffer_start + stop, reader.line()};
            if (record.fields.size() == 1 && record.fields[0].empty()) continue;
            if (!on_record(record, buffer_start + start)) return end;
        }
        if (last) return end;
        const size_t used = reader.consumed();
        buffer.erase(0, used);
        buffer_start += used;
        line = reader.line();
    }
}

// --- index files ----------------------------------------------------------------------------

// One index entry: a record of the journal, keyed by the hash of an id or phone (or, for
// checkpoints, by the record's number).
struct Entry {
    uint32_t hash;
    uint32_t line;
    uint64_t offset;
};
static_assert(sizeof(Entry) == 16);

bool by_hash_then_offset(const Entry& a, const Entry& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.offset < b.offset;
}
struct HashLess {
    bool operator()(const Entry& e, uint32_t h) const { return e.hash < h; }
    bool operator()(uint32_t h, const Entry& e) const { return h < e.hash; }
};

// What an index knows about its journal besides the entries.
struct Meta {
    uint64_t covered = 0;        // bytes of the journal the entries cover (a record boundary)
    uint64_t covered_line = 1;   // the line where the first record not covered starts
    uint64_t head_print = 0;     // checksum of the first 4 KiB (at most `covered` bytes)
    uint64_t tail_print = 0;     // checksum of the 4 KiB before `covered`
    uint64_t records = 0;        // data records covered
    uint64_t max_generated = 0;  // customers: the highest N of an added id C000N
    uint64_t set_records = 0;    // contacts: records with a `set` cell; complaints: events
                                 // whose `set` changes an attribute
    uint64_t last_number = 0;    // contacts: the number of the last record id (K000123 -> 123)
    uint64_t monotonic = 1;      // contacts: every id so far is K<n> with n increasing

    std::array<uint64_t, 9> fields() const {
        return {covered,       covered_line, head_print,  tail_print, records,
                max_generated, set_records,  last_number, monotonic};
    }
    static Meta from(const std::array<uint64_t, 9>& f) {
        return {f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]};
    }
};

constexpr char kMagic[8] = {'R', 'V', 'I', 'D', 'X', '\r', '\n', '\x1a'};
constexpr uint32_t kVersion = 1;
constexpr size_t kBlockEntries = 2048;  // entries per checksummed block (32 KiB)
constexpr size_t kFixedHeader = 8 + 4 + 4 + 9 * 8 + 8;

uint64_t journal_print(const Journal& j, uint64_t from, uint64_t to) {
    return checksum(j.read(from, static_cast<size_t>(to - from)));
}
void set_prints(const Journal& j, Meta& m) {
    m.head_print = journal_print(j, 0, std::min<uint64_t>(4096, m.covered));
    m.tail_print = journal_print(j, m.covered > 4096 ? m.covered - 4096 : 0, m.covered);
}

void put64(std::string& out, uint64_t v) { out.append(reinterpret_cast<const char*>(&v), 8); }
void put32(std::string& out, uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }
uint64_t get64(const std::string& in, size_t at) {
    uint64_t v;
    std::memcpy(&v, in.data() + at, 8);
    return v;
}
uint32_t get32(const std::string& in, size_t at) {
    uint32_t v;
    std::memcpy(&v, in.data() + at, 4);
    return v;
}

size_t blocks_of(uint64_t entries) {
    return static_cast<size_t>((entries + kBlockEntries - 1) / kBlockEntries);
}

// The file: fixed header (magic, version, kind, Meta, section count); per section its entry
// count, block count and data offset; per block its first hash and checksum; a checksum of
// all that; then the entries of each section, sorted by (hash, offset).
std::string serialize(Kind kind, const Meta& meta,
                      const std::vector<std::vector<Entry>>& sections) {
    std::string out(kMagic, sizeof kMagic);
    put32(out, kVersion);
    put32(out, static_cast<uint32_t>(kind));
    for (uint64_t f : meta.fields()) put64(out, f);
    put64(out, sections.size());
    size_t header = kFixedHeader + sections.size() * 24 + 8;
    for (const auto& s : sections) header += blocks_of(s.size()) * 16;
    uint64_t data = header;
    for (const auto& s : sections) {
        put64(out, s.size());
        put64(out, blocks_of(s.size()));
        put64(out, data);
        data += s.size() * sizeof(Entry);
    }
    for (const auto& s : sections) {
        for (size_t b = 0; b < blocks_of(s.size()); ++b) {
            const size_t first = b * kBlockEntries, n = std::min(kBlockEntries, s.size() - first);
            put64(out, s[first].hash);
            put64(out, checksum(std::string_view(reinterpret_cast<const char*>(s.data() + first),
                                                 n * sizeof(Entry))));
        }
    }
    put64(out, checksum(out));
    out.reserve(static_cast<size_t>(data));
    for (const auto& s : sections)
        out.append(reinterpret_cast<const char*>(s.data()), s.size() * sizeof(Entry));
    return out;
}

// An index file, checked against its journal; entries are read block by block on demand.
class DiskIndex {
  public:
    // The index at `path` when it is sound and was made from (a prefix of) `j`, else nullopt.
    static std::unique_ptr<DiskIndex> open(const std::string& path, Kind kind, const Journal& j) {
        const int fd =
            ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);  // never wait on a FIFO
        if (fd < 0) return nullptr;
        auto index = std::unique_ptr<DiskIndex>(new DiskIndex(Fd(fd)));
        return index->load(kind, j) ? std::move(index) : nullptr;
    }

    const Meta& meta() const { return meta_; }

    // Entries of `section` whose hash is `hash`.
    void find(size_t section, uint32_t hash, std::vector<Entry>& out) const {
        const Section& s = sections_[section];
        size_t b = std::lower_bound(s.fences.begin(), s.fences.end(), hash) - s.fences.begin();
        if (b > 0) --b;
        for (; b < s.fences.size() && s.fences[b] <= hash; ++b) {
            const std::vector<Entry>& block = read_block(section, b);
            auto [lo, hi] = std::equal_range(block.begin(), block.end(), hash, HashLess{});
            out.insert(out.end(), lo, hi);
        }
    }

    // The entry of `section` with the greatest hash not above `key`.
    std::optional<Entry> floor(size_t section, uint32_t key) const {
        const Section& s = sections_[section];
        const size_t b = std::upper_bound(s.fences.begin(), s.fences.end(), key) - s.fences.begin();
        if (b == 0) return std::nullopt;
        const std::vector<Entry>& block = read_block(section, b - 1);
        auto it = std::upper_bound(block.begin(), block.end(), key, HashLess{});
        if (it == block.begin()) throw IndexDamaged{};
        return *(it - 1);
    }

    std::vector<Entry> all(size_t section) const {
        std::vector<Entry> out;
        for (size_t b = 0; b < sections_[section].fences.size(); ++b) {
            const std::vector<Entry> block = load_block(section, b);
            out.insert(out.end(), block.begin(), block.end());
        }
        return out;
    }

  private:
    struct Section {
        uint64_t entries = 0, data = 0;
        std::vector<uint32_t> fences;  // first hash of each block
        std::vector<uint64_t> sums;    // checksum of each block
    };

    explicit DiskIndex(Fd fd) : fd_(std::move(fd)) {}

    bool load(Kind kind, const Journal& j) {
        struct stat st {};
        if (::fstat(fd_.get(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
        const uint64_t file_size = static_cast<uint64_t>(st.st_size);
        std::string head;
        if (!pread_all(fd_.get(), 0, kFixedHeader, head) || head.size() < kFixedHeader)
            return false;
        if (head.compare(0, 8, kMagic, 8) != 0 || get32(head, 8) != kVersion ||
            get32(head, 12) != static_cast<uint32_t>(kind) ||
            get64(head, 16 + 9 * 8) != section_count(kind))
            return false;
        std::array<uint64_t, 9> fields{};
        for (size_t i = 0; i < fields.size(); ++i) fields[i] = get64(head, 16 + i * 8);
        meta_ = Meta::from(fields);
        const size_t n = section_count(kind);
        std::string table;
        if (!pread_all(fd_.get(), kFixedHeader, n * 24, table) || table.size() < n * 24)
            return false;
        uint64_t header_size = kFixedHeader + n * 24 + 8, entries = 0;
        sections_.resize(n);
        for (size_t i = 0; i < n; ++i) {
            Section& s = sections_[i];
            s.entries = get64(table, i * 24);
            s.data = get64(table, i * 24 + 16);
            if (s.entries > file_size / sizeof(Entry) ||
                get64(table, i * 24 + 8) != blocks_of(s.entries))
                return false;
            header_size += blocks_of(s.entries) * 16;
            entries += s.entries;
        }
        if (header_size + entries * sizeof(Entry) != file_size) return false;
        std::string header;
        if (!pread_all(fd_.get(), 0, static_cast<size_t>(header_size), header) ||
            header.size() != header_size)
            return false;
        if (checksum(std::string_view(header).substr(0, header.size() - 8)) !=
            get64(header, header.size() - 8))
            return false;
        size_t at = kFixedHeader + n * 24;
        uint64_t data = header_size;
        for (auto& s : sections_) {
            if (s.data != data) return false;
            data += s.entries * sizeof(Entry);
            for (size_t b = 0; b < blocks_of(s.entries); ++b, at += 16) {
                const uint64_t fence = get64(header, at);
                if (fence > UINT32_MAX || (b > 0 && fence < s.fences.back())) return false;
                s.fences.push_back(static_cast<uint32_t>(fence));
                s.sums.push_back(get64(header, at + 8));
            }
        }
        // Made from this journal? It must still start and, where the index stops, read the same.
        if (meta_.covered < j.data_start() || meta_.covered > j.size() ||
            meta_.covered_line < static_cast<uint64_t>(j.data_line()) ||
            meta_.covered_line > INT32_MAX)
            return false;
        Meta now = meta_;
        set_prints(j, now);
        return now.head_print == meta_.head_print && now.tail_print == meta_.tail_print;
    }

    // Block `b` of `section`, read once per command.
    const std::vector<Entry>& read_block(size_t section, size_t b) const {
        auto cached = blocks_.find({section, b});
        if (cached != blocks_.end()) return cached->second;
        return blocks_.emplace(std::pair{section, b}, load_block(section, b)).first->second;
    }

    // Block `b` of `section`, checked against its checksum.
    std::vector<Entry> load_block(size_t section, size_t b) const {
        const Section& s = sections_[section];
        const size_t first = b * kBlockEntries;
        const size_t n = static_cast<size_t>(std::min<uint64_t>(kBlockEntries, s.entries - first));
        std::string bytes;
        if (!pread_all(fd_.get(), s.data + first * sizeof(Entry), n * sizeof(Entry), bytes) ||
            bytes.size() != n * sizeof(Entry) || checksum(bytes) != s.sums[b])
            throw IndexDamaged{};
        std::vector<Entry> out(n);
        std::memcpy(out.data(), bytes.data(), bytes.size());
        if (out.front().hash != s.fences[b]) throw IndexDamaged{};
        return out;
    }

    Fd fd_;
    mutable std::map<std::pair<size_t, size_t>, std::vector<Entry>> blocks_;
    Meta meta_;
    std::vector<Section> sections_;
};

// --- building -------------------------------------------------------------------------------

size_t column_of(const std::vector<int>& index, const std::vector<std::string>& names,
                 const char* name) {
    return static_cast<size_t>(index[std::find(names.begin(), names.end(), name) - names.begin()]);
}

// N of an added id C000N, counted as CustomerBook::apply counts generated ids; 0 for others.
uint64_t generated_number(const std::string& id) {
    if (id.size() < 7 || id.size() > 10 || id[0] != 'C' ||
        id.find_first_not_of("0123456789", 1) != std::string::npos)
        return 0;
    return std::stoull(id.substr(1));
}

// N of a contact id KN (1-9 digits); 0 for other ids.
uint32_t contact_number(std::string_view id) {
    if (id.size() < 2 || id.size() > 10 || id[0] != 'K') return 0;
    uint32_t n = 0;
    for (char c : id.substr(1)) {
        if (c < '0' || c > '9') return 0;
        n = n * 10 + static_cast<uint32_t>(c - '0');
    }
    return n;
}

uint32_t line32(int line) { return static_cast<uint32_t>(std::max(line, 0)); }

// Turns journal records into entries and Meta.
class Builder {
  public:
    Builder(Kind kind, const Journal& j, const Meta& start)
        : kind_(kind), journal_(j), meta(start) {
        entries.resize(section_count(kind));
        if (kind == Kind::Customers) {
            customer_columns_ = CustomerColumns::from_header(j.header(), j.path());
            const auto& names = customer_columns();
            id_ = column_of(customer_columns_.index, names, "id");
            op_ = column_of(customer_columns_.index, names, "op");
            phone_ = column_of(customer_columns_.index, names, "phone");
        } else if (kind == Kind::Complaints) {
            complaint_columns_ = ComplaintColumns::from_header(j.header(), j.path());
            const auto& names = complaint_columns();
            id_ = column_of(complaint_columns_.index, names, "complaint");
            customer_ = column_of(complaint_columns_.index, names, "customer");
            subject_ = column_of(complaint_columns_.index, names, "subject");
            set_ = column_of(complaint_columns_.index, names, "set");
        } else {
            contact_columns_ = ContactColumns::from_header(j.header(), j.path());
            const auto& names = contact_columns();
            id_ = column_of(contact_columns_.index, names, "id");
            customer_ = column_of(contact_columns_.index, names, "customer");
            set_ = column_of(contact_columns_.index, names, "set");
            amends_ = column_of(contact_columns_.index, names, "amends");
        }
    }

    void add(const CsvRecord& r, uint64_t offset) {
        const auto& f = r.fields;
        const uint32_t line = line32(r.line);
        if (kind_ == Kind::Customers) {
            if (f.size() != customer_columns_.width)
                customer_from_record(customer_columns_, r, journal_.path());
            entries[kById].push_back({index_key_hash(f[id_]), line, offset});
            if (!f[phone_].empty())
                entries[kByPhone].push_back({index_key_hash(f[phone_]), line, offset});
            if (f[op_] == "add")
                meta.max_generated = std::max(meta.max_generated, generated_number(f[id_]));
        } else if (kind_ == Kind::Complaints) {
            if (f.size() != complaint_columns_.width)
                complaint_event_from_record(complaint_columns_, r, journal_.path());
            entries[kByComplaint].push_back({index_key_hash(f[id_]), line, offset});
            entries[kByComplaintCustomer].push_back({index_key_hash(f[customer_]), line, offset});
            if (!f[subject_].empty())
                entries[kBySubject].push_back({index_key_hash(f[subject_]), line, offset});
            if (!f[set_].empty() && !parse_key_values(f[set_]).empty()) ++meta.set_records;
        } else {
            if (f.size() != contact_columns_.width)
                contact_from_record(contact_columns_, r, journal_.path());
            if (!f[set_].empty()) {
                entries[kSetByCustomer].push_back({index_key_hash(f[customer_]), line, offset});
                ++meta.set_records;
            }
            if (!f[amends_].empty())
                entries[kByAmended].push_back({index_key_hash(f[amends_]), line, offset});
            const uint32_t n = contact_number(f[id_]);
            if (n == 0 || n <= meta.last_number) meta.monotonic = 0;
            meta.last_number = n;
            if (meta.monotonic && meta.records % kCheckpointEvery == 0)
                entries[kCheckpoint].push_back({n, line, offset});
        }
        ++meta.records;
    }

    Kind kind_;
    const Journal& journal_;
    Meta meta;
    std::vector<std::vector<Entry>> entries;

  private:
    CustomerColumns customer_columns_;
    ContactColumns contact_columns_;
    ComplaintColumns complaint_columns_;
    size_t id_ = 0, op_ = 0, phone_ = 0, customer_ = 0, subject_ = 0, set_ = 0, amends_ = 0;
};

// Writes an index file; never fails the command: without a writable .cache it just is not kept.
void persist(const DataDir& dir, Kind kind, const std::string& content) noexcept {
    try {
        const std::string cache = dir.file(".cache");
        if (::mkdir(cache.c_str(), 0700) != 0 && errno != EEXIST) return;
        struct stat st {};
        if (::lstat(cache.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return;
        write_file_atomic(dir.file(index_name(kind)), content);
    } catch (...) {
    }
}

// --- views ----------------------------------------------------------------------------------

// A journal with its index: the entries on disk plus those of the tail beyond them.
struct View {
    Kind kind;
    std::unique_ptr<Journal> journal;
    std::unique_ptr<DiskIndex> disk;
    Meta meta;  // as of the end of the journal
    std::vector<std::vector<Entry>> memory;

    std::vector<Entry> find(size_t section, uint32_t hash) const {
        std::vector<Entry> out;
        if (disk) disk->find(section, hash, out);
        const auto& m = memory[section];
        auto [lo, hi] = std::equal_range(m.begin(), m.end(), hash, HashLess{});
        out.insert(out.end(), lo, hi);
        return out;
    }

    std::optional<Entry> floor(size_t section, uint32_t key) const {
        std::optional<Entry> best = disk ? disk->floor(section, key) : std::nullopt;
        const auto& m = memory[section];
        auto it = std::upper_bound(m.begin(), m.end(), key, HashLess{});
        if (it != m.begin() && (!best || (it - 1)->hash >= best->hash)) best = *(it - 1);
        return best;
    }
};

// Opens journal `kind` with its index (ignored when `rebuild`), scans the tail beyond the
// index and, when the tail is larger than allowed, writes the index anew to cover it.
std::unique_ptr<View> open_view(const DataDir& dir, Kind kind, const IndexOptions& options,
                                bool rebuild) {
    auto v = std::make_unique<View>();
    v->kind = kind;
    v->journal = std::make_unique<Journal>(dir, journal_name(kind));
    v->memory.resize(section_count(kind));
    const Journal& j = *v->journal;
    if (!j.has_records()) return v;
    if (!rebuild) v->disk = DiskIndex::open(dir.file(index_name(kind)), kind, j);
    Meta start;
    if (v->disk) {
        start = v->disk->meta();
    } else {
        start.covered = j.data_start();
        start.covered_line = static_cast<uint64_t>(j.data_line());
    }
    Builder builder(kind, j, start);
    Meta before_last = start;  // the Meta before the last record was added
    uint64_t last_offset = 0;
    const ScanEnd end = scan(j, start.covered, static_cast<int>(start.covered_line),
                             [&](const CsvRecord& r, uint64_t offset) {
                                 before_last = builder.meta;
                                 last_offset = offset;
                                 builder.add(r, offset);
                                 return true;
                             });
    v->meta = builder.meta;
    for (auto& s : builder.entries) std::sort(s.begin(), s.end(), by_hash_then_offset);
    v->memory = std::move(builder.entries);
    if (j.size() - start.covered <= options.max_tail_bytes || end.offset == start.covered) return v;

    // The index covers records up to the last line end: a last record without one (a journal
    // cut short by hand) stays in the tail.
    Meta meta = last_offset >= end.offset ? before_last : v->meta;
    meta.covered = end.offset;
    meta.covered_line = static_cast<uint64_t>(end.line);
    std::vector<std::vector<Entry>> sections(section_count(kind));
    for (size_t s = 0; s < sections.size(); ++s) {
        std::vector<Entry> old = v->disk ? v->disk->all(s) : std::vector<Entry>();
        std::vector<Entry> fresh;
        for (const Entry& e : v->memory[s])
            if (e.offset < end.offset) fresh.push_back(e);
        sections[s].resize(old.size() + fresh.size());
        std::merge(old.begin(), old.end(), fresh.begin(), fresh.end(), sections[s].begin(),
                   by_hash_then_offset);
    }
    set_prints(j, meta);
    persist(dir, kind, serialize(kind, meta, sections));
    return v;
}

// Runs `f` on a view of journal `kind`. An index that turns out not to match its journal
// (a record it points at is not there or carries another key, a damaged block, an error
// reading a record it points at) is thrown away and `f` runs again on a view rebuilt from
// the journal alone, which also rewrites the index file.
template <typename F>
auto with_view(const DataDir& dir, Kind kind, const IndexOptions& options, F&& f) {
    bool used_index = false;
    try {
        const auto v = open_view(dir, kind, options, false);
        used_index = v->disk != nullptr;
        return f(*v);
    } catch (const IndexDamaged&) {
    } catch (const Error&) {
        if (!used_index) throw;
    }
    try {
        const auto v = open_view(dir, kind, options, true);
        return f(*v);
    } catch (const IndexDamaged&) {
        throw Error(fmt::format("{} changed while it was read", dir.file(journal_name(kind))),
                    kExitIo);
    }
}

// --- customers ------------------------------------------------------------------------------

// Records of customers.csv read through a view, kept by offset (journal order).
class CustomerReader {
  public:
    explicit CustomerReader(const View& v)
        : v_(v),
          columns_(v.journal->has_records()
                       ? CustomerColumns::from_header(v.journal->header(), v.journal->path())
                       : CustomerColumns{}) {}

    // Reads every record of customer `id`; false when there is none.
    bool load_id(const std::string& id) {
        if (!v_.journal->has_records()) return false;
        if (!loaded_.insert(id).second) return found_.count(id) > 0;
        for (const Entry& e : v_.find(kById, index_key_hash(id))) {
            CustomerRecord r = at(e);
            if (index_key_hash(r.id) != e.hash) throw IndexDamaged{};
            if (r.id != id) continue;  // another id with the same hash
            records_.emplace(e.offset, std::move(r));
            found_.insert(id);
        }
        return found_.count(id) > 0;
    }

    // Ids of every record that set phone `phone`.
    std::vector<std::string> ids_with_phone(const std::string& phone) {
        std::vector<std::string> ids;
        if (!v_.journal->has_records()) return ids;
        for (const Entry& e : v_.find(kByPhone, index_key_hash(phone))) {
            const CustomerRecord r = at(e);
            if (index_key_hash(r.phone) != e.hash) throw IndexDamaged{};
            if (r.phone == phone) ids.push_back(r.id);
        }
        return ids;
    }

    // The customers unknown_customer_message() could name for `typed`: a scan of the journal.
    std::vector<std::string> hint_candidates(const std::string& typed) {
        std::vector<std::string> out;
        const Journal& j = *v_.journal;
        if (!j.has_records()) return out;
        const auto& names = customer_columns();
        const size_t id = column_of(columns_.index, names, "id"),
                     name = column_of(columns_.index, names, "name"),
                     phone = column_of(columns_.index, names, "phone");
        const std::string lower = to_lower_ascii(typed);
        std::set<std::string> seen;
        scan(j, j.data_start(), j.data_line(), [&](const CsvRecord& r, uint64_t) {
            const auto& f = r.fields;
            if (f.size() != columns_.width) customer_from_record(columns_, r, j.path());
            const bool close_id = edit_distance(to_lower_ascii(f[id]), lower) <= 2;
            const bool name_or_phone =
                f[name] == typed || f[phone] == typed ||
                (typed.size() >= 4 && f[phone].find(typed) != std::string::npos);
            if ((close_id || name_or_phone) && seen.insert(f[id]).second) out.push_back(f[id]);
            return true;
        });
        return out;
    }

    // The records read so far, in journal order.
    std::vector<CustomerRecord> records() const {
        std::vector<CustomerRecord> out;
        out.reserve(records_.size());
        for (const auto& [offset, r] : records_) out.push_back(r);
        return out;
    }

  private:
    CustomerRecord at(const Entry& e) const {
        return customer_from_record(columns_,
                                    v_.journal->record_at(e.offset, static_cast<int>(e.line)),
                                    v_.journal->path());
    }

    const View& v_;
    CustomerColumns columns_;
    std::map<uint64_t, CustomerRecord> records_;
    std::set<std::string> loaded_, found_;
};

CustomerBook fold(const std::vector<CustomerRecord>& records, const View& v) {
    CustomerBook book = fold_customer_records(records, v.journal->path());
    book.reserve_generated(static_cast<long>(std::min<uint64_t>(v.meta.max_generated, LONG_MAX)));
    return book;
}

// --- contacts -------------------------------------------------------------------------------

class ContactReader {
  public:
    explicit ContactReader(const View& v)
        : v_(v),
          columns_(v.journal->has_records()
                       ? ContactColumns::from_header(v.journal->header(), v.journal->path())
                       : ContactColumns{}) {}

    ContactRecord at(const Entry& e) const {
        return contact_from_record(columns_,
                                   v_.journal->record_at(e.offset, static_cast<int>(e.line)),
                                   v_.journal->path());
    }

    // The first record that amends record `id`, if any.
    std::optional<std::pair<uint64_t, ContactRecord>> amended_by(const std::string& id) const {
        std::optional<std::pair<uint64_t, ContactRecord>> first;
        if (!v_.journal->has_records()) return first;
        for (const Entry& e : v_.find(kByAmended, index_key_hash(id))) {
            ContactRecord r = at(e);
            if (index_key_hash(r.amends) != e.hash) throw IndexDamaged{};
            if (r.amends == id && (!first || e.offset < first->first))
                first.emplace(e.offset, std::move(r));
        }
        return first;
    }

    // The effective records of customer `id` that change attributes, in journal order.
    std::vector<ContactRecord> changes_of(const std::string& id) const {
        std::vector<std::pair<uint64_t, ContactRecord>> found;
        if (!v_.journal->has_records()) return {};
        for (const Entry& e : v_.find(kSetByCustomer, index_key_hash(id))) {
            ContactRecord r = at(e);
            if (index_key_hash(r.customer) != e.hash) throw IndexDamaged{};
            if (r.customer != id || r.set.empty() || amended_by(r.id)) continue;
            found.emplace_back(e.offset, std::move(r));
        }
        std::sort(found.begin(), found.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<ContactRecord> out;
        for (auto& [offset, r] : found) out.push_back(std::move(r));
        return out;
    }

    // Record `id`, read forward from the checkpoint before it (ids K<n> increase through the
    // journal).
    std::optional<ContactRecord> record(const std::string& id) const {
        const uint32_t n = contact_number(id);
        if (n == 0 || !v_.journal->has_records()) return std::nullopt;
        const std::optional<Entry> from = v_.floor(kCheckpoint, n);
        if (!from) return std::nullopt;
        const size_t id_column = column_of(columns_.index, contact_columns(), "id");
        std::optional<ContactRecord> found;
        bool first = true;
        scan(
            *v_.journal, from->offset, static_cast<int>(from->line),
            [&](const CsvRecord& r, uint64_t offset) {
                if (r.fields.size() != columns_.width)
                    contact_from_record(columns_, r, v_.journal->path());
                const std::string& rid = r.fields[id_column];
                if (first && (offset != from->offset || contact_number(rid) != from->hash))
                    throw IndexDamaged{};
                first = false;
                if (rid == id) {
                    found = contact_from_record(columns_, r, v_.journal->path());
                    return false;
                }
                return contact_number(rid) < n;
            },
            64 << 10);
        return found;
    }

    // find_amend_target() over the whole journal, for one whose ids do not increase.
    AmendTarget scan_for(const std::string& id) const {
        AmendTargetScan target(id, v_.journal->path());
        if (!v_.journal->has_records()) return target.target();
        target.feed(CsvRecord{v_.journal->header(), 1});
        scan(*v_.journal, v_.journal->data_start(), v_.journal->data_line(),
             [&](const CsvRecord& r, uint64_t) {
                 target.feed(r);
                 return true;
             });
        return target.target();
    }

  private:
    const View& v_;
    ContactColumns columns_;
};

// --- complaints -----------------------------------------------------------------------------

// Events of complaints.csv read through a view, each read once, kept by offset (journal order).
class ComplaintReader {
  public:
    explicit ComplaintReader(const View& v)
        : v_(v),
          columns_(v.journal->has_records()
                       ? ComplaintColumns::from_header(v.journal->header(), v.journal->path())
                       : ComplaintColumns{}) {}

    // Adds to `ids` the complaints with an event whose customer (or subject, by `section`)
    // is `key`.
    void complaints_with(size_t section, const std::string& key, std::set<std::string>& ids) {
        for (const Entry& e : find(section, key)) ids.insert(events_.at(e.offset).complaint);
    }

    // Reads every event of complaint `id`.
    void load_complaint(const std::string& id) { find(kByComplaint, id); }

    std::vector<ComplaintEvent> events() const {
        std::vector<ComplaintEvent> out;
        out.reserve(events_.size());
        for (const auto& [offset, e] : events_) out.push_back(e);
        return out;
    }

  private:
    static const std::string& key_of(size_t section, const ComplaintEvent& e) {
        return section == kByComplaint           ? e.complaint
               : section == kByComplaintCustomer ? e.customer
                                                 : e.subject;
    }

    // The entries of `section` for `key` whose event carries it; each event read once.
    std::vector<Entry> find(size_t section, const std::string& key) {
        std::vector<Entry> out;
        if (!v_.journal->has_records()) return out;
        for (const Entry& e : v_.find(section, index_key_hash(key))) {
            auto it = events_.find(e.offset);
            if (it == events_.end()) {
                const CsvRecord row = v_.journal->record_at(e.offset, static_cast<int>(e.line));
                ComplaintEvent event =
                    complaint_event_from_record(columns_, row, v_.journal->path());
                it = events_.emplace(e.offset, std::move(event)).first;
            }
            const std::string& got = key_of(section, it->second);
            if (index_key_hash(got) != e.hash) throw IndexDamaged{};
            if (got == key) out.push_back(e);  // else another key with the same hash
        }
        return out;
    }

    const View& v_;
    ComplaintColumns columns_;
    std::map<uint64_t, ComplaintEvent> events_;
};

}  // namespace

uint32_t index_key_hash(std::string_view key) {
    const uint64_t h = fnv1a(key);
    return static_cast<uint32_t>(h ^ (h >> 32));
}

CustomerBook lookup_customers(const DataDir& dir, const CustomerKeys& keys,
                              const IndexOptions& options) {
    return with_view(dir, Kind::Customers, options, [&](const View& v) {
        CustomerReader reader(v);
        std::vector<std::string> missing;
        for (const auto& id : keys.ids)
            if (!reader.load_id(id)) missing.push_back(id);
        for (const auto& phone : keys.phones)
            for (const auto& id : reader.ids_with_phone(phone)) reader.load_id(id);
        if (keys.hint_missing)
            for (const auto& id : missing)
                for (const auto& candidate : reader.hint_candidates(id)) reader.load_id(candidate);
        return fold(reader.records(), v);
    });
}

ComplaintLookup::ComplaintLookup(std::vector<ComplaintEvent> all) : events(std::move(all)) {
    any_set = std::any_of(events.begin(), events.end(),
                          [](const ComplaintEvent& e) { return !e.set.empty(); });
}

ComplaintLookup lookup_complaints(const DataDir& dir, const ComplaintKeys& keys,
                                  const IndexOptions& options) {
    return with_view(dir, Kind::Complaints, options, [&](const View& v) {
        ComplaintReader reader(v);
        std::set<std::string> ids(keys.complaints.begin(), keys.complaints.end());
        for (const auto& customer : keys.customers)
            reader.complaints_with(kByComplaintCustomer, customer, ids);
        for (const auto& subject : keys.subjects)
            if (!subject.empty()) reader.complaints_with(kBySubject, subject, ids);
        for (const auto& id : ids) reader.load_complaint(id);
        ComplaintLookup found;
        // Events read for a customer or subject they do not carry (a hash collision) are not
        // asked for.
        for (auto& e : reader.events())
            if (ids.count(e.complaint)) found.events.push_back(std::move(e));
        found.any_set = v.meta.set_records > 0;
        return found;
    });
}

CustomerBook lookup_customer_state(const DataDir& dir, const std::string& id,
                                   const ComplaintLookup& complaints, const IndexOptions& options) {
    std::vector<CustomerRecord> records;
    bool exists = false;
    CustomerBook hints = with_view(dir, Kind::Customers, options, [&](const View& v) {
        CustomerReader reader(v);
        exists = reader.load_id(id);
        if (!exists)
            for (const auto& candidate : reader.hint_candidates(id)) reader.load_id(candidate);
        records = reader.records();
        return exists ? CustomerBook() : fold(records, v);
    });
    if (!exists) return hints;
    // As load_customer_state(): every attribute change in time order, when any journal but
    // customers.csv makes some.
    bool sort = false;
    with_view(dir, Kind::Contacts, options, [&](const View& v) {
        ContactReader reader(v);
        for (const auto& c : reader.changes_of(id)) records.push_back(attribute_change_record(c));
        sort = v.meta.set_records > 0;
        return 0;
    });
    sort = sort || complaints.any_set;
    for (auto& r : complaint_customer_records(complaints.events))
        if (r.id == id) records.push_back(std::move(r));
    if (sort)
        std::stable_sort(
            records.begin(), records.end(),
            [](const CustomerRecord& a, const CustomerRecord& b) { return a.at < b.at; });
    return fold_customer_records(records, dir.file(kCustomersFile));
}

AmendTarget lookup_amend_target(const DataDir& dir, const std::string& record_id,
                                const IndexOptions& options) {
    return with_view(dir, Kind::Contacts, options, [&](const View& v) {
        ContactReader reader(v);
        if (!v.meta.monotonic) return reader.scan_for(record_id);
        AmendTarget target;
        target.id = record_id;
        target.original = reader.record(record_id);
        if (auto by = reader.amended_by(record_id)) target.amended_by = by->second.id;
        return target;
    });
}

}  // namespace revisit
