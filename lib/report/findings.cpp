#include "report/findings.h"

#include <algorithm>
#include <tuple>

namespace revisit {

namespace {

// Departments in the order the rules file first names them.
std::vector<std::string> department_order(const Policy& policy) {
    std::vector<std::string> out;
    for (const auto& k : policy.findings.kinds)
        for (const auto& d : k.departments)
            if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
    out.push_back(kUnroutedDepartment);
    return out;
}

}  // namespace

bool finding_in_period(const ContactRecord& r, Date from, Date to) {
    return !r.finding.empty() && r.at.date() >= from && r.at.date() <= to;
}

std::vector<RoutedFinding> route_findings(const Policy& policy, const CustomerBook& book,
                                          const std::vector<ContactRecord>& contacts, Date from,
                                          Date to) {
    std::vector<RoutedFinding> out;
    for (const auto& r : contacts) {
        if (!finding_in_period(r, from, to)) continue;
        RoutedFinding f;
        f.kind = r.finding;
        f.at = r.at;
        f.contact_id = r.id;
        f.customer_id = r.customer;
        if (const Customer* c = book.find(r.customer)) f.customer_name = c->name;
        f.staff = r.staff;
        f.note = r.finding_note;
        const FindingKind* kind = policy.findings.kind(r.finding);
        if (kind) {
            f.label = kind->label;
            f.clause = kind->clause;
        }
        const std::vector<std::string> departments =
            kind ? kind->departments : std::vector<std::string>{kUnroutedDepartment};
        for (const auto& d : departments) {
            f.department = d;
            out.push_back(f);
        }
    }
    const std::vector<std::string> order = department_order(policy);
    auto rank = [&](const std::string& d) {
        return std::find(order.begin(), order.end(), d) - order.begin();
    };
    std::stable_sort(out.begin(), out.end(), [&](const RoutedFinding& a, const RoutedFinding& b) {
        return std::make_tuple(rank(a.department), a.at, a.contact_id) <
               std::make_tuple(rank(b.department), b.at, b.contact_id);
    });
    return out;
}

std::vector<std::pair<std::string, int>> count_by_department(
    const std::vector<RoutedFinding>& rows) {
    std::vector<std::pair<std::string, int>> out;
    for (const auto& r : rows) {
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const auto& p) { return p.first == r.department; });
        if (it == out.end())
            out.emplace_back(r.department, 1);
        else
            ++it->second;
    }
    return out;
}

}  // namespace revisit
