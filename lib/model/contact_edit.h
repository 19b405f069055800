#pragma once
// Validation of a contact as staff type it (`log-call`) against the rules file, and of a
// correction (`log-call --amend`) against the journal (docs/journal.md).

#include <optional>
#include <string>
#include <vector>

#include "model/contact.h"
#include "policy/policy.h"

namespace revisit {

struct ContactInput {
    std::string customer, channel, outcome, staff, note, signature;
    std::string promise;  // YYYY-MM-DD or +Nd (days after the contact)
    // "YYYY-MM-DD HH:MM", +Nd or +Nh (days or hours after the contact): the customer asked
    // to be called back then. Stored in the promise column (a contact holds one promise).
    std::string callback;
    std::string promise_note;  // the note of either
    std::string finding;       // a kind the rules file's `findings:` declares (S0.1-10)
    std::string finding_note;
    std::vector<std::string> set;  // key=value
    DateTime at;                   // when it happened
    DateTime now;                  // when it is entered; `at` may not be later (+10 minutes)
};

// A --promise as typed: YYYY-MM-DD, or +Nd (N of at most 3 digits: days after `from`);
// nullopt when it is neither. The message for one that is neither.
std::optional<Date> parse_promise(const std::string& text, Date from);
std::string promise_form_problem(const std::string& text);
// A --callback as typed: "YYYY-MM-DD HH:MM", or +Nd / +Nh (N of at most 3 digits: days or
// hours after `from`); nullopt when it is none of them (a date alone is not a time).
std::optional<DateTime> parse_callback(const std::string& text, DateTime from);
// The problems a command reports as usage errors (exit 2) before reading anything: a
// --promise or --callback of neither form, both given. make_contact_record reports them too.
std::vector<std::string> promise_form_problems(const ContactInput& input);

// The record to append (without its id), or `problems` saying everything that is wrong:
// missing customer, channel, outcome or staff; a customer, channel, outcome or finding the
// book or rules file does not know; a field the channel requires; a time in the future; a
// promise before the contact, a callback not after it or more than a year after it.
ContactRecord make_contact_record(const Policy& policy, const CustomerBook& book,
                                  const ContactInput& input, std::vector<std::string>& problems);

// What an amendment of record `id` needs from the journal, found in one pass.
struct AmendTarget {
    std::string id;
    std::optional<ContactRecord> original;  // nullopt: the journal has no such record
    std::string amended_by;                 // id of a record that already amends it, or ""
};
AmendTarget find_amend_target(const std::vector<ContactRecord>& journal, const std::string& id);

// The same, fed contacts.csv one CSV record at a time (the header first) as a journal read
// block by block delivers them: memory stays constant and only rows whose id or amends is
// `id` are decoded. Still a pass over the whole journal (no index yet).
class AmendTargetScan {
  public:
    AmendTargetScan(std::string id, std::string file);
    void feed(const CsvRecord& record);  // throws Error with file:line for a malformed row
    const AmendTarget& target() const { return target_; }

  private:
    AmendTarget target_;
    std::string file_;
    std::optional<ContactColumns> columns_;
    int id_column_ = -1, amends_column_ = -1;
};

// The fields of ContactInput a user can type, as `given` names them.
inline const std::vector<std::string> kContactInputFields{
    "customer", "at",           "channel", "outcome",      "staff", "note",    "signature",
    "promise",  "promise_note", "finding", "finding_note", "set",   "callback"};

// The correction of `target`: a copy of the original record in which each field named in
// `given` (names from kContactInputFields) is replaced by the typed value, validated like
// any contact, with `amends` set. The promise column is one field: a --promise or
// --callback given replaces the original's promise of either kind. Problems: no such record,
// already amended (naming the record that did), another customer, nothing changed.
ContactRecord make_amendment(const Policy& policy, const CustomerBook& book,
                             const AmendTarget& target, const ContactInput& typed,
                             const std::vector<std::string>& given,
                             std::vector<std::string>& problems);

}  // namespace revisit
