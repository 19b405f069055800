#include "store/data_dir.h"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <grp.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>

#include "store/io/atomic_file.h"
#include "store/io/fd.h"
#include "util/text.h"

namespace revisit {
namespace {

using io::fail_io;

std::string marker_name(const std::string& journal) { return ".pending-" + journal; }

// Writers (LOCK_EX) need to write; a reader who may only read the directory takes the
// shared lock on a read-only descriptor (flock does not care), and reads without one when
// .lock is missing and cannot be made or cannot be opened at all: a reader honours the
// .pending- markers, so it still never reads half a record.
DirLock take_lock(const std::string& dir, int operation) {
    const std::string path = dir + "/.lock";
    const mode_t mode = io::file_mode_in(dir);
    io::Fd fd = io::open_fd(path, O_RDWR | O_CREAT, mode);
    const auto refused = [] { return errno == EACCES || errno == EPERM || errno == EROFS; };
    if (fd.valid()) {
        io::restore_mode(fd.get(), mode);  // in a shared directory the group must open it too
    } else if (operation == LOCK_SH && refused()) {
        fd = io::open_fd(path, O_RDONLY);
        if (!fd.valid() && (errno == ENOENT || refused())) return DirLock();
    }
    if (!fd.valid()) fail_io("open lock file", path, errno);
    while (::flock(fd.get(), operation) != 0) {
        if (errno == EINTR) continue;
        fail_io("lock", path, errno);
    }
    return DirLock(std::move(fd));
}

// The names in directory `dir` but . and ..; nullopt (errno set) when it cannot be read.
std::optional<std::vector<std::string>> entry_names(const std::string& dir) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) return std::nullopt;
    std::vector<std::string> names;
    while (const dirent* e = ::readdir(d))
        if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0)
            names.push_back(e->d_name);
    ::closedir(d);
    return names;
}

// The process that writes `name` when it is a temporary file (NAME.tmp-PID: io::temp_name),
// else nullopt.
std::optional<pid_t> temporary_of(const std::string& name) {
    const auto tmp = name.rfind(".tmp-");
    if (tmp == std::string::npos || tmp + 5 == name.size() || name.size() - tmp - 5 > 9 ||
        name.find_first_not_of("0123456789", tmp + 5) != std::string::npos)
        return std::nullopt;
    return static_cast<pid_t>(std::stol(name.substr(tmp + 5)));
}

// False only when no process `pid` exists on this machine (kill(2) with no signal): one of
// another user still counts. A temporary made on another machine sharing the directory
// (NFS) would look dead; revisit's lock assumes one machine anyway (docs/file-formats.md).
bool process_alive(pid_t pid) { return pid > 0 && (::kill(pid, 0) == 0 || errno != ESRCH); }

// The length journal `name` had before an append that has not finished (a killed writer),
// from DIR/.pending-NAME; nullopt when there is no marker.
std::optional<long long> pending_length(const std::string& dir, const std::string& name) {
    const std::string marker = dir + "/" + marker_name(name);
    const io::Fd fd = io::open_for_read_if_exists(marker);
    if (!fd.valid()) return std::nullopt;
    const std::string text = io::read_rest(fd.get(), marker, 64);
    const std::string_view digits = trim(text);
    long long length = 0;
    bool ok = !digits.empty() && digits.size() <= 18;  // 18 digits cannot overflow
    for (const char c : digits) {
        ok = ok && c >= '0' && c <= '9';
        if (!ok) break;  // and never multiply past 18 digits
        length = length * 10 + (c - '0');
    }
    if (!ok)
        throw Error(
            fmt::format("{} is damaged: it should hold the length {} had before an unfinished "
                        "write; check that {} ends in a whole record, then delete {}",
                        marker, name, name, marker));
    return length;
}

// The line (from 1) where the last record of the first `size` bytes of `fd` starts: the line
// after the last line end outside quotes.
int last_record_line(int fd, long long size) {
    int line = 1, start = 1;
    bool quoted = false;
    std::string buffer;
    for (long long pos = 0; pos < size;) {
        const size_t want = static_cast<size_t>(std::min<long long>(1 << 16, size - pos));
        if (!io::pread_up_to(fd, static_cast<uint64_t>(pos), want, buffer) || buffer.empty()) break;
        const auto n = static_cast<long long>(buffer.size());
        for (long long i = 0; i < n; ++i) {
            if (buffer[i] == '"') {
                quoted = !quoted;  // a doubled "" toggles twice
            } else if (buffer[i] == '\n') {
                ++line;
                if (!quoted) start = line;
            }
        }
        pos += n;
    }
    return start;
}

// Throws when the first `size` (> 0) bytes of journal `fd` do not end in a line end: a
// record appended now would be glued onto the cut-off one.
void refuse_cut_off_end(int fd, const std::string& path, off_t size) {
    char last = 0;
    if (!io::pread_exact(fd, &last, 1, static_cast<uint64_t>(size - 1)))
        fail_io("read", path, errno);
    if (last != '\n')
        throw Error(Location{path, last_record_line(fd, size), 0},
                    "the last record has no line end: it was cut off (by a crash or another "
                    "program); complete or remove it, then run again; nothing was written");
}

// Calls on_field(record, column, text) for each field of `text`, CSV as csv_line writes it.
template <typename F>
void each_field(std::string_view text, F on_field) {
    int record = 0, column = 0;
    std::string field;
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c != '"')
                field += c;
            else if (i + 1 < text.size() && text[i + 1] == '"')
                field += text[++i];
            else
                quoted = false;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',' || c == '\n') {
            if (!on_field(record, column, field)) return;
            field.clear();
            if (c == ',')
                ++column;
            else
                ++record, column = 0;
        } else {
            field += c;
        }
    }
    if (!field.empty() || column > 0) on_field(record, column, field);
}

// What in `lines` (records with the columns of `header_line`) is not valid UTF-8, or "".
// The commands check what users type; this keeps out anything they missed, since no reader
// could load the journal afterwards.
std::string invalid_utf8(const std::string& header_line, const std::string& lines) {
    if (is_valid_utf8(lines)) return {};
    std::vector<std::string> names;
    each_field(header_line, [&](int, int, const std::string& f) {
        names.push_back(f);
        return true;
    });
    const auto records = std::count(lines.begin(), lines.end(), '\n');
    std::string found = "the new records are not valid UTF-8";
    each_field(lines, [&](int record, int column, const std::string& f) {
        if (is_valid_utf8(f)) return true;
        const std::string name =
            static_cast<size_t>(column) < names.size() ? names[column] : std::to_string(column + 1);
        found =
            records > 1
                ? fmt::format("field \"{}\" of new record {} is not valid UTF-8", name, record + 1)
                : fmt::format("field \"{}\" of the new record is not valid UTF-8", name);
        return false;
    });
    return found;
}

// Writes `data` at the end of journal `name` (open as `fd`, `old_size` bytes), then replaces
// the files of `with`. Throws when a step fails, with the journal cut back.
void write_end(const DataDir& dir, const std::string& name, int fd, off_t old_size,
               std::string_view data, const std::vector<FileUpdate>& with) {
    const std::string path = dir.file(name);
    // The old length, durably, before the first byte: if this process dies half-way, the
    // next writer cuts the journal back to it (and readers read no further).
    const std::string marker = dir.file(marker_name(name));
    if (const int err = io::replace_synced(marker, std::to_string(old_size) + "\n"))
        throw Error(
            fmt::format("cannot write {}: {}; nothing was written", path, std::strerror(err)),
            kExitIo);
    std::string failed = path;  // the file the error names
    int err = 0;
    if (!io::write_all(fd, data) || ::fsync(fd) != 0) err = errno;
    for (size_t i = 0; err == 0 && i < with.size(); ++i) {
        // Killed after this, the marker cuts the journal back: the counter may have moved
        // past an id no record has, never behind one.
        err = io::replace_synced(dir.file(with[i].name), with[i].content);
        if (err != 0) failed = dir.file(with[i].name);
    }
    if (err == 0) err = io::remove_synced(marker);  // the append counts from here
    if (err == 0) return;
    // Cut back; the marker goes only once the cut is synced, else the next writer cuts.
    // (A marker left beside a cut journal is harmless: it holds the journal's length.)
    const bool cut = ::ftruncate(fd, old_size) == 0 && ::fsync(fd) == 0;
    if (cut) io::remove_synced(marker);
    throw Error(fmt::format("cannot write {}: {}; {}", failed, std::strerror(err),
                            cut ? "nothing was written"
                                : "the next command that writes removes the incomplete record"),
                kExitIo);
}

// The id of group `name`; throws when the system has no such group.
gid_t group_id(const std::string& name) {
    std::vector<char> buffer(1 << 14);
    group entry{};
    group* found = nullptr;
    const int err = ::getgrnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found);
    if (err != 0 && err != ENOENT && err != ESRCH)
        throw Error(fmt::format("cannot look up group \"{}\": {}", name, std::strerror(err)),
                    kExitIo);
    if (!found)
        throw Error(fmt::format("unknown group \"{}\": no such group on this system", name));
    return found->gr_gid;
}

// Gives the new directory `tmp` (to be `path`) its modes: owner-only, or, for a team's group,
// setgid (what is made inside belongs to the group: io::file_mode_in), group read-write.
void share(const std::string& tmp, const std::string& path, const std::string& group,
           std::optional<gid_t> gid) {
    if (gid && ::chown(tmp.c_str(), static_cast<uid_t>(-1), *gid) != 0)
        throw Error(fmt::format("cannot give {} to group {}: {} (only a member of the group can)",
                                path, group, std::strerror(errno)),
                    kExitIo);
    // Explicit, whatever the umask; a plain init in a setgid parent is not shared either.
    if (::chmod(tmp.c_str(), gid ? 02770 : 0700) != 0) fail_io("create", path, errno);
}

// Of the permission bits `mode` grants, those that let someone other than the owner read or
// write, among the classes in `reach` (S_IRWXG, S_IRWXO: who can get to the entry).
mode_t open_bits(mode_t mode, mode_t reach) {
    return mode & reach & (S_IRGRP | S_IWGRP | S_IROTH | S_IWOTH);
}

// Who among `reach` gets through directory mode `mode` to its entries (needs x).
mode_t through(mode_t mode, mode_t reach) {
    mode_t out = 0;
    if ((mode & S_IXGRP) != 0) out |= reach & S_IRWXG;
    if ((mode & S_IXOTH) != 0) out |= reach & S_IRWXO;
    return out;
}

// The first entry under `dir` (reachable by `reach`) whose mode lets them read or write,
// depth-first in name order; "" when none. Sets `mode` to that entry's.
std::string first_open_entry(const std::string& dir, mode_t reach, int depth, mode_t& mode) {
    if (reach == 0 || depth == 0) return {};
    std::vector<std::string> names = entry_names(dir).value_or(std::vector<std::string>{});
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
        const std::string path = dir + "/" + name;
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0 || S_ISLNK(st.st_mode)) continue;
        if (open_bits(st.st_mode, reach) != 0) {
            mode = st.st_mode;
            return path;
        }
        if (S_ISDIR(st.st_mode)) {
            std::string found = first_open_entry(path, through(st.st_mode, reach), depth - 1, mode);
            if (!found.empty()) return found;
        }
    }
    return {};
}

}  // namespace

// What a snapshot holds of a file: the descriptor opened then (or why it could not be), and
// for a journal the length to read.
struct DataDir::Snapshot {
    struct File {
        io::Fd fd;
        int error = 0;         // of the open, when `fd` is invalid
        bool journal = false;  // `length` counts
        long long length = 0;  // -1: a directory (read_rest() names it)
    };
    std::map<std::string, File> files;

    const File* find(const std::string& name) const {
        const auto it = files.find(name);
        return it == files.end() ? nullptr : &it->second;
    }
};

DataDir DataDir::open(const std::string& path) {
    if (path.empty())
        throw Error("no data directory: pass --data DIR or set REVISIT_DATA", kExitUsage);
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT)
            throw Error(
                fmt::format("data directory {} does not exist; create it with: revisit init {} "
                            "--rules rules/<company>.yaml",
                            path, path),
                kExitIo);
        fail_io("open data directory", path, errno);
    }
    if (!S_ISDIR(st.st_mode)) throw Error(fmt::format("{} is not a directory", path), kExitIo);
    DataDir dir(path);
    if (!dir.exists("rules.yaml"))
        throw Error(
            fmt::format("{} is not a revisit data directory (no rules.yaml); create one with: "
                        "revisit init DIR --rules rules/<company>.yaml",
                        path),
            kExitIo);
    return dir;
}

DataDir DataDir::create(const std::string& path,
                        const std::vector<std::pair<std::string, std::string>>& files,
                        const std::string& group) {
    std::optional<gid_t> gid;
    if (!group.empty()) gid = group_id(group);  // before anything is made
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            throw Error(fmt::format("{} exists and is not a directory", path), kExitIo);
        if (!std::filesystem::is_empty(path))
            throw Error(
                fmt::format("{} already exists and is not empty; init will not overwrite it", path),
                kExitIo);
        if (::rmdir(path.c_str()) != 0) fail_io("replace empty directory", path, errno);
    }
    const std::string tmp = fmt::format("{}/.{}.init-{}", io::parent_dir(path),
                                        path.substr(path.find_last_of('/') + 1), ::getpid());
    // Errors name the files as they will be called, not the temporary directory.
    if (::mkdir(tmp.c_str(), 0700) != 0) fail_io("create", path, errno);
    try {
        share(tmp, path, group, gid);
        for (const auto& [name, content] : files) {
            const auto slash = name.find('/');
            if (slash != std::string::npos) {
                const std::string sub = name.substr(0, slash);
                if (io::make_dir(tmp + "/" + sub) != 0 && errno != EEXIST)
                    fail_io("create", path + "/" + sub, errno);
            }
            if (const int err = io::create_synced(tmp + "/" + name, content))
                fail_io("write", path + "/" + name, err);
        }
        if (const int err = io::sync_path(tmp, true)) fail_io("write", path, err);
        if (::rename(tmp.c_str(), path.c_str()) != 0) fail_io("create", path, errno);
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove_all(tmp, ignored);
        throw;
    }
    if (const int err = io::sync_path(io::parent_dir(path), true))
        fail_io("sync", io::parent_dir(path), err);
    return DataDir(path);
}

DirLock DataDir::lock_exclusive() const {
    DirLock lock = take_lock(path_, LOCK_EX);
    // Finish what killed writers left, before this writer reads anything.
    std::vector<std::string> journals, temporaries;
    const auto names = entry_names(path_);
    if (!names) fail_io("read", path_, errno);
    for (const auto& name : *names) {
        const std::optional<pid_t> pid = temporary_of(name);
        if (name.rfind(".pending-", 0) == 0) {
            if (pid)
                temporaries.push_back(name);  // a marker being written when its writer died
            else
                journals.push_back(name.substr(std::strlen(".pending-")));
        } else if (pid && !process_alive(*pid)) {
            temporaries.push_back(name);  // an id counter, complaints.csv ... never renamed
        }
    }
    // The cache is written by readers too, who hold no lock: only a dead one's file goes.
    for (const char* sub : {".cache", "calendars"})
        for (const auto& name : entry_names(file(sub)).value_or(std::vector<std::string>{}))
            if (const auto pid = temporary_of(name); pid && !process_alive(*pid))
                temporaries.push_back(std::string(sub) + "/" + name);
    for (const auto& name : temporaries) ::unlink(file(name).c_str());  // never renamed: no marker
    for (const auto& name : journals) finish_interrupted_append(name);
    return lock;
}

DirLock DataDir::lock_shared() const { return take_lock(path_, LOCK_SH); }

void DataDir::finish_interrupted_append(const std::string& name) const {
    const std::optional<long long> length = pending_length(path_, name);
    if (!length) return;
    const std::string path = file(name);
    io::Fd fd = io::open_fd(path, O_WRONLY);
    if (!fd.valid() && errno != ENOENT) fail_io("repair", path, errno);
    if (fd.valid()) {
        struct stat st {};
        int rc = ::fstat(fd.get(), &st);
        // Only ever shorten: a journal already that short (edited since?) has nothing of ours.
        if (rc == 0 && st.st_size > *length)
            rc = ::ftruncate(fd.get(), static_cast<off_t>(*length));
        if (rc == 0) rc = ::fsync(fd.get());  // before the marker goes
        const int err = errno;
        fd.close();
        if (rc != 0)
            throw Error(fmt::format("cannot cut {} back to {} bytes after an unfinished write: {}",
                                    path, *length, std::strerror(err)),
                        kExitIo);
    }
    if (const int err = io::remove_synced(file(marker_name(name))))
        fail_io("remove", file(marker_name(name)), err);
}

std::string DataDir::loose_modes() const {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) return {};
    // A directory shared on purpose (setgid, init --group) is open to its group, not to others.
    const bool shared = (st.st_mode & S_ISGID) != 0;
    const mode_t reach = shared ? S_IRWXO : (S_IRWXG | S_IRWXO);
    mode_t mode = st.st_mode;
    std::string found = open_bits(mode, reach) != 0 ? path_ : "";
    if (found.empty()) found = first_open_entry(path_, through(mode, reach), 3, mode);
    if (found.empty()) return {};
    const mode_t bits = open_bits(mode, reach);
    const bool others = (bits & (S_IROTH | S_IWOTH)) != 0;
    const bool read = (bits & (others ? S_IROTH : S_IRGRP)) != 0;
    return fmt::format("{} is {} by {} (mode {:04o}): chmod -R {} {}", found,
                       read ? "readable" : "writable", others ? "others" : "its group",
                       mode & 07777, shared ? "o-rwx" : "go-rwx", path_);
}

bool DataDir::exists(const std::string& name) const {
    if (const Snapshot::File* f = snapshot_ ? snapshot_->find(name) : nullptr)
        return f->fd.valid() || f->error != ENOENT;
    struct stat st {};
    return ::stat(file(name).c_str(), &st) == 0;
}

DataDir DataDir::snapshot(const std::vector<std::string>& journals,
                          const std::vector<std::string>& derived) const {
    if (snapshot_) return *this;
    auto s = std::make_shared<Snapshot>();
    const auto pin = [&](const std::string& name, bool journal) {
        Snapshot::File f;
        f.journal = journal;
        f.fd = io::open_fd(file(name), O_RDONLY | O_NONBLOCK);
        if (!f.fd.valid()) f.error = errno;
        if (f.fd.valid() && journal) f.length = readable_length(f.fd.get(), name);
        s->files[name] = std::move(f);
    };
    {
        const DirLock lock = lock_shared();
        for (const auto& name : derived) pin(name, false);
        for (const auto& name : journals) pin(name, true);
    }
    DataDir view(path_);
    view.snapshot_ = std::move(s);
    return view;
}

io::Fd DataDir::open_reading(const std::string& name) const {
    if (const Snapshot::File* f = snapshot_ ? snapshot_->find(name) : nullptr) {
        if (!f->fd.valid()) {
            errno = f->error;
            return io::Fd();
        }
        // Shares its offset with the snapshot's descriptor: every reader of it uses pread.
        return io::Fd(::fcntl(f->fd.get(), F_DUPFD_CLOEXEC, 0));
    }
    return io::open_fd(file(name), O_RDONLY | O_NONBLOCK);
}

std::string DataDir::read(const std::string& name, bool optional) const {
    if (optional && !exists(name)) return {};
    const std::string path = file(name);
    const io::Fd fd = open_reading(name);
    if (!fd.valid()) fail_io("read", path, errno);
    const long long length = readable_length(fd.get(), name);
    if (length < 0) return io::read_rest(fd.get(), path);  // a directory: it says so
    std::string text;
    if (!io::pread_up_to(fd.get(), 0, static_cast<size_t>(length), text))
        fail_io("read", path, errno);
    return text;
}

long long DataDir::readable_length(int fd, const std::string& name) const {
    if (const Snapshot::File* f = snapshot_ ? snapshot_->find(name) : nullptr)
        if (f->journal) return f->length;
    // The size first, then the marker: bytes the size counts are either covered by a marker
    // still there or synced before it went, even for a reader without the lock.
    struct stat st {};
    if (::fstat(fd, &st) != 0) fail_io("read", file(name), errno);
    const std::optional<long long> length = pending_length(path_, name);
    if (S_ISDIR(st.st_mode)) return -1;  // read_rest() names it
    return length ? std::min<long long>(*length, st.st_size) : st.st_size;
}

long long DataDir::readable_size(const std::string& name) const {
    if (const Snapshot::File* f = snapshot_ ? snapshot_->find(name) : nullptr) {
        if (f->journal && f->fd.valid()) return std::max(f->length, 0LL);
        if (f->journal && f->error == ENOENT) return 0;
        if (f->journal) fail_io("read", file(name), f->error);
    }
    struct stat st {};
    if (::stat(file(name).c_str(), &st) != 0) {
        if (errno == ENOENT) return 0;
        fail_io("read", file(name), errno);
    }
    const std::optional<long long> length = pending_length(path_, name);
    return length ? std::min<long long>(*length, st.st_size) : st.st_size;
}

void DataDir::read_records(const std::string& name,
                           const std::function<void(const CsvRecord&)>& on_record,
                           const std::function<void(uint64_t)>& on_bytes) const {
    if (!exists(name)) return;
    const std::string path = file(name);
    const io::Fd fd = open_reading(name);
    if (!fd.valid()) fail_io("read", path, errno);
    long long left = readable_length(fd.get(), name);  // -1: to the end (a directory)
    CsvChunkReader reader(path);
    CsvRecord record;
    std::string block(1 << 20, '\0');
    for (off_t at = 0; left != 0;) {
        const size_t want =
            left < 0 ? block.size() : std::min(block.size(), static_cast<size_t>(left));
        const ssize_t n = ::pread(fd.get(), block.data(), want, at);  // a snapshot's shared fd
        if (n < 0) {
            if (errno == EINTR) continue;
            fail_io("read", path, errno);
        }
        if (n == 0) break;
        at += n;
        if (left > 0) left -= n;
        reader.feed(std::string_view(block.data(), static_cast<size_t>(n)));
        while (reader.next(record)) on_record(record);
        if (on_bytes) on_bytes(static_cast<uint64_t>(at));
    }
    reader.finish();
    while (reader.next(record)) on_record(record);
}

void DataDir::append(const std::string& name, const std::string& header_line,
                     const std::string& lines, const std::vector<FileUpdate>& with) const {
    const std::string path = file(name);
    finish_interrupted_append(name);  // lock_exclusive() has, unless the caller skipped it
    if (const std::string bad = invalid_utf8(header_line, lines); !bad.empty())
        throw Error(fmt::format("cannot write {}: {}; nothing was written", path, bad));
    // A missing journal is made empty and gets its header with the lines; if the append
    // fails it goes again, so that no file has changed.
    const bool created = !exists(name);
    if (created) {
        if (const int err = io::create_synced(path, "")) fail_io("write", path, err);
    }
    try {
        const io::Fd fd = io::open_fd(path, O_RDWR | O_APPEND);
        if (!fd.valid()) fail_io("open", path, errno);
        io::restore_mode(fd.get(), io::file_mode_in(path_));  // a copy may have loosened it
        struct stat st {};
        if (::fstat(fd.get(), &st) != 0) fail_io("stat", path, errno);
        std::string with_header;
        if (st.st_size == 0)
            with_header = header_line + lines;  // emptied by hand: it gets its header back
        else
            refuse_cut_off_end(fd.get(), path, st.st_size);
        write_end(*this, name, fd.get(), st.st_size, st.st_size == 0 ? with_header : lines, with);
    } catch (...) {
        if (created) io::remove_synced(path);
        throw;
    }
}

std::string read_text_file(const std::string& path) {
    const io::Fd fd = io::open_for_read(path);
    return io::read_rest(fd.get(), path);
}

}  // namespace revisit
