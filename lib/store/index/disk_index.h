#pragma once
// An index file on disk (format.h), checked against its journal; entries are read block by
// block on demand. Internal to lib/store/index.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/index/csv_journal.h"
#include "store/index/format.h"
#include "store/io/fd.h"

namespace revisit::index {

class DiskIndex {
  public:
    // The index file open as `fd` (DataDir::open_reading) when it is sound and was made from
    // (a prefix of) `j`, else nullptr (also for an invalid `fd`: no index).
    static std::unique_ptr<DiskIndex> open(io::Fd fd, Kind kind, const CsvJournal& j);

    const Meta& meta() const { return meta_; }

    // Entries of `section` whose hash is `hash`.
    void find(size_t section, uint32_t hash, std::vector<Entry>& out) const;
    // The entry of `section` with the greatest hash not above `key`.
    std::optional<Entry> floor(size_t section, uint32_t key) const;
    std::vector<Entry> all(size_t section) const;

  private:
    struct Section {
        uint64_t entries = 0, data = 0;
        std::vector<uint32_t> fences;  // first hash of each block
        std::vector<uint64_t> sums;    // checksum of each block
    };

    explicit DiskIndex(io::Fd fd) : fd_(std::move(fd)) {}

    bool load(Kind kind, const CsvJournal& j);
    // The header (up to the entries) into `header`, checked; sets meta_ and the sections'
    // entry counts and offsets.
    bool read_header(Kind kind, uint64_t file_size, std::string& header);
    bool read_fences(const std::string& header);
    // Made from this journal? It must still start and, where the index stops, read the same.
    bool made_from(const CsvJournal& j) const;

    // Block `b` of `section`, read once per command.
    const std::vector<Entry>& read_block(size_t section, size_t b) const;
    // Block `b` of `section`, checked against its checksum.
    std::vector<Entry> load_block(size_t section, size_t b) const;

    io::Fd fd_;
    mutable std::map<std::pair<size_t, size_t>, std::vector<Entry>> blocks_;
    Meta meta_;
    std::vector<Section> sections_;
};

}  // namespace revisit::index
