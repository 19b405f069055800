#include "store/io/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>

#include "store/io/fd.h"

namespace revisit::io {

std::string parent_dir(const std::string& path) {
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

int sync_path(const std::string& path, bool directory) {
    Fd fd = open_fd(path, directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (!fd.valid()) return errno;
    const int rc = ::fsync(fd.get());
    const int err = errno;
    return rc != 0 && err != EINVAL ? err : 0;
}

int create_synced(const std::string& path, std::string_view content) {
    const mode_t mode = file_mode_in(parent_dir(path));
    Fd fd = open_fd(path, O_WRONLY | O_CREAT | O_EXCL, mode);
    if (!fd.valid()) return errno;
    restore_mode(fd.get(), mode);  // whatever the umask took away
    if (!write_all(fd.get(), content) || ::fsync(fd.get()) != 0) {
        const int err = errno;
        fd.close();
        ::unlink(path.c_str());
        return err;
    }
    return 0;
}

namespace {
std::string temp_name(const std::string& path) {
    return fmt::format("{}.tmp-{}", path, ::getpid());
}
}  // namespace

int replace_synced(const std::string& path, std::string_view content) {
    const std::string tmp = temp_name(path);
    ::unlink(tmp.c_str());
    if (const int err = create_synced(tmp, content)) return err;
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        return err;
    }
    return sync_path(parent_dir(path), true);
}

int remove_synced(const std::string& path) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return errno;
    return sync_path(parent_dir(path), true);
}

AtomicWriter::AtomicWriter(std::string path) : path_(std::move(path)), tmp_(temp_name(path_)) {
    ::unlink(tmp_.c_str());
    const mode_t mode = file_mode_in(parent_dir(path_));
    fd_ = open_fd(tmp_, O_WRONLY | O_CREAT | O_EXCL, mode);
    if (!fd_.valid()) fail_io("write", path_, errno);
    restore_mode(fd_.get(), mode);  // whatever the umask took away
}

AtomicWriter::~AtomicWriter() {
    if (committed_) return;
    fd_.close();
    ::unlink(tmp_.c_str());
}

void AtomicWriter::write(std::string_view data) {
    if (!write_all(fd_.get(), data)) fail_io("write", path_, errno);
}

void AtomicWriter::commit() {
    if (::fsync(fd_.get()) != 0) fail_io("write", path_, errno);
    fd_.close();
    if (::rename(tmp_.c_str(), path_.c_str()) != 0) fail_io("write", path_, errno);
    committed_ = true;
    if (const int err = sync_path(parent_dir(path_), true)) fail_io("write", path_, err);
}

void write_file_atomic(const std::string& path, const std::string& content) {
    if (const int err = replace_synced(path, content)) fail_io("write", path, err);
}

}  // namespace revisit::io
