#pragma once
// File descriptors and the system calls every file of lib/store shares: one owner of a
// descriptor, whole reads and writes that retry on EINTR, and opening helpers whose errors
// name the file (exit code kExitIo). Every open(2) of the project is made here (open_fd).

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace revisit::io {

// Owns a file descriptor, or none (-1); closes it when destroyed or assigned over.
class Fd {
  public:
    Fd() = default;
    explicit Fd(int fd) : fd_(fd) {}
    Fd(Fd&& other) noexcept : fd_(other.release()) {}
    Fd& operator=(Fd&& other) noexcept;
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd();

    int get() const { return fd_; }
    bool valid() const { return fd_ >= 0; }
    // Gives the descriptor up: the caller closes it.
    int release();
    // Closes it now (errno is kept as it was).
    void close();

  private:
    int fd_ = -1;
};

// open(2) with O_CLOEXEC added; an invalid Fd, errno set, when it fails.
Fd open_fd(const std::string& path, int flags, mode_t mode = 0);
// For reading; throws Error "cannot read PATH: REASON" (kExitIo).
Fd open_for_read(const std::string& path);
// As open_for_read(), but an invalid Fd when `path` does not exist.
Fd open_for_read_if_exists(const std::string& path);
// Creates `path` (file_mode_in() its directory) or empties it, for writing; throws Error
// "cannot create PATH: REASON" (kExitIo).
Fd create_for_write(const std::string& path);

// The mode of what the store creates in directory `dir`: owner-only (0600 files, 0700
// directories), or with the group's read and write when `dir` has the setgid bit, as a data
// directory a team shares through its group has (`init --group`): 0660, 02770.
mode_t file_mode_in(const std::string& dir);
mode_t dir_mode_in(const std::string& dir);
// Gives `fd` `mode` when it has another and is ours: a write restores the modes of what it
// writes. Errors are ignored (a file another member of the group owns keeps its mode).
void restore_mode(int fd, mode_t mode);
// mkdir(2) with dir_mode_in() of its parent, whatever the umask: 0, or -1 with errno set
// (EEXIST when it exists).
int make_dir(const std::string& path);

// Throws Error "cannot WHAT PATH: strerror(err)" with kExitIo.
[[noreturn]] void fail_io(const std::string& what, const std::string& path, int err);

// Exactly `n` bytes at `offset` into `out`; false at the end of the file or on an error
// (errno set).
bool pread_exact(int fd, char* out, size_t n, uint64_t offset);
// Up to `n` bytes at `offset` into `out` (fewer at the end of the file); false on an error.
bool pread_up_to(int fd, uint64_t offset, size_t n, std::string& out);
// All of `data`; false on failure (errno set: EIO when write(2) wrote nothing).
bool write_all(int fd, std::string_view data);

// `fd` read from where it stands to its end, or to `limit` bytes when limit >= 0. Throws
// Error naming `path`: "cannot read PATH: it is a directory" or "cannot read PATH: REASON".
std::string read_rest(int fd, const std::string& path, long long limit = -1);

}  // namespace revisit::io
