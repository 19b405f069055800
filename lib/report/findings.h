#pragma once
// Findings routed to departments (S0.1-10: product quality -> 技术质检部; service ->
// 生产部 and 销售部): what each department should hear about from the revisits of a period.
// Pure: contacts in, rows out.

#include <string>
#include <utility>
#include <vector>

#include "model/contact.h"
#include "model/customer.h"
#include "policy/policy.h"

namespace revisit {

inline const char* const kUnroutedDepartment = "(unrouted)";

struct RoutedFinding {
    std::string department;   // kUnroutedDepartment when the rules file no longer knows the kind
    std::string kind, label;  // quality / 产品质量
    std::string clause;
    DateTime at;
    std::string contact_id, customer_id, customer_name, staff, note;
};

// Whether contact `r` reports a finding on a day of [from, to]: the contacts route_findings()
// reads (a reader of the journal keeps only these).
bool finding_in_period(const ContactRecord& r, Date from, Date to);

// One row per (finding, department) for the effective contacts made in [from, to] (whole
// days): a finding routed to two departments appears under each. Ordered by department
// (in the order the rules file first names them, unrouted last), then time, then contact id.
std::vector<RoutedFinding> route_findings(const Policy& policy, const CustomerBook& book,
                                          const std::vector<ContactRecord>& contacts, Date from,
                                          Date to);

// Rows per department, in the order of `rows`.
std::vector<std::pair<std::string, int>> count_by_department(
    const std::vector<RoutedFinding>& rows);

}  // namespace revisit
