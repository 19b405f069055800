#include "complaint/complaint_due.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/text.h"

namespace revisit {

namespace {

std::string cite(const std::string& clause) { return clause.empty() ? "" : " [" + clause + "]"; }

std::string channel_for(const Policy& policy) {
    if (!policy.complaints.channel.empty()) return policy.complaints.channel;
    if (policy.channel("phone") || policy.channels.empty()) return "phone";
    return policy.channels.front().id;
}

std::string first_of(const std::string& a, const std::string& b) { return a.empty() ? b : a; }

void finish(DueReason& r, Date due_by, Date today) {
    r.due_by = due_by;
    r.days_overdue = today > due_by ? static_cast<int>(today - due_by) : 0;
    r.explain.push_back(r.days_overdue > 0 ? fmt::format("due by {}: {} day(s) overdue",
                                                         due_by.str(), r.days_overdue)
                                           : fmt::format("due by {}", due_by.str()));
}

// The lines every reason of a complaint starts with.
DueReason base(const Policy& policy, const Complaint& c) {
    const ComplaintPolicy& cp = policy.complaints;
    DueReason r;
    r.rule_id = c.id;
    r.channel = channel_for(policy);
    r.priority = complaint_priority(cp, c);
    r.explain.push_back(fmt::format(
        "complaint {} ({}) about {} opened {}; first-contact owner {}{}", c.id, c.category,
        c.subject.empty() ? c.customer : c.subject, c.opened.str(), c.owner, cite(cp.clause)));
    if (!c.escalated_to.empty())
        r.explain.push_back(fmt::format("{}: escalated to {}", c.severity, c.escalated_to));
    if (c.in_repeat_group()) {
        std::vector<std::string> links;
        if (!c.repeat_of.empty()) links.push_back("repeats " + join(c.repeat_of, ", "));
        if (!c.repeated_by.empty()) links.push_back("repeated by " + join(c.repeated_by, ", "));
        r.explain.push_back(fmt::format("{}{}: priority +{}", join(links, "; "),
                                        cite(cp.repeat_clause), cp.repeat_priority));
    }
    return r;
}

void follow_up(const Policy& policy, const WorkingCalendar& calendar, const Complaint& c,
               Date today, std::vector<DueReason>& out) {
    const ComplaintPolicy& cp = policy.complaints;
    const Date from = follow_up_from(cp, calendar, c);
    if (today < from) return;
    const ComplaintCategory* category = cp.category(c.category);
    DueReason r = base(policy, c);
    r.clause = first_of(category ? category->clause : "", cp.clause);
    r.reason = fmt::format("投诉跟进 {}：{}，{}处理中，{}前向客户反馈处理结果（首问负责人：{}）",
                           c.id, category ? category->label : c.category, join(c.departments, "、"),
                           c.deadline.str(), c.owner);
    if (c.in_repeat_group()) r.reason += "；重复投诉，重点处理";
    if (!c.escalated_to.empty()) r.reason += "；已上报" + c.escalated_to;
    r.explain.push_back(fmt::format("routed to {}; result due by {}{}", join(c.departments, ", "),
                                    c.deadline.str(), c.reopened ? " (reopened)" : ""));
    r.explain.push_back(fmt::format("on the list from {} ({} before the deadline)", from.str(),
                                    cp.follow_up_before.str()));
    finish(r, c.deadline.day(), today);
    out.push_back(std::move(r));
}

void satisfaction_revisit(const Policy& policy, const WorkingCalendar& calendar, const Complaint& c,
                          Date today, std::vector<DueReason>& out) {
    const ComplaintPolicy& cp = policy.complaints;
    if (!cp.satisfaction_revisit_after || !c.resolved) return;
    const Date from =
        add_complaint_span(*c.resolved, *cp.satisfaction_revisit_after, calendar).date();
    if (today < from) return;
    const ComplaintCategory* category = cp.category(c.category);
    DueReason r = base(policy, c);
    r.clause =
        first_of(cp.satisfaction_clause, first_of(category ? category->clause : "", cp.clause));
    r.reason = fmt::format("投诉处理满意度回访 {}：{}，处理结果：{}", c.id,
                           category ? category->label : c.category, c.resolution);
    r.explain.push_back(
        fmt::format("resolved {}; satisfaction revisit {} after, from {}; record it with "
                    "revisit complaint close {} --satisfaction ...",
                    c.resolved->str(), cp.satisfaction_revisit_after->str(), from.str(), c.id));
    finish(r, from, today);
    out.push_back(std::move(r));
}

}  // namespace

int complaint_priority(const ComplaintPolicy& policy, const Complaint& c) {
    int p = policy.priority;
    if (const ComplaintSeverity* s = policy.severity(c.severity)) p += s->priority;
    if (c.in_repeat_group()) p += policy.repeat_priority;
    return p;
}

Date follow_up_from(const ComplaintPolicy& policy, const WorkingCalendar& calendar,
                    const Complaint& c) {
    Span back = policy.follow_up_before;
    back.amount = -back.amount;
    // An hour span counts back from the deadline's last minute; a day span from its day.
    const DateTime end = c.deadline.timed || back.unit != Span::Unit::Hours
                             ? c.deadline.at
                             : DateTime::at(c.deadline.day().add_days(1));
    return std::max(add_complaint_span(end, back, calendar).date(), c.opened.date());
}

ExtraReasons complaint_due_reasons(const Policy& policy, const WorkingCalendar& calendar,
                                   const ComplaintBook& book, Date today) {
    ExtraReasons out;
    if (!policy.complaints.enabled) return out;
    for (const auto& c : book.all()) {
        std::vector<DueReason> reasons;
        if (c.status == ComplaintStatus::Open)
            follow_up(policy, calendar, c, today, reasons);
        else if (c.status == ComplaintStatus::Resolved)
            satisfaction_revisit(policy, calendar, c, today, reasons);
        for (auto& r : reasons) out[c.customer].push_back(std::move(r));
    }
    return out;
}

ExtraReasons complaint_due_reasons(const Policy& policy, const WorkingCalendar& calendar,
                                   const std::vector<ComplaintEvent>& events, Date today) {
    const ComplaintBook book =
        fold_complaints(events, "complaints.csv", DateTime::at(today).add_minutes(1439));
    return complaint_due_reasons(policy, calendar, book, today);
}

}  // namespace revisit
