#pragma once
// Complaints on the morning call list: an open complaint comes up for a follow-up
// `follow_up_before` its deadline; a resolved one for the satisfaction revisit
// `satisfaction_revisit_after` its resolution, until it is closed (S2-complaint).
// Pure: the result goes to due_items(..., extra) in schedule/due.h.

#include <vector>

#include "calendar/working_calendar.h"
#include "complaint/complaint.h"
#include "complaint/complaint_book.h"
#include "policy/policy.h"
#include "schedule/due.h"

namespace revisit {

// Reasons by customer id for `today`, from the book as it stood at the end of `today`
// (later events are left out). Each reason's rule_id is the complaint id; priority is
// the policy's base priority plus the severity's and, for a repeat, repeat_priority.
// Precondition: `events` fold without error (the store checked them).
ExtraReasons complaint_due_reasons(const Policy& policy, const WorkingCalendar& calendar,
                                   const std::vector<ComplaintEvent>& events, Date today);

// The same for an already folded book.
ExtraReasons complaint_due_reasons(const Policy& policy, const WorkingCalendar& calendar,
                                   const ComplaintBook& book, Date today);

// The day an open complaint first appears on the list: follow_up_before ahead of its
// deadline, but not before it was opened.
Date follow_up_from(const ComplaintPolicy& policy, const WorkingCalendar& calendar,
                    const Complaint& c);

// Priority of a complaint's lines on the call list.
int complaint_priority(const ComplaintPolicy& policy, const Complaint& c);

}  // namespace revisit
