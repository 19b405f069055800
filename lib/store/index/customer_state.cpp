// lookup_customer_journal(): one customer folded from the three journals through their
// indexes (lookup.h). Kept apart from the other lookups: it follows the fold of the journals.
#include <algorithm>
#include <map>
#include <set>

#include "journal/fold.h"
#include "model/contact.h"
#include "model/customer_csv.h"
#include "store/index/lookup.h"
#include "store/index/readers.h"
#include "store/index/view.h"
#include "store/store.h"

namespace revisit {

using index::ContactReader;
using index::CustomerReader;
using index::fold;
using index::Kind;
using index::View;
using index::with_view;

namespace {

// The contacts of customer `id` by offset, with every record (of any customer) that amends
// one of them; and the ids of those amended.
struct CustomerContacts {
    std::map<uint64_t, ContactRecord> records;
    std::set<std::string> amended;
};

CustomerContacts contacts_of(const DataDir& dir, const std::string& id,
                             const IndexOptions& options) {
    return with_view(dir, Kind::Contacts, options, [&](const View& v) {
        ContactReader reader(v);
        CustomerContacts out;
        for (auto& [offset, r] : reader.of_customer(id)) out.records.emplace(offset, std::move(r));
        std::vector<std::string> own;
        for (const auto& [offset, r] : out.records) own.push_back(r.id);
        for (const auto& record_id : own) {
            auto by = reader.amended_by(record_id);
            if (!by) continue;
            out.amended.insert(record_id);
            out.records.emplace(by->first, std::move(by->second));
        }
        return out;
    });
}

}  // namespace

CustomerJournal lookup_customer_journal(const DataDir& dir, const std::string& id,
                                        const ComplaintLookup& complaints,
                                        const IndexOptions& options) {
    CustomerJournal out;
    CustomerBook hints = with_view(dir, Kind::Customers, options, [&](const View& v) {
        CustomerReader reader(v);
        out.found = reader.load_id(id);
        if (!out.found)
            for (const auto& candidate : reader.hint_candidates(id)) reader.load_id(candidate);
        out.records = reader.records();
        return out.found ? CustomerBook() : fold(out.records, v);
    });
    if (!out.found) {
        out.book = std::move(hints);
        out.records.clear();
        return out;
    }
    // The one fold (journal/fold.h): its customers.csv records in file order, the attribute
    // changes of its effective contacts, its complaint changes.
    out.book = fold_customer_records(out.records, dir.file(kCustomersFile));
    Customer& c = out.book.at(static_cast<size_t>(out.book.index_of(id)));
    CustomerContacts contacts = contacts_of(dir, id, options);
    for (auto& [offset, r] : contacts.records) {
        if (r.customer == id && !contacts.amended.count(r.id)) apply_contact_changes(c, r);
        out.contacts.push_back(std::move(r));
    }
    for (const auto& r : complaint_customer_records(complaints.events))
        if (r.id == id) apply_complaint_change(c, r);
    return out;
}

CustomerBook lookup_customer_state(const DataDir& dir, const std::string& id,
                                   const ComplaintLookup& complaints, const IndexOptions& options) {
    return lookup_customer_journal(dir, id, complaints, options).book;
}

}  // namespace revisit
