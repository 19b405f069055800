#include "store/index/lookup.h"

#include <algorithm>
#include <optional>
#include <set>

#include "store/index/readers.h"
#include "store/index/view.h"

namespace revisit {

using index::ComplaintReader;
using index::ContactReader;
using index::CustomerReader;
using index::Kind;
using index::View;
using index::with_view;

CustomerBook lookup_customers(const DataDir& dir, const CustomerKeys& keys,
                              const IndexOptions& options) {
    return with_view(dir, Kind::Customers, options, [&](const View& v) {
        CustomerReader reader(v);
        std::vector<std::string> missing;
        for (const auto& id : keys.ids)
            if (!reader.load_id(id)) missing.push_back(id);
        for (const auto& phone : keys.phones)
            for (const auto& id : reader.ids_with_phone(phone)) reader.load_id(id);
        if (keys.hint_missing)
            for (const auto& id : missing)
                for (const auto& candidate : reader.hint_candidates(id)) reader.load_id(candidate);
        return index::fold(reader.records(), v);
    });
}

ComplaintLookup::ComplaintLookup(std::vector<ComplaintEvent> all) : events(std::move(all)) {
    any_set = std::any_of(events.begin(), events.end(),
                          [](const ComplaintEvent& e) { return !e.set.empty(); });
}

ComplaintLookup lookup_complaints(const DataDir& dir, const ComplaintKeys& keys,
                                  const IndexOptions& options) {
    return with_view(dir, Kind::Complaints, options, [&](const View& v) {
        ComplaintReader reader(v);
        std::set<std::string> ids(keys.complaints.begin(), keys.complaints.end());
        for (const auto& customer : keys.customers)
            reader.complaints_with(index::kByComplaintCustomer, customer, ids);
        for (const auto& subject : keys.subjects)
            if (!subject.empty()) reader.complaints_with(index::kBySubject, subject, ids);
        for (const auto& id : ids) reader.load_complaint(id);
        ComplaintLookup found;
        // Events read for a customer or subject they do not carry (a hash collision) are not
        // asked for.
        for (auto& e : reader.events())
            if (ids.count(e.complaint)) found.events.push_back(std::move(e));
        found.any_set = v.meta.set_records > 0;
        return found;
    });
}

namespace {
std::optional<Kind> kind_of(const std::string& file) {
    for (const Kind k : {Kind::Customers, Kind::Contacts, Kind::Complaints})
        if (file == index::journal_name(k)) return k;
    return std::nullopt;
}
const IndexOptions& options_of(Kind kind) {
    static const IndexOptions standard;
    return kind == Kind::Complaints ? kComplaintIndexOptions : standard;
}
}  // namespace

uint64_t highest_record_number(const DataDir& dir, const std::string& file) {
    const std::optional<Kind> kind = kind_of(file);
    if (!kind || *kind == Kind::Customers) return 0;
    return with_view(dir, *kind, options_of(*kind),
                     [](const View& v) { return v.meta.max_generated; });
}

void refresh_indexes(const DataDir& dir, const std::vector<std::string>& journals) {
    for (const auto& file : journals) {
        const std::optional<Kind> kind = kind_of(file);
        if (!kind) continue;
        try {
            // Only an index the writer would extend: else the writer would scan the tail twice.
            const DataDir view = dir.snapshot({file}, {index::index_name(*kind)});
            index::open_view(view, *kind, options_of(*kind), false, true);
        } catch (...) {  // a damaged index, a malformed journal: the writer meets it, locked
        }
    }
}

AmendTarget lookup_amend_target(const DataDir& dir, const std::string& record_id,
                                const IndexOptions& options) {
    return with_view(dir, Kind::Contacts, options, [&](const View& v) {
        ContactReader reader(v);
        if (!v.meta.monotonic) return reader.scan_for(record_id);
        AmendTarget target;
        target.id = record_id;
        target.original = reader.record(record_id);
        if (auto by = reader.amended_by(record_id)) target.amended_by = by->second.id;
        return target;
    });
}

}  // namespace revisit
