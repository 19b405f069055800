#pragma once
// A journal opened for reading at a fixed committed length: the bytes a reader may read
// (data_dir.h: appends only add after them, and bytes beyond an unfinished append's marker
// do not count), those of the snapshot when `dir` is one. The indexes (lib/store/index) and the
// schedule cache read journals through it, by offset and record by record.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "csv/csv.h"
#include "store/data_dir.h"
#include "store/io/fd.h"

namespace revisit::io {

// The header row of a journal and where its records start.
struct JournalHeader {
    std::vector<std::string> fields;
    uint64_t data_start = 0;  // the byte after the header (and a BOM before it)
    int data_line = 1;        // the line there
};

// The first and the last min(4 KiB, n) bytes of a journal's first n bytes: an append keeps
// them, an edit or a replaced file (almost always) changes them.
struct JournalEdges {
    std::string head, tail;
};

// Where a scan stopped.
struct ScanEnd {
    uint64_t offset;     // just after the last record that ended with a line end
    int line;            // the line there
    uint64_t line_ends;  // "\n" bytes read (all from `from` to the end, unless stopped)
};

// Gets each record and the offset it starts at; returns false to stop the scan.
using RecordVisitor = std::function<bool(const CsvRecord& record, uint64_t offset)>;

class JournalFile {
  public:
    // Journal `name` of `dir` as it is now; a missing one is empty. Throws Error (kExitIo)
    // "cannot read PATH: REASON" when it exists but cannot be opened.
    static JournalFile open(const DataDir& dir, const std::string& name);

    const std::string& name() const { return name_; }
    const std::string& path() const { return path_; }
    uint64_t length() const { return length_; }  // committed bytes
    bool is_directory() const { return directory_; }

    // The `n` bytes at `offset`, fewer only where the committed length ends. Throws Error
    // (kExitIo) "cannot read PATH: REASON", or "...: it shrank while being read".
    std::string read(uint64_t offset, size_t n) const;
    // "\n" bytes in the committed length. Throws as read() does.
    uint64_t count_lines() const;
    // Of the first `n` bytes; nullopt when fewer than `n` can be read.
    std::optional<JournalEdges> edges(uint64_t n) const;
    // FNV-1a of edges(n), from `n` (the schedule cache's mark of a journal).
    std::optional<uint64_t> fingerprint(uint64_t n) const;
    // The header row; nullopt for an empty journal. Malformed text throws Error (file:line:col).
    std::optional<JournalHeader> read_header() const;

    // Feeds every non-blank record from byte `from` (where line `first_line` starts) to the
    // committed end to `on_record`, reading `block` bytes at a time, until it returns false.
    // Malformed text throws Error with file:line:column.
    ScanEnd scan(uint64_t from, int first_line, const RecordVisitor& on_record,
                 size_t block = 1 << 20) const;

  private:
    JournalFile(std::string name, std::string path)
        : name_(std::move(name)), path_(std::move(path)) {}
    void read_into(char* out, size_t n, uint64_t offset) const;

    std::string name_, path_;
    Fd fd_;
    uint64_t length_ = 0;
    bool directory_ = false;
};

}  // namespace revisit::io
