#include "store/io/journal_file.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>

#include "store/io/hash.h"
#include "util/error.h"

namespace revisit::io {

JournalFile JournalFile::open(const DataDir& dir, const std::string& name) {
    JournalFile j(name, dir.file(name));
    j.fd_ = dir.open_reading(name);  // in a snapshot, the journal as it was then
    if (!j.fd_.valid()) {
        if (errno != ENOENT) fail_io("read", j.path_, errno);
        return j;
    }
    struct stat st {};
    if (::fstat(j.fd_.get(), &st) != 0) fail_io("read", j.path_, errno);
    j.directory_ = S_ISDIR(st.st_mode);
    // Bytes beyond a crashed write's marker are not part of the journal (data_dir.h).
    j.length_ = std::min(static_cast<uint64_t>(st.st_size),
                         static_cast<uint64_t>(std::max(0LL, dir.readable_size(name))));
    return j;
}

void JournalFile::read_into(char* out, size_t n, uint64_t offset) const {
    errno = 0;
    if (pread_exact(fd_.get(), out, n, offset)) return;
    if (errno != 0) fail_io("read", path_, errno);
    throw Error(fmt::format("cannot read {}: it shrank while being read", path_), kExitIo);
}

std::string JournalFile::read(uint64_t offset, size_t n) const {
    std::string out;
    if (offset >= length_) return out;
    out.resize(static_cast<size_t>(std::min<uint64_t>(n, length_ - offset)));
    read_into(out.data(), out.size(), offset);
    return out;
}

uint64_t JournalFile::count_lines() const {
    constexpr size_t kBlock = 4u << 20;
    if (length_ == 0) return 0;
    std::string block(kBlock, '\0');
    uint64_t lines = 0;
    for (uint64_t at = 0; at < length_;) {
        const size_t n = static_cast<size_t>(std::min<uint64_t>(kBlock, length_ - at));
        read_into(block.data(), n, at);
        lines += static_cast<uint64_t>(std::count(block.data(), block.data() + n, '\n'));
        at += n;
    }
    return lines;
}

std::optional<JournalEdges> JournalFile::edges(uint64_t n) const {
    if (n > length_) return std::nullopt;
    const size_t size = static_cast<size_t>(std::min<uint64_t>(n, 4096));
    JournalEdges e{std::string(size, '\0'), std::string(size, '\0')};
    if (!pread_exact(fd_.get(), e.head.data(), size, 0) ||
        !pread_exact(fd_.get(), e.tail.data(), size, n - size))
        return std::nullopt;
    return e;
}

std::optional<uint64_t> JournalFile::fingerprint(uint64_t n) const {
    const std::optional<JournalEdges> e = edges(n);
    if (!e) return std::nullopt;
    return fnv1a(e->tail, fnv1a(e->head, n));
}

std::optional<JournalHeader> JournalFile::read_header() const {
    for (size_t n = 4096;; n *= 2) {
        const std::string text = read(0, n);
        const size_t bom = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
        const bool partial = text.size() < length_;
        CsvReader reader(std::string_view(text).substr(bom), path_, 1, partial);
        CsvRecord record;
        if (reader.next(record))
            return JournalHeader{std::move(record.fields), bom + reader.consumed(), reader.line()};
        if (!partial) return std::nullopt;  // empty file
    }
}

ScanEnd JournalFile::scan(uint64_t from, int line, const RecordVisitor& on_record,
                          size_t block) const {
    ScanEnd end{from, line, 0};
    std::string buffer;
    uint64_t buffer_start = from, next_read = from;
    CsvRecord record;
    for (;;) {
        if (next_read < length_) {
            const size_t had = buffer.size();
            buffer += read(next_read, block);
            end.line_ends +=
                static_cast<uint64_t>(std::count(buffer.begin() + had, buffer.end(), '\n'));
            next_read += buffer.size() - had;
        }
        const bool last = next_read >= length_;
        CsvReader reader(buffer, path_, line, !last);
        for (;;) {
            const size_t start = reader.consumed();
            if (!reader.next(record)) break;
            const size_t stop = reader.consumed();
            if (stop > 0 && buffer[stop - 1] == '\n') {
                end.offset = buffer_start + stop;
                end.line = reader.line();
            }
            if (record.fields.size() == 1 && record.fields[0].empty()) continue;
            if (!on_record(record, buffer_start + start)) return end;
        }
        if (last) return end;
        const size_t used = reader.consumed();
        buffer.erase(0, used);
        buffer_start += used;
        line = reader.line();
    }
}

}  // namespace revisit::io
