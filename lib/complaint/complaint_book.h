#pragma once
// Complaints as they stand: the fold of complaints.csv events, oldest first. Also the
// rules every step must follow (transitions), when a result is owed (deadlines in
// working days or working hours), and which earlier complaints a new one repeats.
// Pure: no files, no clock.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "calendar/working_calendar.h"
#include "complaint/complaint.h"
#include "policy/policy.h"

namespace revisit {

enum class ComplaintStatus { Open, Resolved, Closed };
std::string_view status_name(ComplaintStatus status);  // "open", "resolved", "closed"

struct Complaint {
    std::string id, customer, subject, category, source, severity;
    std::vector<std::string> departments;  // where it is routed now
    std::string owner;  // first-contact owner (首问负责制): who took it; never changes
    std::string escalated_to;
    std::string summary;
    DateTime opened;
    Deadline first_deadline;  // set when opened
    Deadline deadline;        // in force: first_deadline, or the one set by the last reopen
    ComplaintStatus status = ComplaintStatus::Open;
    std::optional<DateTime> first_resolved;  // the first resolution, kept across reopens
    std::optional<DateTime> resolved;        // the resolution in force (resolved or closed)
    std::string resolution;
    std::optional<DateTime> closed;
    std::string satisfaction;              // recorded by the last close
    std::vector<std::string> repeat_of;    // earlier complaints this one repeats
    std::vector<std::string> repeated_by;  // later complaints that repeat this one
    int reopened = 0;
    int events = 0;
    DateTime last_at;  // time of its latest event

    bool is_repeat() const { return !repeat_of.empty(); }
    // A repeat, or repeated later: handled with priority (S0.2-4.3).
    bool in_repeat_group() const { return !repeat_of.empty() || !repeated_by.empty(); }
};

// Why `kind` cannot happen to `c` now ("complaint P000001 is already closed"), or "".
std::string transition_problem(const Complaint& c, ComplaintEventKind kind);

class ComplaintBook {
  public:
    // Applies one event. Returns "" or why it does not fit (unknown complaint, an id
    // opened twice, a transition transition_problem() refuses).
    std::string apply(const ComplaintEvent& event);

    const Complaint* find(const std::string& id) const;
    const std::vector<Complaint>& all() const { return complaints_; }
    std::vector<std::string> ids() const;
    // Id of the next event of complaint `id`: "P000001-3" after two events.
    std::string next_event_id(const std::string& id) const;

  private:
    std::vector<Complaint> complaints_;
    std::unordered_map<std::string, size_t> by_id_;
};

// Folds `events` in file order; with `until`, events after it are left out (the book as it
// stood then). Throws Error at file:line for an event that does not fit.
ComplaintBook fold_complaints(const std::vector<ComplaintEvent>& events, const std::string& file,
                              std::optional<DateTime> until = std::nullopt);

// `from` moved by `span` (negative amounts move back). Working days skip days off and count
// 调休 make-up days; hours count only hours of working days (the clock stops on days off,
// so 24h from a working day is the same time one working day later); d/w/m are calendar.
DateTime add_complaint_span(DateTime from, const Span& span, const WorkingCalendar& calendar);

// When the result of a complaint received at `from` is owed: the category's reply_within,
// or the severity's when that is earlier. Precondition: both ids exist in `policy`.
Deadline complaint_deadline(const ComplaintPolicy& policy, const WorkingCalendar& calendar,
                            const std::string& category, const std::string& severity,
                            DateTime from);

// Earlier complaints that a complaint about `customer`/`subject` in `category` at `at`
// repeats (S0.2-4.3): same category, opened at or before `at` and no longer ago than
// repeat_window (whole days, or hours for an hour window), about the same subject — the
// same `subject` when both name one, else the same customer — whatever department took
// them and whatever their status. Empty when the policy has no repeat_window.
std::vector<std::string> find_repeats(const ComplaintPolicy& policy,
                                      const WorkingCalendar& calendar, const ComplaintBook& book,
                                      const std::string& customer, const std::string& subject,
                                      const std::string& category, DateTime at);

}  // namespace revisit
