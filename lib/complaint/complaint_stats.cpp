#include "complaint/complaint_stats.h"

#include <algorithm>

namespace revisit {

int days_overdue(const Complaint& c, Date today) {
    if (c.status != ComplaintStatus::Open || today <= c.deadline.day()) return 0;
    return static_cast<int>(today - c.deadline.day());
}

bool deadline_provisional(const Complaint& c, const WorkingCalendar& calendar) {
    return !calendar.years().empty() && !calendar.covers(c.deadline.day());
}

std::vector<const Complaint*> select_complaints(const ComplaintBook& book, const ComplaintFilter& f,
                                                Date today) {
    std::vector<const Complaint*> out;
    for (const auto& c : book.all()) {
        if (f.open_only && c.status != ComplaintStatus::Open) continue;
        if (f.overdue_only && days_overdue(c, today) == 0) continue;
        if (!f.owner.empty() && c.owner != f.owner) continue;
        if (!f.department.empty() && std::find(c.departments.begin(), c.departments.end(),
                                               f.department) == c.departments.end())
            continue;
        out.push_back(&c);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Complaint* a, const Complaint* b) { return a->opened < b->opened; });
    return out;
}

namespace {

// Counts keyed in first-seen order, starting from the declared keys (count 0).
class Tally {
  public:
    void declare(const std::string& key, const std::string& label) { find(key, label); }
    void add(const std::string& key) { ++find(key, key).count; }
    std::vector<ComplaintCount> rows() const { return rows_; }

  private:
    ComplaintCount& find(const std::string& key, const std::string& label) {
        for (auto& r : rows_)
            if (r.key == key) return r;
        rows_.push_back({key, label, 0});
        return rows_.back();
    }
    std::vector<ComplaintCount> rows_;
};

std::optional<double> median(std::vector<int> values) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

}  // namespace

ComplaintStats complaint_stats(const ComplaintPolicy& policy, const WorkingCalendar& calendar,
                               const ComplaintBook& book, Date from, Date to, Date today) {
    ComplaintStats s;
    s.from = from;
    s.to = to;
    Tally category, department, source, severity, satisfaction;
    for (const auto& c : policy.categories) category.declare(c.id, c.label);
    for (const auto& d : policy.departments) department.declare(d, d);
    for (const auto& src : policy.sources) source.declare(src, src);
    for (const auto& sev : policy.severities) severity.declare(sev.id, sev.label);
    for (const auto& level : satisfaction_levels()) satisfaction.declare(level, level);
    std::vector<int> days_to_resolve;
    for (const auto& c : book.all()) {
        const Date opened = c.opened.date();
        if (opened < from || opened > to) continue;
        ++s.total;
        if (c.is_repeat()) ++s.repeats;
        if (!c.escalated_to.empty()) ++s.escalated;
        switch (c.status) {
            case ComplaintStatus::Open:
                ++s.open;
                break;
            case ComplaintStatus::Resolved:
                ++s.resolved;
                break;
            case ComplaintStatus::Closed:
                ++s.closed;
                if (!c.satisfaction.empty()) satisfaction.add(c.satisfaction);
                break;
        }
        if (c.first_resolved) {
            ++(c.first_deadline.met_by(*c.first_resolved) ? s.on_time : s.late);
            days_to_resolve.push_back(
                calendar.working_days_between(opened, c.first_resolved->date()));
        } else if (today > c.first_deadline.day()) {
            ++s.overdue;
        }
        category.add(c.category);
        for (const auto& d : c.departments) department.add(d);
        source.add(c.source);
        severity.add(c.severity);
    }
    const int judged = s.on_time + s.late + s.overdue;
    if (judged > 0) s.on_time_rate = static_cast<double>(s.on_time) / judged;
    s.median_days_to_resolve = median(days_to_resolve);
    s.by_category = category.rows();
    s.by_department = department.rows();
    s.by_source = source.rows();
    s.by_severity = severity.rows();
    s.by_satisfaction = satisfaction.rows();
    return s;
}

}  // namespace revisit
