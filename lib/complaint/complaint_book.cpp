#include "complaint/complaint_book.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "util/error.h"

namespace revisit {

std::string_view status_name(ComplaintStatus status) {
    switch (status) {
        case ComplaintStatus::Open:
            return "open";
        case ComplaintStatus::Resolved:
            return "resolved";
        case ComplaintStatus::Closed:
            return "closed";
    }
    return "?";
}

std::string transition_problem(const Complaint& c, ComplaintEventKind kind) {
    const bool closed = c.status == ComplaintStatus::Closed;
    const std::string reopen_first = fmt::format(
        "complaint {} is closed; reopen it first (revisit complaint reopen {})", c.id, c.id);
    switch (kind) {
        case ComplaintEventKind::Open:
            return fmt::format("complaint {} is already open", c.id);
        case ComplaintEventKind::Update:
            return closed ? reopen_first : "";
        case ComplaintEventKind::Resolve:
            if (closed) return reopen_first;
            if (c.status == ComplaintStatus::Resolved)
                return fmt::format("complaint {} is already resolved", c.id);
            return {};
        case ComplaintEventKind::Close:
            if (closed) return fmt::format("complaint {} is already closed", c.id);
            if (c.status == ComplaintStatus::Open)
                return fmt::format(
                    "complaint {} is not resolved yet; resolve it first "
                    "(revisit complaint resolve {} --resolution TEXT)",
                    c.id, c.id);
            return {};
        case ComplaintEventKind::Reopen:
            if (c.status == ComplaintStatus::Open)
                return fmt::format("complaint {} is already open", c.id);
            return {};
    }
    return {};
}

std::string ComplaintBook::apply(const ComplaintEvent& e) {
    auto found = by_id_.find(e.complaint);
    if (e.kind == ComplaintEventKind::Open) {
        if (found != by_id_.end())
            return fmt::format("complaint \"{}\" is opened twice", e.complaint);
        if (!e.deadline)
            return fmt::format("complaint \"{}\" is opened without a deadline", e.complaint);
        Complaint c;
        c.id = e.complaint;
        c.customer = e.customer;
        c.subject = e.subject;
        c.category = e.category;
        c.source = e.source;
        c.severity = e.severity;
        c.owner = e.staff;
        c.escalated_to = e.escalated_to;
        c.summary = e.note;
        c.opened = e.at;
        c.first_deadline = c.deadline = *e.deadline;
        c.repeat_of = e.repeat_of;
        for (const auto& earlier : e.repeat_of) {
            auto it = by_id_.find(earlier);
            if (it != by_id_.end()) complaints_[it->second].repeated_by.push_back(c.id);
        }
        by_id_[c.id] = complaints_.size();
        complaints_.push_back(std::move(c));
        found = by_id_.find(e.complaint);
    } else if (found == by_id_.end()) {
        return fmt::format("{} of unknown complaint \"{}\"", event_name(e.kind), e.complaint);
    } else if (std::string problem = transition_problem(complaints_[found->second], e.kind);
               !problem.empty()) {
        return problem;
    }
    Complaint& c = complaints_[found->second];
    ++c.events;
    c.last_at = std::max(c.last_at, e.at);
    if (!e.departments.empty()) c.departments = e.departments;
    switch (e.kind) {
        case ComplaintEventKind::Open:
        case ComplaintEventKind::Update:
            break;
        case ComplaintEventKind::Resolve:
            c.status = ComplaintStatus::Resolved;
            c.resolved = e.at;
            if (!c.first_resolved) c.first_resolved = e.at;
            c.resolution = e.note;
            break;
        case ComplaintEventKind::Close:
            c.status = ComplaintStatus::Closed;
            c.closed = e.at;
            c.satisfaction = e.satisfaction;
            break;
        case ComplaintEventKind::Reopen:
            c.status = ComplaintStatus::Open;
            ++c.reopened;
            c.resolved.reset();
            c.closed.reset();
            c.resolution.clear();
            c.satisfaction.clear();
            if (e.deadline) c.deadline = *e.deadline;
            break;
    }
    return {};
}

const Complaint* ComplaintBook::find(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &complaints_[it->second];
}

std::vector<std::string> ComplaintBook::ids() const {
    std::vector<std::string> out;
    for (const auto& c : complaints_) out.push_back(c.id);
    return out;
}

std::string ComplaintBook::next_event_id(const std::string& id) const {
    const Complaint* c = find(id);
    return fmt::format("{}-{}", id, (c ? c->events : 0) + 1);
}

ComplaintBook fold_complaints(const std::vector<ComplaintEvent>& events, const std::string& file,
                              std::optional<DateTime> until) {
    ComplaintBook book;
    for (const auto& e : events) {
        if (until && e.at > *until) continue;
        const std::string problem = book.apply(e);
        if (!problem.empty()) throw Error(Location{file, e.line, 0}, problem);
    }
    return book;
}

namespace {

// Hours counted on working days only, forwards or backwards.
DateTime add_working_hours(DateTime from, long hours, const WorkingCalendar& cal) {
    long remaining = 60 * std::abs(hours);
    Date day = from.date();
    long offset = from.minute_of_day();
    if (hours > 0) {
        for (;; day = day.add_days(1), offset = 0) {
            if (!cal.is_working_day(day)) continue;
            if (remaining <= 1440 - offset)
                return DateTime::at(day).add_minutes(offset + remaining);
            remaining -= 1440 - offset;
        }
    }
    if (hours == 0) return from;
    if (offset == 0) day = day.add_days(-1), offset = 1440;  // midnight ends the day before
    for (;; day = day.add_days(-1), offset = 1440) {
        if (!cal.is_working_day(day)) continue;
        if (remaining <= offset) return DateTime::at(day).add_minutes(offset - remaining);
        remaining -= offset;
    }
}

Deadline deadline_after(DateTime from, const Span& span, const WorkingCalendar& cal) {
    if (span.unit == Span::Unit::Hours)
        return Deadline{add_working_hours(from, span.amount, cal), true};
    return Deadline{DateTime::at(add_complaint_span(from, span, cal).date()), false};
}

}  // namespace

DateTime add_complaint_span(DateTime from, const Span& span, const WorkingCalendar& cal) {
    const int n = span.amount;
    switch (span.unit) {
        case Span::Unit::Hours:
            return add_working_hours(from, n, cal);
        case Span::Unit::Days:
            return from.add_minutes(1440L * n);
        case Span::Unit::Weeks:
            return from.add_minutes(1440L * 7 * n);
        case Span::Unit::Months:
            return DateTime::at(from.date().add_months(n)).add_minutes(from.minute_of_day());
        case Span::Unit::WorkingDays:
            return DateTime::at(cal.add_working_days(from.date(), n))
                .add_minutes(from.minute_of_day());
    }
    return from;
}

Deadline complaint_deadline(const ComplaintPolicy& policy, const WorkingCalendar& calendar,
                            const std::string& category, const std::string& severity,
                            DateTime from) {
    const ComplaintCategory* cat = policy.category(category);
    Deadline deadline = deadline_after(from, cat->reply_within, calendar);
    const ComplaintSeverity* sev = policy.severity(severity);
    if (sev && sev->reply_within) {
        const Deadline shorter = deadline_after(from, *sev->reply_within, calendar);
        if (shorter.end() < deadline.end()) deadline = shorter;
    }
    return deadline;
}

std::vector<std::string> find_repeats(const ComplaintPolicy& policy,
                                      const WorkingCalendar& calendar, const ComplaintBook& book,
                                      const std::string& customer, const std::string& subject,
                                      const std::string& category, DateTime at) {
    std::vector<std::string> out;
    if (!policy.repeat_window) return out;
    const Span& window = *policy.repeat_window;
    for (const auto& c : book.all()) {
        if (c.category != category || c.opened > at) continue;
        const bool same =
            !subject.empty() && !c.subject.empty() ? c.subject == subject : c.customer == customer;
        if (!same) continue;
        const DateTime until = add_complaint_span(c.opened, window, calendar);
        const bool within =
            window.unit == Span::Unit::Hours ? at <= until : at.date() <= until.date();
        if (within) out.push_back(c.id);
    }
    return out;
}

}  // namespace revisit
