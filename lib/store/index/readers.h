#pragma once
// The records of each journal read through a view (view.h): only those its index points at
// for the keys asked for, each checked to carry its key. Internal to lib/store/index.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "complaint/complaint.h"
#include "model/contact.h"
#include "model/contact_edit.h"
#include "model/customer.h"
#include "model/customer_csv.h"
#include "store/index/view.h"

namespace revisit::index {

// Records of customers.csv read through a view, kept by offset (journal order).
class CustomerReader {
  public:
    explicit CustomerReader(const View& v);

    // Reads every record of customer `id`; false when there is none.
    bool load_id(const std::string& id);
    // Ids of every record that set phone `phone`.
    std::vector<std::string> ids_with_phone(const std::string& phone);
    // The customers unknown_customer_message() could name for `typed`: a scan of the journal.
    std::vector<std::string> hint_candidates(const std::string& typed);
    // The records read so far, in journal order.
    std::vector<CustomerRecord> records() const;

  private:
    CustomerRecord at(const Entry& e) const;

    const View& v_;
    CustomerColumns columns_;
    std::map<uint64_t, CustomerRecord> records_;
    std::set<std::string> loaded_, found_;
};

// `records` folded into a book whose next_id() is that of the whole journal of `v`.
CustomerBook fold(const std::vector<CustomerRecord>& records, const View& v);

// Records of contacts.csv read through a view.
class ContactReader {
  public:
    explicit ContactReader(const View& v);

    ContactRecord at(const Entry& e) const;
    // The first record that amends record `id`, if any.
    std::optional<std::pair<uint64_t, ContactRecord>> amended_by(const std::string& id) const;
    // Every record of customer `id` (amended and amending ones included) with its offset, in
    // journal order.
    std::vector<std::pair<uint64_t, ContactRecord>> of_customer(const std::string& id) const;
    // Record `id`, read forward from the checkpoint before it (ids K<n> increase through the
    // journal).
    std::optional<ContactRecord> record(const std::string& id) const;
    // find_amend_target() over the whole journal, for one whose ids do not increase.
    AmendTarget scan_for(const std::string& id) const;

  private:
    const View& v_;
    ContactColumns columns_;
};

// Events of complaints.csv read through a view, each read once, kept by offset (journal order).
class ComplaintReader {
  public:
    explicit ComplaintReader(const View& v);

    // Adds to `ids` the complaints with an event whose customer (or subject, by `section`)
    // is `key`.
    void complaints_with(size_t section, const std::string& key, std::set<std::string>& ids);
    // Reads every event of complaint `id`.
    void load_complaint(const std::string& id) { find(kByComplaint, id); }
    std::vector<ComplaintEvent> events() const;

  private:
    static const std::string& key_of(size_t section, const ComplaintEvent& e);
    // The entries of `section` for `key` whose event carries it; each event read once.
    std::vector<Entry> find(size_t section, const std::string& key);

    const View& v_;
    ComplaintColumns columns_;
    std::map<uint64_t, ComplaintEvent> events_;
};

}  // namespace revisit::index
