// lookup_customer_state(): one customer folded from the three journals through their
// indexes (lookup.h). Kept apart from the other lookups: it follows the fold of the journals.
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

CustomerBook lookup_customer_state(const DataDir& dir, const std::string& id,
                                   const ComplaintLookup& complaints, const IndexOptions& options) {
    std::vector<CustomerRecord> records;
    bool exists = false;
    CustomerBook hints = with_view(dir, Kind::Customers, options, [&](const View& v) {
        CustomerReader reader(v);
        exists = reader.load_id(id);
        if (!exists)
            for (const auto& candidate : reader.hint_candidates(id)) reader.load_id(candidate);
        records = reader.records();
        return exists ? CustomerBook() : fold(records, v);
    });
    if (!exists) return hints;
    // The one fold (journal/fold.h): its customers.csv records in file order, the attribute
    // changes of its contacts (corrected ones left out by the index), its complaint changes.
    CustomerBook book = fold_customer_records(records, dir.file(kCustomersFile));
    Customer& c = book.at(static_cast<size_t>(book.index_of(id)));
    with_view(dir, Kind::Contacts, options, [&](const View& v) {
        ContactReader reader(v);
        for (const auto& r : reader.changes_of(id)) apply_contact_changes(c, r);
        return 0;
    });
    for (const auto& r : complaint_customer_records(complaints.events))
        if (r.id == id) apply_complaint_change(c, r);
    return book;
}

}  // namespace revisit
