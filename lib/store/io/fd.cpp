#include "store/io/fd.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "store/io/atomic_file.h"
#include "util/error.h"

namespace revisit::io {

Fd& Fd::operator=(Fd&& other) noexcept {
    if (this != &other) {
        close();
        fd_ = other.release();
    }
    return *this;
}

Fd::~Fd() { close(); }

int Fd::release() { return std::exchange(fd_, -1); }

void Fd::close() {
    if (fd_ < 0) return;
    const int err = errno;
    ::close(std::exchange(fd_, -1));
    errno = err;
}

Fd open_fd(const std::string& path, int flags, mode_t mode) {
    return Fd(::open(path.c_str(), flags | O_CLOEXEC, mode));
}

Fd open_for_read(const std::string& path) {
    Fd fd = open_fd(path, O_RDONLY);
    if (!fd.valid()) fail_io("read", path, errno);
    return fd;
}

Fd open_for_read_if_exists(const std::string& path) {
    Fd fd = open_fd(path, O_RDONLY);
    if (!fd.valid() && errno != ENOENT) fail_io("read", path, errno);
    return fd;
}

Fd create_for_write(const std::string& path) {
    const mode_t mode = file_mode_in(parent_dir(path));
    Fd fd = open_fd(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (!fd.valid()) fail_io("create", path, errno);
    restore_mode(fd.get(), mode);  // whatever the umask took away, or an old file had
    return fd;
}

namespace {
bool setgid_dir(const std::string& dir) {
    struct stat st {};
    return ::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & S_ISGID) != 0;
}
}  // namespace

mode_t file_mode_in(const std::string& dir) { return setgid_dir(dir) ? 0660 : 0600; }

mode_t dir_mode_in(const std::string& dir) { return setgid_dir(dir) ? 02770 : 0700; }

void restore_mode(int fd, mode_t mode) {
    struct stat st {};
    if (::fstat(fd, &st) == 0 && (st.st_mode & 07777) != mode && st.st_uid == ::geteuid())
        ::fchmod(fd, mode);
}

int make_dir(const std::string& path) {
    const mode_t mode = dir_mode_in(parent_dir(path));
    if (::mkdir(path.c_str(), mode) != 0) return -1;
    return ::chmod(path.c_str(), mode);  // the umask only narrows what mkdir gives
}

void fail_io(const std::string& what, const std::string& path, int err) {
    throw Error(fmt::format("cannot {} {}: {}", what, path, std::strerror(err)), kExitIo);
}

bool pread_exact(int fd, char* out, size_t n, uint64_t offset) {
    while (n > 0) {
        const ssize_t got = ::pread(fd, out, n, static_cast<off_t>(offset));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        out += got;
        n -= static_cast<size_t>(got);
        offset += static_cast<uint64_t>(got);
    }
    return true;
}

bool pread_up_to(int fd, uint64_t offset, size_t n, std::string& out) {
    out.resize(n);
    size_t done = 0;
    while (done < n) {
        const ssize_t got =
            ::pread(fd, out.data() + done, n - done, static_cast<off_t>(offset + done));
        if (got < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        if (got == 0) break;
        done += static_cast<size_t>(got);
    }
    out.resize(done);
    return true;
}

bool write_all(int fd, std::string_view data) {
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

std::string read_rest(int fd, const std::string& path, long long limit) {
    std::string out;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
        throw Error(fmt::format("cannot read {}: it is a directory", path), kExitIo);
    long long size = st.st_size;
    if (limit >= 0) size = std::min(size, limit);
    if (size > 0) out.reserve(static_cast<size_t>(size));
    char buffer[1 << 16];
    while (limit < 0 || static_cast<long long>(out.size()) < limit) {
        size_t want = sizeof buffer;
        if (limit >= 0)
            want = std::min(want, static_cast<size_t>(limit - static_cast<long long>(out.size())));
        const ssize_t n = ::read(fd, buffer, want);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail_io("read", path, errno);
        }
        if (n == 0) break;
        out.append(buffer, static_cast<size_t>(n));
    }
    return out;
}

}  // namespace revisit::io
