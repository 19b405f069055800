#pragma once
// Building an index: journal records turned into entries and Meta (format.h), and the file
// written. Internal to lib/store/index.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "complaint/complaint.h"
#include "model/contact.h"
#include "model/customer_csv.h"
#include "store/data_dir.h"
#include "store/index/csv_journal.h"
#include "store/index/format.h"

namespace revisit::index {

// N of an added id C000N, counted as CustomerBook::apply counts generated ids; 0 for others.
uint64_t generated_number(const std::string& id);

// N of a contact id KN (1-9 digits); 0 for other ids.
uint32_t contact_number(std::string_view id);
// N of an id PREFIX N (1-9 digits: contacts K, complaints P); 0 for other ids.
uint32_t id_number(std::string_view id, char prefix);

// Turns journal records into entries and Meta.
class Builder {
  public:
    Builder(Kind kind, const CsvJournal& j, const Meta& start);

    // Record `r`, which starts at byte `offset`. Throws Error (file:line) for a malformed one.
    void add(const CsvRecord& r, uint64_t offset);

    Kind kind_;
    const CsvJournal& journal_;
    Meta meta;
    std::vector<std::vector<Entry>> entries;

  private:
    CustomerColumns customer_columns_;
    ContactColumns contact_columns_;
    ComplaintColumns complaint_columns_;
    size_t id_ = 0, op_ = 0, phone_ = 0, customer_ = 0, subject_ = 0, set_ = 0, amends_ = 0;
};

// Writes an index file; never fails the command: without a writable .cache it just is not kept.
void persist(const DataDir& dir, Kind kind, const std::string& content) noexcept;

}  // namespace revisit::index
