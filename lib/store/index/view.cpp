#include "store/index/view.h"

#include <algorithm>

#include "store/index/builder.h"

namespace revisit::index {
namespace {

// Writes the index of `v` anew, covering its records up to `end`: a last record without a
// line end (a journal cut short by hand) stays in the tail. `before_last` is the Meta
// before the record at `last_offset`, the last one scanned, was added.
void write_index(const DataDir& dir, const View& v, const io::ScanEnd& end, const Meta& before_last,
                 uint64_t last_offset) {
    Meta meta = last_offset >= end.offset ? before_last : v.meta;
    meta.covered = end.offset;
    meta.covered_line = static_cast<uint64_t>(end.line);
    std::vector<std::vector<Entry>> sections(section_count(v.kind));
    for (size_t s = 0; s < sections.size(); ++s) {
        std::vector<Entry> old = v.disk ? v.disk->all(s) : std::vector<Entry>();
        std::vector<Entry> fresh;
        for (const Entry& e : v.memory[s])
            if (e.offset < end.offset) fresh.push_back(e);
        sections[s].resize(old.size() + fresh.size());
        std::merge(old.begin(), old.end(), fresh.begin(), fresh.end(), sections[s].begin(),
                   by_hash_then_offset);
    }
    if (set_prints(*v.journal, meta)) persist(dir, v.kind, serialize(v.kind, meta, sections));
}

}  // namespace

std::vector<Entry> View::find(size_t section, uint32_t hash) const {
    std::vector<Entry> out;
    if (disk) disk->find(section, hash, out);
    const auto& m = memory[section];
    auto [lo, hi] = std::equal_range(m.begin(), m.end(), hash, HashLess{});
    out.insert(out.end(), lo, hi);
    return out;
}

std::optional<Entry> View::floor(size_t section, uint32_t key) const {
    std::optional<Entry> best = disk ? disk->floor(section, key) : std::nullopt;
    const auto& m = memory[section];
    auto it = std::upper_bound(m.begin(), m.end(), key, HashLess{});
    if (it != m.begin() && (!best || (it - 1)->hash >= best->hash)) best = *(it - 1);
    return best;
}

std::unique_ptr<View> open_view(const DataDir& dir, Kind kind, const IndexOptions& options,
                                bool rebuild, bool only_if_behind) {
    auto v = std::make_unique<View>();
    v->kind = kind;
    v->journal = std::make_unique<CsvJournal>(dir, journal_name(kind));
    v->memory.resize(section_count(kind));
    const CsvJournal& j = *v->journal;
    if (!j.has_records()) return v;
    if (!rebuild) v->disk = DiskIndex::open(dir.open_reading(index_name(kind)), kind, j);
    Meta start;
    if (v->disk) {
        start = v->disk->meta();
    } else {
        start.covered = j.data_start();
        start.covered_line = static_cast<uint64_t>(j.data_line());
    }
    // Beyond this the index is written anew; a journal shorter than it gets none.
    const bool behind = j.size() - start.covered > options.max_tail_bytes;
    if (only_if_behind && !behind) return v;
    Builder builder(kind, j, start);
    Meta before_last = start;  // the Meta before the last record was added
    uint64_t last_offset = 0;
    const io::ScanEnd end = j.scan(start.covered, static_cast<int>(start.covered_line),
                                   [&](const CsvRecord& r, uint64_t offset) {
                                       before_last = builder.meta;
                                       last_offset = offset;
                                       builder.add(r, offset);
                                       return true;
                                   });
    v->meta = builder.meta;
    for (auto& s : builder.entries) std::sort(s.begin(), s.end(), by_hash_then_offset);
    v->memory = std::move(builder.entries);
    if (!behind || end.offset == start.covered) return v;
    write_index(dir, *v, end, before_last, last_offset);
    return v;
}

}  // namespace revisit::index
