#pragma once
// Reading the complaint database back (S3-complaint 5.8 "analysis of the complaint
// database"): which complaints match a filter, and what a period's complaints add up to.
// Pure: no files, no clock; `today` is passed in.

#include <optional>
#include <string>
#include <vector>

#include "calendar/working_calendar.h"
#include "complaint/complaint_book.h"
#include "policy/policy.h"

namespace revisit {

// Days an open complaint is past its deadline on `today` (calendar days); 0 when it is
// not open or not late.
int days_overdue(const Complaint& c, Date today);

// True when the deadline in force falls in a year the calendar lists no holidays for: it was
// counted Monday to Friday and may move once the year's official calendar is imported.
// False with a calendar of no year at all (the rules file names none: weekends only).
bool deadline_provisional(const Complaint& c, const WorkingCalendar& calendar);

struct ComplaintFilter {
    bool open_only = false;     // status open (not yet resolved)
    bool overdue_only = false;  // open and past the deadline on `today`
    std::string department;     // routed there now
    std::string owner;          // first-contact owner
};

// The complaints `filter` keeps, in the order they were opened.
std::vector<const Complaint*> select_complaints(const ComplaintBook& book,
                                                const ComplaintFilter& filter, Date today);

struct ComplaintCount {
    std::string key;    // category id, department, source, severity or satisfaction level
    std::string label;  // the category's label; else the key
    int count = 0;
};

struct ComplaintStats {
    Date from, to;
    int total = 0;                           // opened in [from, to]
    int repeats = 0;                         // of those, flagged as repeats
    int escalated = 0;                       // escalated (major)
    int open = 0, resolved = 0, closed = 0;  // status now
    int on_time = 0;                         // first resolution met the deadline set when opened
    int late = 0;                            // first resolution after it
    int overdue = 0;                     // never resolved, and the deadline passed before `today`
    std::optional<double> on_time_rate;  // on_time / (on_time + late + overdue)
    std::optional<double> median_days_to_resolve;  // working days, opened -> first resolution
    std::vector<ComplaintCount> by_category;       // every declared category, in rules-file order
    std::vector<ComplaintCount> by_department;     // every declared department; a complaint
                                                   // routed to two counts in both
    std::vector<ComplaintCount> by_source;
    std::vector<ComplaintCount> by_severity;
    std::vector<ComplaintCount> by_satisfaction;  // closed complaints
};

// Complaints opened from `from` to `to` (inclusive), with every later event counted (the
// database as it is now). Categories, departments... no longer declared are appended.
ComplaintStats complaint_stats(const ComplaintPolicy& policy, const WorkingCalendar& calendar,
                               const ComplaintBook& book, Date from, Date to, Date today);

}  // namespace revisit
