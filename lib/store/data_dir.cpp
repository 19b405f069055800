#include "store/data_dir.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace revisit {
namespace {

[[noreturn]] void fail_io(const std::string& what, const std::string& path, int err) {
    throw Error(fmt::format("cannot {} {}: {}", what, path, std::strerror(err)), kExitIo);
}

std::string parent_of(const std::string& path) {
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

void fsync_path(const std::string& path, bool directory) {
    const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) fail_io("open", path, errno);
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0 && err != EINVAL) fail_io("sync", path, err);
}

// Writes all of `data` to `fd`; false (errno set) on failure.
bool write_all(int fd, const std::string& data) {
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        if (n == 0) {
            errno = EIO;
            return false;
        }
        done += static_cast<size_t>(n);
    }
    return true;
}

void write_new_file(const std::string& path, const std::string& content) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) fail_io("create", path, errno);
    if (!write_all(fd, content) || ::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        ::unlink(path.c_str());
        fail_io("write", path, err);
    }
    ::close(fd);
}

DirLock take_lock(const std::string& dir, int operation) {
    const std::string path = dir + "/.lock";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) fail_io("open lock file", path, errno);
    while (::flock(fd, operation) != 0) {
        if (errno == EINTR) continue;
        const int err = errno;
        ::close(fd);
        fail_io("lock", path, err);
    }
    return DirLock(fd);
}

}  // namespace

DirLock::~DirLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

DataDir DataDir::open(const std::string& path) {
    if (path.empty())
        throw Error("no data directory: pass --data DIR or set REVISIT_DATA", kExitUsage);
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT)
            throw Error(fmt::format("data directory {} does not exist; create it with: revisit init {} "
                                    "--rules rules/<company>.yaml", path, path), kExitIo);
        fail_io("open data directory", path, errno);
    }
    if (!S_ISDIR(st.st_mode)) throw Error(fmt::format("{} is not a directory", path), kExitIo);
    DataDir dir(path);
    if (!dir.exists("rules.yaml"))
        throw Error(fmt::format("{} is not a revisit data directory (no rules.yaml); create one with: "
                                "revisit init DIR --rules rules/<company>.yaml", path), kExitIo);
    return dir;
}

DataDir DataDir::create(const std::string& path,
                        const std::vector<std::pair<std::string, std::string>>& files) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if (!S_ISDIR(st.st_mode)) throw Error(fmt::format("{} exists and is not a directory", path), kExitIo);
        if (!std::filesystem::is_empty(path))
            throw Error(fmt::format("{} already exists and is not empty; init will not overwrite it", path), kExitIo);
        if (::rmdir(path.c_str()) != 0) fail_io("replace empty directory", path, errno);
    }
    const std::string tmp = fmt::format("{}/.{}.init-{}", parent_of(path),
                                        path.substr(path.find_last_of('/') + 1), ::getpid());
    if (::mkdir(tmp.c_str(), 0700) != 0) fail_io("create", tmp, errno);
    try {
        for (const auto& [name, content] : files) {
            const auto slash = name.find('/');
            if (slash != std::string::npos) {
                const std::string sub = tmp + "/" + name.substr(0, slash);
                if (::mkdir(sub.c_str(), 0700) != 0 && errno != EEXIST) fail_io("create", sub, errno);
            }
            write_new_file(tmp + "/" + name, content);
        }
        fsync_path(tmp, true);
        if (::rename(tmp.c_str(), path.c_str()) != 0) fail_io("create", path, errno);
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove_all(tmp, ignored);
        throw;
    }
    fsync_path(parent_of(path), true);
    return DataDir(path);
}

DirLock DataDir::lock_exclusive() const { return take_lock(path_, LOCK_EX); }
DirLock DataDir::lock_shared() const { return take_lock(path_, LOCK_SH); }

bool DataDir::exists(const std::string& name) const {
    struct stat st {};
    return ::stat(file(name).c_str(), &st) == 0;
}

std::string DataDir::read(const std::string& name, bool optional) const {
    if (optional && !exists(name)) return {};
    return read_text_file(file(name));
}

void DataDir::read_records(const std::string& name,
                           const std::function<void(const CsvRecord&)>& on_record) const {
    if (!exists(name)) return;
    const std::string path = file(name);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail_io("read", path, errno);
    CsvChunkReader reader(path);
    CsvRecord record;
    std::string block(1 << 20, '\0');
    try {
        for (;;) {
            const ssize_t n = ::read(fd, block.data(), block.size());
            if (n < 0) {
                if (errno == EINTR) continue;
                fail_io("read", path, errno);
            }
            if (n == 0) break;
            reader.feed(std::string_view(block.data(), static_cast<size_t>(n)));
            while (reader.next(record)) on_record(record);
        }
        reader.finish();
        while (reader.next(record)) on_record(record);
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
}

void DataDir::append(const std::string& name, const std::string& header_line,
                     const std::string& lines) const {
    const std::string path = file(name);
    if (!exists(name)) write_file_atomic(path, header_line);
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0) fail_io("open", path, errno);
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        fail_io("stat", path, err);
    }
    if (!write_all(fd, lines) || ::fsync(fd) != 0) {
        const int err = errno;
        // Cut back to the old length so no partial record stays behind.
        const int cut = ::ftruncate(fd, st.st_size);
        ::close(fd);
        throw Error(fmt::format("cannot write {}: {}; {}", path, std::strerror(err),
                                cut == 0 ? "nothing was written" : "the file may end in a partial record"),
                    kExitIo);
    }
    ::close(fd);
}

std::string read_text_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail_io("read", path, errno);
    std::string out;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        throw Error(fmt::format("cannot read {}: it is a directory", path), kExitIo);
    }
    if (st.st_size > 0) out.reserve(static_cast<size_t>(st.st_size));
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            fail_io("read", path, err);
        }
        if (n == 0) break;
        out.append(buffer, static_cast<size_t>(n));
    }
    ::close(fd);
    return out;
}

void write_file_atomic(const std::string& path, const std::string& content) {
    const std::string tmp = fmt::format("{}.tmp-{}", path, ::getpid());
    ::unlink(tmp.c_str());
    write_new_file(tmp, content);
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        fail_io("replace", path, err);
    }
    fsync_path(parent_of(path), true);
}

}  // namespace revisit
