#pragma once
// complaints.csv in a data directory: reading it (checked: every event must fit the
// complaint it belongs to) and appending one event. Callers hold a DirLock.

#include <vector>

#include "complaint/complaint.h"
#include "complaint/complaint_book.h"
#include "store/data_dir.h"

namespace revisit {

// Every event of complaints.csv in file order (none when the file is missing). Throws
// Error with file:line for a malformed row or an event that does not fit (a close of an
// unknown complaint ...).
std::vector<ComplaintEvent> load_complaint_events(const DataDir& dir);

// The complaints as they stand now.
ComplaintBook load_complaints(const DataDir& dir);

// Appends one event. Caller holds lock_exclusive() and made the event with
// make_open_event()/make_change_event() against what it loaded under that lock.
// `with`: files replaced with it (the id counter of next_record_id() for an open).
void append_complaint_event(const DataDir& dir, const ComplaintEvent& event,
                            const std::vector<FileUpdate>& with = {});

}  // namespace revisit
