#pragma once
// A customer's contacts as scheduling sees them: the part of the fold (fold.h) that is not
// the Customer itself. Values only; the schedule cache saves them as they are.

#include <cstdint>
#include <string>
#include <vector>

#include "util/date.h"

namespace revisit {

// A contact reduced to what scheduling needs; a customer's list is sorted by time.
struct ContactFact {
    DateTime at;
    int16_t channel = -1;  // index into Policy::channels, -1 when unknown
    int16_t outcome = -1;  // index into Policy::outcomes
    uint32_t record = 0;   // N of the contact's id KN, 0 when it has another form
};

// A reply promised on a contact (S0.1-5, S0.2-4.2), or a callback the customer asked for,
// open until a later counting contact.
struct OpenPromise {
    DateTime made_at;
    Date due;
    std::string note;
    std::string contact_id;
    int16_t callback = -1;  // a callback: the minute of the day on `due`; -1: a reply by `due`
};

struct CustomerHistory {
    std::vector<ContactFact> contacts;  // oldest first once finished (fold.h finish_history)
    std::vector<OpenPromise> promises;  // not yet answered (callbacks too)
};

// N of a journal id such as K000042 (42); 0 when the id has another form.
uint32_t record_number(const std::string& id);

}  // namespace revisit
