#include "store/index/disk_index.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstring>
#include <string_view>

#include "store/io/hash.h"

namespace revisit::index {

std::unique_ptr<DiskIndex> DiskIndex::open(io::Fd fd, Kind kind, const CsvJournal& j) {
    if (!fd.valid()) return nullptr;
    auto index = std::unique_ptr<DiskIndex>(new DiskIndex(std::move(fd)));
    return index->load(kind, j) ? std::move(index) : nullptr;
}

void DiskIndex::find(size_t section, uint32_t hash, std::vector<Entry>& out) const {
    const Section& s = sections_[section];
    size_t b = std::lower_bound(s.fences.begin(), s.fences.end(), hash) - s.fences.begin();
    if (b > 0) --b;
    for (; b < s.fences.size() && s.fences[b] <= hash; ++b) {
        const std::vector<Entry>& block = read_block(section, b);
        auto [lo, hi] = std::equal_range(block.begin(), block.end(), hash, HashLess{});
        out.insert(out.end(), lo, hi);
    }
}

std::optional<Entry> DiskIndex::floor(size_t section, uint32_t key) const {
    const Section& s = sections_[section];
    const size_t b = std::upper_bound(s.fences.begin(), s.fences.end(), key) - s.fences.begin();
    if (b == 0) return std::nullopt;
    const std::vector<Entry>& block = read_block(section, b - 1);
    auto it = std::upper_bound(block.begin(), block.end(), key, HashLess{});
    if (it == block.begin()) throw IndexDamaged{};
    return *(it - 1);
}

std::vector<Entry> DiskIndex::all(size_t section) const {
    std::vector<Entry> out;
    for (size_t b = 0; b < sections_[section].fences.size(); ++b) {
        const std::vector<Entry> block = load_block(section, b);
        out.insert(out.end(), block.begin(), block.end());
    }
    return out;
}

bool DiskIndex::load(Kind kind, const CsvJournal& j) {
    struct stat st {};
    if (::fstat(fd_.get(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
    std::string header;
    return read_header(kind, static_cast<uint64_t>(st.st_size), header) && read_fences(header) &&
           made_from(j);
}

bool DiskIndex::read_header(Kind kind, uint64_t file_size, std::string& header) {
    std::string head;
    if (!io::pread_up_to(fd_.get(), 0, kFixedHeader, head) || head.size() < kFixedHeader)
        return false;
    if (head.compare(0, 8, kMagic, 8) != 0 || get32(head, 8) != kVersion ||
        get32(head, 12) != static_cast<uint32_t>(kind) ||
        get64(head, 16 + 9 * 8) != section_count(kind))
        return false;
    std::array<uint64_t, 9> fields{};
    for (size_t i = 0; i < fields.size(); ++i) fields[i] = get64(head, 16 + i * 8);
    meta_ = Meta::from(fields);
    const size_t n = section_count(kind);
    std::string table;
    if (!io::pread_up_to(fd_.get(), kFixedHeader, n * 24, table) || table.size() < n * 24)
        return false;
    uint64_t header_size = kFixedHeader + n * 24 + 8, entries = 0;
    sections_.resize(n);
    for (size_t i = 0; i < n; ++i) {
        Section& s = sections_[i];
        s.entries = get64(table, i * 24);
        s.data = get64(table, i * 24 + 16);
        if (s.entries > file_size / sizeof(Entry) ||
            get64(table, i * 24 + 8) != blocks_of(s.entries))
            return false;
        header_size += blocks_of(s.entries) * 16;
        entries += s.entries;
    }
    if (header_size + entries * sizeof(Entry) != file_size) return false;
    if (!io::pread_up_to(fd_.get(), 0, static_cast<size_t>(header_size), header) ||
        header.size() != header_size)
        return false;
    return io::checksum64(std::string_view(header).substr(0, header.size() - 8)) ==
           get64(header, header.size() - 8);
}

bool DiskIndex::read_fences(const std::string& header) {
    size_t at = kFixedHeader + sections_.size() * 24;
    uint64_t data = header.size();
    for (auto& s : sections_) {
        if (s.data != data) return false;
        data += s.entries * sizeof(Entry);
        for (size_t b = 0; b < blocks_of(s.entries); ++b, at += 16) {
            const uint64_t fence = get64(header, at);
            if (fence > UINT32_MAX || (b > 0 && fence < s.fences.back())) return false;
            s.fences.push_back(static_cast<uint32_t>(fence));
            s.sums.push_back(get64(header, at + 8));
        }
    }
    return true;
}

bool DiskIndex::made_from(const CsvJournal& j) const {
    if (meta_.covered < j.data_start() || meta_.covered > j.size() ||
        meta_.covered_line < static_cast<uint64_t>(j.data_line()) || meta_.covered_line > INT32_MAX)
        return false;
    Meta now = meta_;
    return set_prints(j, now) && now.head_print == meta_.head_print &&
           now.tail_print == meta_.tail_print;
}

const std::vector<Entry>& DiskIndex::read_block(size_t section, size_t b) const {
    auto cached = blocks_.find({section, b});
    if (cached != blocks_.end()) return cached->second;
    return blocks_.emplace(std::pair{section, b}, load_block(section, b)).first->second;
}

std::vector<Entry> DiskIndex::load_block(size_t section, size_t b) const {
    const Section& s = sections_[section];
    const size_t first = b * kBlockEntries;
    const size_t n = static_cast<size_t>(std::min<uint64_t>(kBlockEntries, s.entries - first));
    std::string bytes;
    if (!io::pread_up_to(fd_.get(), s.data + first * sizeof(Entry), n * sizeof(Entry), bytes) ||
        bytes.size() != n * sizeof(Entry) || io::checksum64(bytes) != s.sums[b])
        throw IndexDamaged{};
    std::vector<Entry> out(n);
    std::memcpy(out.data(), bytes.data(), bytes.size());
    if (out.front().hash != s.fences[b]) throw IndexDamaged{};
    return out;
}

}  // namespace revisit::index
