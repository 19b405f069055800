#include "complaint/complaint_edit.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/customer_edit.h"
#include "util/text.h"

namespace revisit {

namespace {

const char* const kNoSection =
    "the rules file has no \"complaints:\" section; add one to record complaints "
    "(docs/complaints.md)";

std::string cite(const std::string& clause) { return clause.empty() ? "" : " [" + clause + "]"; }

std::string unknown(const std::string& what, const std::string& value,
                    const std::vector<std::string>& allowed) {
    return fmt::format("unknown {} \"{}\"{}; allowed: {}", what, value,
                       did_you_mean(value, allowed), join(allowed, ", "));
}

void check_line(const std::string& what, const std::string& value,
                std::vector<std::string>& problems) {
    if (std::string p = text_field_problem(what, value, false); !p.empty()) problems.push_back(p);
}

// Free text (a summary, a note): may span lines.
void check_text(const std::string& what, const std::string& value,
                std::vector<std::string>& problems) {
    if (std::string p = text_field_problem(what, value, true); !p.empty()) problems.push_back(p);
}

void check_times(DateTime at, DateTime now, std::vector<std::string>& problems) {
    if (at > now.add_minutes(10))
        problems.push_back(fmt::format("--at {} is in the future (now {})", at.str(), now.str()));
}

// Declared departments, each once; problems for unknown ones.
std::vector<std::string> routing(const ComplaintPolicy& cp, const std::vector<std::string>& given,
                                 std::vector<std::string>& problems) {
    std::vector<std::string> out;
    for (const auto& raw : given) {
        const std::string d(trim(raw));
        if (!cp.has_department(d))
            problems.push_back(unknown("department", d, cp.departments));
        else if (std::find(out.begin(), out.end(), d) == out.end())
            out.push_back(d);
    }
    return out;
}

// Who took it, what about, what was said, when: the free-text fields of `open`.
void open_texts(const ComplaintPolicy& cp, const Customer* customer, const ComplaintInput& in,
                ComplaintEvent& e, std::vector<std::string>& problems) {
    e.staff = std::string(trim(in.staff));
    if (e.staff.empty())
        problems.push_back(
            fmt::format("a complaint names the staff member who takes it (--staff): "
                        "they own it to the end{}",
                        cite(cp.clause)));
    check_line("--staff", e.staff, problems);
    e.subject = complaint_subject(cp, customer, in.subject);
    check_line("--subject", e.subject, problems);
    e.note = std::string(trim(in.summary));
    if (e.note.empty())
        problems.push_back("a complaint needs --summary: what the customer complained about");
    check_text("--summary", e.note, problems);
    check_times(in.at, in.now, problems);
    if (customer && in.at < customer->created)
        problems.push_back(fmt::format("--at {} is before customer {} was added ({})", in.at.str(),
                                       customer->id, customer->created.str()));
}

// What the policy makes of a valid new complaint: deadline, escalation, repeats, attributes.
void open_consequences(const ComplaintPolicy& cp, const WorkingCalendar& calendar,
                       const ComplaintBook& book, const Customer* customer,
                       const ComplaintSeverity& severity, ComplaintEvent& e) {
    e.deadline = complaint_deadline(cp, calendar, e.category, e.severity, e.at);
    e.escalated_to = severity.escalate_to;
    e.repeat_of = find_repeats(cp, calendar, book, e.customer, e.subject, e.category, e.at);
    if (!customer) return;
    for (const auto& [key, value] : cp.on_open_set) {
        const std::string* current = customer->attribute(key);
        if (!(current ? *current == value : value.empty())) e.set.emplace_back(key, value);
    }
}

// The checks and fields particular to each kind of step.
void step_fields(const ComplaintPolicy& cp, const WorkingCalendar& calendar, const Complaint& c,
                 const ComplaintChange& in, ComplaintEvent& e, std::vector<std::string>& problems) {
    switch (in.kind) {
        case ComplaintEventKind::Open:
            break;
        case ComplaintEventKind::Update: {
            if (e.note.empty() && in.departments.empty())
                problems.push_back("nothing to update: give --note or --department");
            if (in.departments.empty()) break;
            const auto to = routing(cp, in.departments, problems);
            if (!to.empty() && to == c.departments)
                problems.push_back(
                    fmt::format("complaint {} is already routed to {}", c.id, join(to, ", ")));
            if (!to.empty()) e.departments = to;
            break;
        }
        case ComplaintEventKind::Resolve:
            if (e.note.empty())
                problems.push_back(
                    "resolving a complaint needs --resolution: the result given to the customer");
            break;
        case ComplaintEventKind::Close: {
            const auto& levels = satisfaction_levels();
            e.satisfaction = in.satisfaction;
            if (in.satisfaction.empty())
                problems.push_back(
                    "closing a complaint needs --satisfaction: the customer's view of the "
                    "result (satisfied, partly or unsatisfied)");
            else if (std::find(levels.begin(), levels.end(), in.satisfaction) == levels.end())
                problems.push_back(unknown("satisfaction", in.satisfaction, levels));
            break;
        }
        case ComplaintEventKind::Reopen:
            if (!cp.category(c.category) || !cp.severity(c.severity))
                problems.push_back(
                    fmt::format("complaint {} has category \"{}\" and severity \"{}\", which the "
                                "rules file no longer declares: no deadline can be set",
                                c.id, c.category, c.severity));
            else
                e.deadline = complaint_deadline(cp, calendar, c.category, c.severity, in.at);
            break;
    }
}

}  // namespace

std::string complaint_subject(const ComplaintPolicy& policy, const Customer* customer,
                              const std::string& typed) {
    std::string subject(trim(typed));
    if (subject.empty() && customer && !policy.subject_attribute.empty())
        if (const std::string* unit = customer->attribute(policy.subject_attribute))
            subject = *unit;
    return subject;
}

ComplaintEvent make_open_event(const Policy& policy, const WorkingCalendar& calendar,
                               const CustomerBook& customers, const ComplaintBook& book,
                               const ComplaintInput& in, std::vector<std::string>& problems) {
    ComplaintEvent e;
    const ComplaintPolicy& cp = policy.complaints;
    if (!cp.enabled) {
        problems.push_back(kNoSection);
        return e;
    }
    e.kind = ComplaintEventKind::Open;
    e.at = in.at;
    e.logged_at = in.now;
    e.customer = in.customer;
    const Customer* customer = customers.find(in.customer);
    if (!customer) problems.push_back(unknown_customer_message(customers, in.customer));
    e.category = in.category;
    const ComplaintCategory* category = cp.category(in.category);
    if (!category) problems.push_back(unknown("category", in.category, cp.category_ids()));
    e.source = in.source.empty() ? cp.sources.front() : in.source;
    if (std::find(cp.sources.begin(), cp.sources.end(), e.source) == cp.sources.end())
        problems.push_back(unknown("source", e.source, cp.sources));
    e.severity = in.severity.empty() ? "normal" : in.severity;
    const ComplaintSeverity* severity = cp.severity(e.severity);
    if (!severity) problems.push_back(unknown("severity", e.severity, cp.severity_ids()));
    e.departments = routing(cp, in.departments, problems);
    if (in.departments.empty() && category) e.departments = category->departments;
    open_texts(cp, customer, in, e, problems);
    if (category && severity) open_consequences(cp, calendar, book, customer, *severity, e);
    return e;
}

ComplaintEvent make_change_event(const Policy& policy, const WorkingCalendar& calendar,
                                 const ComplaintBook& book, const ComplaintChange& in,
                                 std::vector<std::string>& problems) {
    ComplaintEvent e;
    const ComplaintPolicy& cp = policy.complaints;
    if (!cp.enabled) {
        problems.push_back(kNoSection);
        return e;
    }
    const Complaint* c = book.find(in.complaint);
    const std::string refused =
        c ? transition_problem(*c, in.kind) : unknown_complaint_message(book, in.complaint);
    if (!refused.empty()) {
        problems.push_back(refused);
        return e;
    }
    e.id = book.next_event_id(c->id);
    e.kind = in.kind;
    e.at = in.at;
    e.logged_at = in.now;
    e.complaint = c->id;
    e.customer = c->customer;
    e.category = c->category;
    e.departments = c->departments;
    e.staff = in.staff.empty() ? c->owner : std::string(trim(in.staff));
    check_line("--staff", e.staff, problems);
    e.note = std::string(trim(in.note));
    check_text("the note", e.note, problems);
    check_times(in.at, in.now, problems);
    if (in.at < c->last_at)
        problems.push_back(fmt::format("--at {} is before the last event of complaint {} ({})",
                                       in.at.str(), c->id, c->last_at.str()));
    step_fields(cp, calendar, *c, in, e, problems);
    return e;
}

std::vector<std::string> describe_open(const Policy& policy, const ComplaintEvent& e) {
    const ComplaintPolicy& cp = policy.complaints;
    std::vector<std::string> out;
    const ComplaintCategory* category = cp.category(e.category);
    const std::string label = category ? category->label : e.category;
    out.push_back(
        fmt::format("{} ({}) is owned by {} to the end{}; routed to {}; result due by {}{}",
                    e.complaint, label, e.staff, cite(cp.clause), join(e.departments, ", "),
                    e.deadline ? e.deadline->str() : "?", cite(category ? category->clause : "")));
    if (!e.escalated_to.empty()) {
        const ComplaintSeverity* sev = cp.severity(e.severity);
        out.push_back(fmt::format("{} is {}: escalated to {}{}", e.complaint, e.severity,
                                  e.escalated_to, cite(sev ? sev->clause : "")));
    }
    if (!e.repeat_of.empty())
        out.push_back(
            fmt::format("{} repeats {}: the same problem complained about again; handled with "
                        "priority{}",
                        e.complaint, join(e.repeat_of, ", "), cite(cp.repeat_clause)));
    std::vector<std::string> changes;
    for (const auto& [k, v] : e.set) changes.push_back(k + "=" + v);
    if (!changes.empty())
        out.push_back(fmt::format("customer {} now {}{}", e.customer, join(changes, " "),
                                  cite(cp.on_open_clause)));
    return out;
}

std::string unknown_complaint_message(const ComplaintBook& book, const std::string& id) {
    return fmt::format("unknown complaint \"{}\"{}", id, did_you_mean(id, book.ids()));
}

}  // namespace revisit
