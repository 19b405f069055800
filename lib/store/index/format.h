#pragma once
// The index files of lib/store/index/lookup.h (.cache/customers.idx, contacts.idx,
// complaints.idx): what they hold and how they are written. Internal to lib/store/index.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "store/index/csv_journal.h"

namespace revisit::index {

// Thrown when an index does not match its journal (or is damaged): it is then rebuilt.
struct IndexDamaged {};

enum class Kind : uint32_t { Customers = 1, Contacts = 2, Complaints = 3 };

// Sections of customers.idx ...
constexpr size_t kById = 0, kByPhone = 1;
// ... of contacts.idx ...
constexpr size_t kByCustomer = 0, kByAmended = 1, kCheckpoint = 2;
constexpr uint64_t kCheckpointEvery = 256;
// ... and of complaints.idx.
constexpr size_t kByComplaint = 0, kByComplaintCustomer = 1, kBySubject = 2;

size_t section_count(Kind kind);
const char* journal_name(Kind kind);
std::string index_name(Kind kind);

// One index entry: a record of the journal, keyed by the hash of an id or phone (or, for
// checkpoints, by the record's number).
struct Entry {
    uint32_t hash;
    uint32_t line;
    uint64_t offset;
};
static_assert(sizeof(Entry) == 16);

bool by_hash_then_offset(const Entry& a, const Entry& b);
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
    uint64_t max_generated = 0;  // the highest N of a generated id: customers C000N of an add,
                                 // contacts KN, complaints PN (next_record_id)
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
// 2: contacts.idx keys every record by its customer (1: only those with `set`).
// 3: max_generated of contacts.idx and complaints.idx.
constexpr uint32_t kVersion = 3;
constexpr size_t kBlockEntries = 2048;  // entries per checksummed block (32 KiB)
constexpr size_t kFixedHeader = 8 + 4 + 4 + 9 * 8 + 8;

// Sets m.head_print and m.tail_print from the journal up to m.covered; false when the
// journal has fewer bytes.
bool set_prints(const CsvJournal& j, Meta& m);

uint64_t get64(const std::string& in, size_t at);
uint32_t get32(const std::string& in, size_t at);
size_t blocks_of(uint64_t entries);

// The file: fixed header (magic, version, kind, Meta, section count); per section its entry
// count, block count and data offset; per block its first hash and checksum; a checksum of
// all that; then the entries of each section, sorted by (hash, offset).
std::string serialize(Kind kind, const Meta& meta, const std::vector<std::vector<Entry>>& sections);

}  // namespace revisit::index
