#include "store/index/readers.h"

#include <algorithm>
#include <climits>

#include "store/index/builder.h"
#include "util/text.h"

namespace revisit::index {

// --- customers ------------------------------------------------------------------------------

CustomerReader::CustomerReader(const View& v)
    : v_(v),
      columns_(v.journal->has_records()
                   ? CustomerColumns::from_header(v.journal->header(), v.journal->path())
                   : CustomerColumns{}) {}

bool CustomerReader::load_id(const std::string& id) {
    if (!v_.journal->has_records()) return false;
    if (!loaded_.insert(id).second) return found_.count(id) > 0;
    for (const Entry& e : v_.find(kById, index_key_hash(id))) {
        CustomerRecord r = at(e);
        if (index_key_hash(r.id) != e.hash) throw IndexDamaged{};
        if (r.id != id) continue;  // another id with the same hash
        records_.emplace(e.offset, std::move(r));
        found_.insert(id);
    }
    return found_.count(id) > 0;
}

std::vector<std::string> CustomerReader::ids_with_phone(const std::string& phone) {
    std::vector<std::string> ids;
    if (!v_.journal->has_records()) return ids;
    for (const Entry& e : v_.find(kByPhone, index_key_hash(phone))) {
        const CustomerRecord r = at(e);
        if (index_key_hash(r.phone) != e.hash) throw IndexDamaged{};
        if (r.phone == phone) ids.push_back(r.id);
    }
    return ids;
}

std::vector<std::string> CustomerReader::hint_candidates(const std::string& typed) {
    std::vector<std::string> out;
    const CsvJournal& j = *v_.journal;
    if (!j.has_records()) return out;
    const auto& names = customer_columns();
    const size_t id = column_of(columns_.index, names, "id"),
                 name = column_of(columns_.index, names, "name"),
                 phone = column_of(columns_.index, names, "phone");
    const std::string lower = to_lower_ascii(typed);
    std::set<std::string> seen;
    j.scan(j.data_start(), j.data_line(), [&](const CsvRecord& r, uint64_t) {
        const auto& f = r.fields;
        if (f.size() != columns_.width) customer_from_record(columns_, r, j.path());
        const bool close_id = edit_distance(to_lower_ascii(f[id]), lower) <= 2;
        const bool name_or_phone = f[name] == typed || f[phone] == typed ||
                                   (typed.size() >= 4 && f[phone].find(typed) != std::string::npos);
        if ((close_id || name_or_phone) && seen.insert(f[id]).second) out.push_back(f[id]);
        return true;
    });
    return out;
}

std::vector<CustomerRecord> CustomerReader::records() const {
    std::vector<CustomerRecord> out;
    out.reserve(records_.size());
    for (const auto& [offset, r] : records_) out.push_back(r);
    return out;
}

CustomerRecord CustomerReader::at(const Entry& e) const {
    return customer_from_record(columns_, v_.journal->record_at(e.offset, static_cast<int>(e.line)),
                                v_.journal->path());
}

CustomerBook fold(const std::vector<CustomerRecord>& records, const View& v) {
    CustomerBook book = fold_customer_records(records, v.journal->path());
    book.reserve_generated(static_cast<long>(std::min<uint64_t>(v.meta.max_generated, LONG_MAX)));
    return book;
}

// --- contacts -------------------------------------------------------------------------------

ContactReader::ContactReader(const View& v)
    : v_(v),
      columns_(v.journal->has_records()
                   ? ContactColumns::from_header(v.journal->header(), v.journal->path())
                   : ContactColumns{}) {}

ContactRecord ContactReader::at(const Entry& e) const {
    return contact_from_record(columns_, v_.journal->record_at(e.offset, static_cast<int>(e.line)),
                               v_.journal->path());
}

std::optional<std::pair<uint64_t, ContactRecord>> ContactReader::amended_by(
    const std::string& id) const {
    std::optional<std::pair<uint64_t, ContactRecord>> first;
    if (!v_.journal->has_records()) return first;
    for (const Entry& e : v_.find(kByAmended, index_key_hash(id))) {
        ContactRecord r = at(e);
        if (index_key_hash(r.amends) != e.hash) throw IndexDamaged{};
        if (r.amends == id && (!first || e.offset < first->first))
            first.emplace(e.offset, std::move(r));
    }
    return first;
}

std::vector<std::pair<uint64_t, ContactRecord>> ContactReader::of_customer(
    const std::string& id) const {
    std::vector<std::pair<uint64_t, ContactRecord>> found;
    if (!v_.journal->has_records()) return found;
    for (const Entry& e : v_.find(kByCustomer, index_key_hash(id))) {
        ContactRecord r = at(e);
        if (index_key_hash(r.customer) != e.hash) throw IndexDamaged{};
        if (r.customer == id) found.emplace_back(e.offset, std::move(r));
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return found;
}

std::optional<ContactRecord> ContactReader::record(const std::string& id) const {
    const uint32_t n = contact_number(id);
    if (n == 0 || !v_.journal->has_records()) return std::nullopt;
    const std::optional<Entry> from = v_.floor(kCheckpoint, n);
    if (!from) return std::nullopt;
    const size_t id_column = column_of(columns_.index, contact_columns(), "id");
    std::optional<ContactRecord> found;
    bool first = true;
    v_.journal->scan(
        from->offset, static_cast<int>(from->line),
        [&](const CsvRecord& r, uint64_t offset) {
            if (r.fields.size() != columns_.width)
                contact_from_record(columns_, r, v_.journal->path());
            const std::string& rid = r.fields[id_column];
            if (first && (offset != from->offset || contact_number(rid) != from->hash))
                throw IndexDamaged{};
            first = false;
            if (rid == id) {
                found = contact_from_record(columns_, r, v_.journal->path());
                return false;
            }
            return contact_number(rid) < n;
        },
        64 << 10);
    return found;
}

AmendTarget ContactReader::scan_for(const std::string& id) const {
    AmendTargetScan target(id, v_.journal->path());
    if (!v_.journal->has_records()) return target.target();
    target.feed(CsvRecord{v_.journal->header(), 1});
    v_.journal->scan(v_.journal->data_start(), v_.journal->data_line(),
                     [&](const CsvRecord& r, uint64_t) {
                         target.feed(r);
                         return true;
                     });
    return target.target();
}

// --- complaints -----------------------------------------------------------------------------

ComplaintReader::ComplaintReader(const View& v)
    : v_(v),
      columns_(v.journal->has_records()
                   ? ComplaintColumns::from_header(v.journal->header(), v.journal->path())
                   : ComplaintColumns{}) {}

void ComplaintReader::complaints_with(size_t section, const std::string& key,
                                      std::set<std::string>& ids) {
    for (const Entry& e : find(section, key)) ids.insert(events_.at(e.offset).complaint);
}

std::vector<ComplaintEvent> ComplaintReader::events() const {
    std::vector<ComplaintEvent> out;
    out.reserve(events_.size());
    for (const auto& [offset, e] : events_) out.push_back(e);
    return out;
}

const std::string& ComplaintReader::key_of(size_t section, const ComplaintEvent& e) {
    return section == kByComplaint           ? e.complaint
           : section == kByComplaintCustomer ? e.customer
                                             : e.subject;
}

std::vector<Entry> ComplaintReader::find(size_t section, const std::string& key) {
    std::vector<Entry> out;
    if (!v_.journal->has_records()) return out;
    for (const Entry& e : v_.find(section, index_key_hash(key))) {
        auto it = events_.find(e.offset);
        if (it == events_.end()) {
            const CsvRecord row = v_.journal->record_at(e.offset, static_cast<int>(e.line));
            ComplaintEvent event = complaint_event_from_record(columns_, row, v_.journal->path());
            it = events_.emplace(e.offset, std::move(event)).first;
        }
        const std::string& got = key_of(section, it->second);
        if (index_key_hash(got) != e.hash) throw IndexDamaged{};
        if (got == key) out.push_back(e);  // else another key with the same hash
    }
    return out;
}

}  // namespace revisit::index
