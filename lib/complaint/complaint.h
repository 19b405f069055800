#pragma once
// Complaint events as the journal complaints.csv records them (docs/complaints.md): one
// row per step of a complaint's life — open, update, resolve, close, reopen. The current
// state of each complaint is the fold of its events (complaint/complaint_book.h).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "csv/csv.h"
#include "model/customer.h"
#include "util/date.h"

namespace revisit {

enum class ComplaintEventKind { Open, Update, Resolve, Close, Reopen };

// "open", "update", "resolve", "close", "reopen".
std::string_view event_name(ComplaintEventKind kind);
std::optional<ComplaintEventKind> parse_event_name(std::string_view text);

// When a complaint's result is owed. Day-based deadlines (3wd, 2d) end with their day;
// hour-based ones (48h) at a minute.
struct Deadline {
    DateTime at;         // the day at 00:00 when !timed
    bool timed = false;  // true: due at `at`; false: due by the end of at.date()

    Date day() const { return at.date(); }
    DateTime end() const { return timed ? at : at.add_minutes(1439); }  // last minute it is met
    bool met_by(DateTime t) const { return t <= end(); }
    std::string str() const;  // "YYYY-MM-DD" or "YYYY-MM-DD HH:MM"
    static std::optional<Deadline> parse(std::string_view text);
    friend bool operator==(const Deadline&, const Deadline&) = default;
};

// One row of complaints.csv. Which fields an event fills is in docs/complaints.md.
struct ComplaintEvent {
    std::string id;  // event id: complaint id, "-", its event number (P000001-1 is the open)
    DateTime at;     // when it happened
    ComplaintEventKind kind = ComplaintEventKind::Open;
    std::string complaint;  // P000001
    std::string customer;
    std::string subject;   // open: what it is about when not the customer as a whole (a unit)
    std::string category;  // open
    std::string source;    // open: direct, superior ...
    std::string severity;  // open
    std::vector<std::string>
        departments;           // open: routed to; update: rerouted to (empty = unchanged)
    std::string staff;         // who recorded this step; on open, the first-contact owner for life
    std::string escalated_to;  // open: who decides a major complaint
    std::optional<Deadline> deadline;    // open and reopen: when the result is owed
    std::vector<std::string> repeat_of;  // open: earlier complaints this one repeats
    std::string satisfaction;            // close: satisfied, partly, unsatisfied
    std::string note;                    // open: summary; resolve: resolution; others: free text
    KeyValues set;                       // open: customer attributes changed (on_open_set)
    DateTime logged_at;                  // when it was entered
    int line = 0;                        // where it was read from; not written
};

const std::vector<std::string>& complaint_columns();
std::vector<std::string> complaint_event_fields(const ComplaintEvent& event);

// Where each column is in a complaints.csv header (names trimmed, the first of a name
// counts); throws Error at file:1 naming a missing column.
struct ComplaintColumns {
    std::vector<int> index;  // by position in complaint_columns()
    size_t width = 0;
    static ComplaintColumns from_header(const std::vector<std::string>& header,
                                        const std::string& file);
};
// One data row. Throws Error with file:line for a row whose field count differs from the
// header's, a bad time, date or event name.
ComplaintEvent complaint_event_from_record(const ComplaintColumns& columns, const CsvRecord& row,
                                           const std::string& file);

// Every row of complaints.csv text, in file order. Throws Error with file:line for a
// missing column, a bad time, date or event name.
std::vector<ComplaintEvent> parse_complaint_events(std::string_view text, const std::string& file);

// The attribute changes complaint events make (on_open_set), as customer "update" records,
// so that folding them with customers.csv gives the customer's state (S0.1-4).
std::vector<CustomerRecord> complaint_customer_records(const std::vector<ComplaintEvent>& events);

// The satisfaction levels `close` records, best first.
const std::vector<std::string>& satisfaction_levels();

}  // namespace revisit
