#pragma once
// A journal as the indexes read it: the file at its committed length (io::JournalFile),
// its header row, and the record at an offset an index points at. Internal to
// lib/store/index.

#include <cstdint>
#include <string>
#include <vector>

#include "csv/csv.h"
#include "store/data_dir.h"
#include "store/io/journal_file.h"

namespace revisit::index {

// Its size and header are fixed while the caller holds the exclusive lock.
class CsvJournal {
  public:
    // Throws Error (kExitIo) when it cannot be read or is a directory; a missing journal
    // has no records.
    CsvJournal(const DataDir& dir, const std::string& name);

    const io::JournalFile& file() const { return file_; }
    const std::string& path() const { return file_.path(); }
    uint64_t size() const { return file_.length(); }
    // False for a missing or empty journal: it has no records.
    bool has_records() const { return !header_.empty(); }
    const std::vector<std::string>& header() const { return header_; }
    uint64_t data_start() const { return data_start_; }
    int data_line() const { return data_line_; }

    // The record that starts at `offset` (on line `line`). IndexDamaged when no record starts
    // there: an index made from another journal.
    CsvRecord record_at(uint64_t offset, int line) const;

    // io::JournalFile::scan.
    io::ScanEnd scan(uint64_t from, int line, const io::RecordVisitor& on_record,
                     size_t block = 1 << 20) const {
        return file_.scan(from, line, on_record, block);
    }

  private:
    io::JournalFile file_;
    std::vector<std::string> header_;
    uint64_t data_start_ = 0;
    int data_line_ = 1;
};

}  // namespace revisit::index
