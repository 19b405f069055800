#include "store/index/format.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "store/index/lookup.h"
#include "store/io/hash.h"
#include "store/store.h"

namespace revisit {

uint32_t index_key_hash(std::string_view key) {
    const uint64_t h = io::fnv1a(key);
    return static_cast<uint32_t>(h ^ (h >> 32));
}

namespace index {
namespace {

void put64(std::string& out, uint64_t v) { out.append(reinterpret_cast<const char*>(&v), 8); }
void put32(std::string& out, uint32_t v) { out.append(reinterpret_cast<const char*>(&v), 4); }

}  // namespace

size_t section_count(Kind kind) { return kind == Kind::Customers ? 2 : 3; }
const char* journal_name(Kind kind) {
    switch (kind) {
        case Kind::Customers:
            return kCustomersFile;
        case Kind::Contacts:
            return kContactsFile;
        case Kind::Complaints:
            break;
    }
    return kComplaintsFile;
}
std::string index_name(Kind kind) {
    switch (kind) {
        case Kind::Customers:
            return ".cache/customers.idx";
        case Kind::Contacts:
            return ".cache/contacts.idx";
        case Kind::Complaints:
            break;
    }
    return ".cache/complaints.idx";
}

bool by_hash_then_offset(const Entry& a, const Entry& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.offset < b.offset;
}

bool set_prints(const CsvJournal& j, Meta& m) {
    const std::optional<io::JournalEdges> edges = j.file().edges(m.covered);
    if (!edges) return false;
    m.head_print = io::checksum64(edges->head);
    m.tail_print = io::checksum64(edges->tail);
    return true;
}

uint64_t get64(const std::string& in, size_t at) {
    uint64_t v;
    std::memcpy(&v, in.data() + at, 8);
    return v;
}
uint32_t get32(const std::string& in, size_t at) {
    uint32_t v;
    std::memcpy(&v, in.data() + at, 4);
    return v;
}

size_t blocks_of(uint64_t entries) {
    return static_cast<size_t>((entries + kBlockEntries - 1) / kBlockEntries);
}

std::string serialize(Kind kind, const Meta& meta,
                      const std::vector<std::vector<Entry>>& sections) {
    std::string out(kMagic, sizeof kMagic);
    put32(out, kVersion);
    put32(out, static_cast<uint32_t>(kind));
    for (uint64_t f : meta.fields()) put64(out, f);
    put64(out, sections.size());
    size_t header = kFixedHeader + sections.size() * 24 + 8;
    for (const auto& s : sections) header += blocks_of(s.size()) * 16;
    uint64_t data = header;
    for (const auto& s : sections) {
        put64(out, s.size());
        put64(out, blocks_of(s.size()));
        put64(out, data);
        data += s.size() * sizeof(Entry);
    }
    for (const auto& s : sections) {
        for (size_t b = 0; b < blocks_of(s.size()); ++b) {
            const size_t first = b * kBlockEntries, n = std::min(kBlockEntries, s.size() - first);
            put64(out, s[first].hash);
            put64(out, io::checksum64(std::string_view(
                           reinterpret_cast<const char*>(s.data() + first), n * sizeof(Entry))));
        }
    }
    put64(out, io::checksum64(out));
    out.reserve(static_cast<size_t>(data));
    for (const auto& s : sections)
        out.append(reinterpret_cast<const char*>(s.data()), s.size() * sizeof(Entry));
    return out;
}

}  // namespace index
}  // namespace revisit
