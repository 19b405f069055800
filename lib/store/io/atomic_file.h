#pragma once
// Whole files written durably: created or replaced so that a crash leaves the old content
// or the new one, never a mix, and removed so that they do not come back. The steps return
// 0 or the errno of the one that failed, for callers whose error names another file;
// write_file_atomic() throws.

#include <string>
#include <string_view>

#include "store/io/fd.h"

namespace revisit::io {

// The directory part of `path`: "." when it has none, "/" for a file in the root.
std::string parent_dir(const std::string& path);

// fsync(2) of a file or a directory; 0 or the errno (EINVAL, a file that cannot be synced,
// counts as done).
int sync_path(const std::string& path, bool directory);

// Creates `path`, which must not exist, holding `content`, synced, with file_mode_in() its
// directory (fd.h: owner-only, or group read-write in a shared directory); 0 or the errno
// (the partial file is then removed).
int create_synced(const std::string& path, std::string_view content);

// Replaces `path` through PATH.tmp-PID: write, fsync, rename, fsync of the directory; 0 or
// the errno. The old file stays as it was unless the rename happened.
int replace_synced(const std::string& path, std::string_view content);

// Removes `path` (already gone is fine) and syncs its directory; 0 or the errno.
int remove_synced(const std::string& path);

// A file written piece by piece and put in place like replace_synced() (PATH.tmp-PID, then
// fsync and rename): until commit() the old file stays whole, and a writer destroyed before
// commit() (an error, an exception) removes its temporary file. Errors throw Error "cannot
// write PATH: REASON" (kExitIo), naming `path`, never the temporary file.
class AtomicWriter {
  public:
    explicit AtomicWriter(std::string path);
    AtomicWriter(const AtomicWriter&) = delete;
    AtomicWriter& operator=(const AtomicWriter&) = delete;
    ~AtomicWriter();

    void write(std::string_view data);
    void commit();

  private:
    std::string path_, tmp_;
    Fd fd_;
    bool committed_ = false;
};

// replace_synced(), throwing Error "cannot write PATH: REASON" (kExitIo): the error names
// `path`, never the temporary file.
void write_file_atomic(const std::string& path, const std::string& content);

}  // namespace revisit::io
