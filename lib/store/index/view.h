#pragma once
// A journal seen through its index: the entries on disk plus those of the tail beyond them,
// and with_view(), which falls back to a view rebuilt from the journal alone when the index
// turns out not to match it. Internal to lib/store/index.

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <vector>

#include "store/data_dir.h"
#include "store/index/csv_journal.h"
#include "store/index/disk_index.h"
#include "store/index/format.h"
#include "store/index/lookup.h"
#include "util/error.h"

namespace revisit::index {

struct View {
    Kind kind;
    std::unique_ptr<CsvJournal> journal;
    std::unique_ptr<DiskIndex> disk;
    Meta meta;  // as of the end of the journal
    std::vector<std::vector<Entry>> memory;

    // Entries of `section` whose hash is `hash`.
    std::vector<Entry> find(size_t section, uint32_t hash) const;
    // The entry of `section` with the greatest hash not above `key`.
    std::optional<Entry> floor(size_t section, uint32_t key) const;
};

// Opens journal `kind` with its index (ignored when `rebuild`), scans the tail beyond the
// index and, when the tail is larger than allowed, writes the index anew to cover it. With
// `only_if_behind`, a tail within what is allowed is not scanned at all: the view returned
// then has the index but no tail (refresh_indexes, which only wants the index written).
std::unique_ptr<View> open_view(const DataDir& dir, Kind kind, const IndexOptions& options,
                                bool rebuild, bool only_if_behind = false);

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

}  // namespace revisit::index
