#include "store/index/builder.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>

#include "store/index/lookup.h"
#include "store/io/atomic_file.h"

namespace revisit::index {
namespace {

uint32_t line32(int line) { return static_cast<uint32_t>(std::max(line, 0)); }

}  // namespace

uint64_t generated_number(const std::string& id) {
    if (id.size() < 7 || id.size() > 10 || id[0] != 'C' ||
        id.find_first_not_of("0123456789", 1) != std::string::npos)
        return 0;
    return std::stoull(id.substr(1));
}

uint32_t contact_number(std::string_view id) { return id_number(id, 'K'); }

uint32_t id_number(std::string_view id, char prefix) {
    if (id.size() < 2 || id.size() > 10 || id[0] != prefix) return 0;
    uint32_t n = 0;
    for (char c : id.substr(1)) {
        if (c < '0' || c > '9') return 0;
        n = n * 10 + static_cast<uint32_t>(c - '0');
    }
    return n;
}

Builder::Builder(Kind kind, const CsvJournal& j, const Meta& start)
    : kind_(kind), journal_(j), meta(start) {
    entries.resize(section_count(kind));
    if (kind == Kind::Customers) {
        customer_columns_ = CustomerColumns::from_header(j.header(), j.path());
        const auto& names = customer_columns();
        id_ = column_of(customer_columns_.index, names, "id");
        op_ = column_of(customer_columns_.index, names, "op");
        phone_ = column_of(customer_columns_.index, names, "phone");
    } else if (kind == Kind::Complaints) {
        complaint_columns_ = ComplaintColumns::from_header(j.header(), j.path());
        const auto& names = complaint_columns();
        id_ = column_of(complaint_columns_.index, names, "complaint");
        customer_ = column_of(complaint_columns_.index, names, "customer");
        subject_ = column_of(complaint_columns_.index, names, "subject");
        set_ = column_of(complaint_columns_.index, names, "set");
    } else {
        contact_columns_ = ContactColumns::from_header(j.header(), j.path());
        const auto& names = contact_columns();
        id_ = column_of(contact_columns_.index, names, "id");
        customer_ = column_of(contact_columns_.index, names, "customer");
        set_ = column_of(contact_columns_.index, names, "set");
        amends_ = column_of(contact_columns_.index, names, "amends");
    }
}

void Builder::add(const CsvRecord& r, uint64_t offset) {
    const auto& f = r.fields;
    const uint32_t line = line32(r.line);
    if (kind_ == Kind::Customers) {
        if (f.size() != customer_columns_.width)
            customer_from_record(customer_columns_, r, journal_.path());
        entries[kById].push_back({index_key_hash(f[id_]), line, offset});
        if (!f[phone_].empty())
            entries[kByPhone].push_back({index_key_hash(f[phone_]), line, offset});
        if (f[op_] == "add")
            meta.max_generated = std::max(meta.max_generated, generated_number(f[id_]));
    } else if (kind_ == Kind::Complaints) {
        if (f.size() != complaint_columns_.width)
            complaint_event_from_record(complaint_columns_, r, journal_.path());
        entries[kByComplaint].push_back({index_key_hash(f[id_]), line, offset});
        entries[kByComplaintCustomer].push_back({index_key_hash(f[customer_]), line, offset});
        if (!f[subject_].empty())
            entries[kBySubject].push_back({index_key_hash(f[subject_]), line, offset});
        if (!f[set_].empty() && !parse_key_values(f[set_]).empty()) ++meta.set_records;
        meta.max_generated = std::max<uint64_t>(meta.max_generated, id_number(f[id_], 'P'));
    } else {
        if (f.size() != contact_columns_.width)
            contact_from_record(contact_columns_, r, journal_.path());
        entries[kByCustomer].push_back({index_key_hash(f[customer_]), line, offset});
        if (!f[set_].empty()) ++meta.set_records;
        if (!f[amends_].empty())
            entries[kByAmended].push_back({index_key_hash(f[amends_]), line, offset});
        const uint32_t n = contact_number(f[id_]);
        meta.max_generated = std::max<uint64_t>(meta.max_generated, n);
        if (n == 0 || n <= meta.last_number) meta.monotonic = 0;
        meta.last_number = n;
        if (meta.monotonic && meta.records % kCheckpointEvery == 0)
            entries[kCheckpoint].push_back({n, line, offset});
    }
    ++meta.records;
}

void persist(const DataDir& dir, Kind kind, const std::string& content) noexcept {
    try {
        const std::string cache = dir.file(".cache");
        if (io::make_dir(cache) != 0 && errno != EEXIST) return;
        struct stat st {};
        if (::lstat(cache.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return;
        io::write_file_atomic(dir.file(index_name(kind)), content);
    } catch (...) {
    }
}

}  // namespace revisit::index
