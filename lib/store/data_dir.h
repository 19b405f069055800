#pragma once
// The data directory: the only code in revisit that touches files.
//
// Layout (docs/file-formats.md):
//   rules.yaml            the company's policy, copied in by `init`
//   calendars/NAME.yaml   the working calendar the policy names
//   customers.csv         journal of customer adds and updates
//   contacts.csv          journal of calls, visits, SMS, letters
//   complaints.csv        journal of complaint events
//   .lock                 flock(2) target: writers exclusive, readers shared
//   .pending-JOURNAL      while an append runs: the journal's length before it
//
// Journals only grow: a write appends whole lines with one write(2) under the exclusive
// lock and is fsync'ed; if the write fails the file is cut back to its old length. A write
// killed half-way (SIGKILL, power cut) cannot cut back, so the old length is first saved
// durably in .pending-JOURNAL and the marker removed once the data is synced. A left-over
// marker means an unfinished append: the next exclusive lock cuts the journal back to that
// length and removes it, and until then readers read only that many bytes. So no reader
// sees half a record. An append refuses a journal whose last line has no line end (cut off
// by another program) rather than glue a record onto it. Everything is created owner-only
// (or group read-write in a directory shared through its group: io::file_mode_in), and an
// append gives the journal that mode back.
// A small file that goes with an append (the id counter .seq-JOURNAL) is replaced after the
// lines are synced and before the marker goes: a refused or failed append changes no file.

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "csv/csv.h"
#include "store/io/atomic_file.h"
#include "store/io/fd.h"
#include "util/error.h"

namespace revisit {

// Holds a flock on DIR/.lock for its lifetime (closing the file releases it).
class DirLock {
  public:
    DirLock() = default;
    explicit DirLock(io::Fd fd) : fd_(std::move(fd)) {}
    DirLock(DirLock&&) noexcept = default;
    DirLock& operator=(DirLock&&) = delete;

  private:
    io::Fd fd_;
};

// A small file replaced as part of an append (an id counter): it changes only if the append
// does.
struct FileUpdate {
    std::string name;  // relative to the data directory
    std::string content;
};

class DataDir {
  public:
    // Checks that `path` is a data directory (has rules.yaml); throws Error otherwise.
    static DataDir open(const std::string& path);

    // Creates `path` holding `files` (relative name -> content), all or nothing: it is
    // built under a temporary name and renamed into place. Refuses an existing non-empty path.
    // Owner-only (0700, files 0600); with `group`, a directory that group shares: setgid,
    // group read-write, others nothing (02770, 0660), so what members write stays the group's.
    static DataDir create(const std::string& path,
                          const std::vector<std::pair<std::string, std::string>>& files,
                          const std::string& group = "");

    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

    // For writers: check, then append. Finishes any append a killed writer left (see above).
    DirLock lock_exclusive() const;
    // For readers: never see half a write. Works for a user who may only read the directory
    // (a read-only descriptor; no lock at all when .lock is missing and cannot be made).
    DirLock lock_shared() const;

    // A reader's fixed view, so that it never holds writers back for longer than a few opens:
    // under lock_shared(), `derived` (cache files, only ever replaced by rename) are opened as
    // they are, then `journals` are opened and their committed lengths (readable_size())
    // recorded; the lock is released before this returns. Every read through the copy
    // returned (read, read_records, readable_size, exists, open_reading) sees those files
    // and those bytes only, whatever is appended or renamed into place meanwhile: journals
    // only grow, and a repair only cuts beyond a .pending- marker, which the lengths honour.
    // The cache files come first: one installed before they were opened was built from
    // journals no longer than the lengths measured after. A snapshot of a snapshot is itself.
    DataDir snapshot(const std::vector<std::string>& journals,
                     const std::vector<std::string>& derived) const;
    bool is_snapshot() const { return snapshot_ != nullptr; }
    // `name` opened for reading (never blocking on a FIFO): in a snapshot, a file it holds as
    // it was then, missing if it was missing. An invalid Fd with errno set when it cannot be.
    io::Fd open_reading(const std::string& name) const;

    // Whole content of a file in the directory; "" when `optional` and missing. A journal
    // with a .pending- marker is read up to the marker's length only.
    std::string read(const std::string& name, bool optional = false) const;
    // How many bytes of `name` a reader may read: its size, or less when a .pending- marker
    // (an unfinished append) says so. 0 when missing. For code that reads a journal itself.
    long long readable_size(const std::string& name) const;
    bool exists(const std::string& name) const;
    // "" when no one but the owner (and, in a directory shared through its group, the group)
    // can read or write the directory or what is in it; else the first such entry, its mode
    // and the repair: "DIR is readable by others (mode 0755): chmod -R go-rwx DIR".
    std::string loose_modes() const;

    // Streams the records of CSV file `name` (the header first) to `on_record`, reading
    // it block by block so that a journal of millions of lines is never in memory whole.
    // A missing file has no records. Malformed text throws Error with file:line:column.
    // `on_bytes`, when given, hears after each block how many bytes have been read.
    void read_records(const std::string& name,
                      const std::function<void(const CsvRecord&)>& on_record,
                      const std::function<void(uint64_t)>& on_bytes = {}) const;

    // Appends `lines` (whole CSV records, each ending in "\n", formatted with the columns of
    // `header_line`) to journal `name`, creating it with `header_line` first if missing.
    // Caller holds lock_exclusive(). Refuses (nothing written) lines that are not valid UTF-8
    // and a journal whose last record has no line end; on a failed write, cuts back. The files
    // of `with` are replaced once the lines are synced; if one cannot be, the append is cut
    // back too. So when it throws, no file has changed.
    void append(const std::string& name, const std::string& header_line, const std::string& lines,
                const std::vector<FileUpdate>& with = {}) const;

  private:
    struct Snapshot;
    explicit DataDir(std::string path) : path_(std::move(path)) {}
    void finish_interrupted_append(const std::string& name) const;
    // How much of journal `name`, open as `fd`, a reader may read (see readable_size()).
    long long readable_length(int fd, const std::string& name) const;
    std::string path_;
    std::shared_ptr<const Snapshot> snapshot_;  // none: files as they are at each read
};

// Reads any file (rules files given on the command line, survey files...).
std::string read_text_file(const std::string& path);
// Writes `path` atomically: temp file, fsync, rename, fsync of the directory. Errors name
// `path`, never the temporary file (store/io/atomic_file.h).
using io::write_file_atomic;

}  // namespace revisit
