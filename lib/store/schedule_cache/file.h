#pragma once
// The file format of .cache/schedule.bin (schedule_cache.h says what it is for): writing it
// and reading it back chunk by chunk. Internal to lib/store.

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "journal/history.h"
#include "model/customer.h"
#include "policy/policy.h"
#include "store/data_dir.h"
#include "store/io/journal_file.h"

namespace revisit::schedule_cache {

// A cache that cannot be used: missing, of another version, stale or damaged.
struct CacheInvalid {
    std::string why;
};

// What the saved fold depends on in the rules: contacts are stored as channel and outcome
// indexes into these lists.
uint64_t policy_hash(const Policy& p);

// Where a journal stood when the cache was written.
struct JournalMark {
    uint64_t length = 0, lines = 0, fingerprint = 0;
};
JournalMark mark_of(const io::JournalFile& j, uint64_t lines);

// Writes a new cache to a temporary file; commit() puts it in place. Customers are added
// in order and cut into chunks of about `chunk_bytes`, each readable on its own.
class CacheWriter {
  public:
    CacheWriter(const DataDir& dir, size_t chunk_bytes);
    CacheWriter(const CacheWriter&) = delete;
    CacheWriter& operator=(const CacheWriter&) = delete;
    ~CacheWriter();

    void add(const Customer& c, const CustomerHistory& h);
    // Writes the tables and the header, syncs and renames the file into place.
    // `latest`: the latest event time of the records folded (CacheReader::latest).
    void commit(uint64_t policy, const JournalMark& customers, const JournalMark& contacts,
                DateTime latest);

  private:
    struct Chunk {
        uint64_t offset = 0, customers = 0, checksum = 0;
    };
    template <typename T>
    void put(T v);
    void put_string(const std::string& s);
    uint32_t symbol(const std::string& s);
    void close_chunk();
    void flush();
    [[noreturn]] void fail(const std::string& what, const std::string& path) const;

    std::string path_, tmp_;
    io::Fd fd_;
    size_t chunk_bytes_;
    std::string buffer_;
    uint64_t written_ = 0;
    uint64_t customers_ = 0;
    std::vector<Chunk> chunks_;
    Chunk open_;  // the chunk being filled
    std::vector<std::string> symbols_;
    std::unordered_map<std::string, uint32_t> symbol_ids_;
};

// An opened cache whose header and tables match the journals and the policy. Its chunks
// can be read in any order and from several threads at once.
class CacheReader {
  public:
    // Throws CacheInvalid when the file is missing, stale or damaged.
    CacheReader(const DataDir& dir, uint64_t policy, const io::JournalFile& customers,
                const io::JournalFile& contacts);

    size_t chunks() const { return chunks_.size(); }
    // Checks every chunk against its checksum, on up to `workers` threads, so that a damaged
    // cache is known before any customer is read. Throws CacheInvalid.
    void verify_chunks(unsigned workers);
    // Checks chunk `i` (read into `buffer`, the caller's) against its checksum unless
    // verify_chunks() did, then decodes its customers one by one into `c` and `h` and calls
    // `each`. Throws CacheInvalid.
    void read_chunk(size_t i, std::string& buffer, Customer& c, CustomerHistory& h,
                    const std::function<void()>& each) const;

    JournalMark customers_mark, contacts_mark;
    DateTime latest;  // of every record folded into it: a replay of an earlier day cannot use it

  private:
    struct Chunk {
        uint64_t offset = 0, customers = 0, checksum = 0;
    };
    void read_tables();
    void load_chunk(size_t i, std::string& buffer, bool check) const;

    io::Fd fd_;
    uint64_t tables_ = 0, count_ = 0;
    std::vector<std::string> symbols_;
    std::vector<Chunk> chunks_;
    bool verified_ = false;
};

}  // namespace revisit::schedule_cache
