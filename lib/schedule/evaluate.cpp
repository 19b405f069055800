#include "schedule/evaluate.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "util/text.h"

namespace revisit {

namespace {

bool contains(const std::vector<std::string>& list, std::string_view v) {
    for (const auto& item : list)
        if (same_text(item, v)) return true;
    return false;
}

}  // namespace

int index_of_channel(const Policy& p, const std::string& id) {
    for (size_t i = 0; i < p.channels.size(); ++i)
        if (p.channels[i].id == id) return static_cast<int>(i);
    return -1;
}

// Whether attribute `key` of `c` holds one of `values` (unset bool attributes count as "no").
// Runs for every rule and customer: no copies.
bool condition_holds(const Policy& p, const std::string& key,
                     const std::vector<std::string>& values, const Customer& c) {
    const std::string* v = c.attribute(key);
    std::string_view value = v ? std::string_view(*v) : std::string_view();
    if (!v) {
        const AttributeSpec* spec = p.attribute(key);
        if (spec && spec->type == AttributeSpec::Type::Bool) value = "no";
    }
    return contains(values, value);
}

// Whether contact `c` counts for `rule` (its channel and outcome, S0.3 "a call with no
// answer does not satisfy 'call the same day'").
bool satisfies_rule(const Policy& p, const Rule& rule, const ContactFact& c) {
    if (c.channel < 0 || c.outcome < 0) return false;
    if (!rule.satisfied_by_channels.empty() &&
        !contains(rule.satisfied_by_channels, p.channels[c.channel].id))
        return false;
    if (!rule.satisfied_by_outcomes.empty())
        return contains(rule.satisfied_by_outcomes, p.outcomes[c.outcome].id);
    return p.outcomes[c.outcome].counts;
}

bool counts(const Policy& p, const ContactFact& c) {
    return c.outcome >= 0 && p.outcomes[c.outcome].counts;
}

namespace {

// Adds `span` (scaled by `factor`, for restraints) to a moment.
DateTime add_span(DateTime from, const Span& span, const WorkingCalendar& cal,
                  double factor = 1.0) {
    const int n = static_cast<int>(std::lround(span.amount * factor));
    switch (span.unit) {
        case Span::Unit::Hours:
            return from.add_minutes(60L * n);
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

std::string scaled(const Span& span, double factor) {
    if (factor == 1.0) return span.str();
    return fmt::format("{} x{} (restraint)", span.str(), factor);
}

// Per-customer evaluation, with memoised "when was rule X done" for rule: anchors and
// attribute values looked up once per customer.
class Evaluator {
  public:
    Evaluator(const DuePlan& plan, const Customer& c, const CustomerHistory& h, Date today,
              bool explain)
        : plan_(plan),
          p_(plan.policy),
          cal_(plan.calendar),
          c_(c),
          h_(h),
          today_(today),
          explain_(explain),
          attribute_count_(p_.attributes.size()) {}

    std::vector<DueReason> run() {
        std::vector<DueReason> out;
        if (c_.created.date() > today_) return out;  // not a customer yet on that day
        for (const auto& rule : p_.rules) {
            if (!matches(rule.when)) continue;
            if (!rule.unless.empty() && any_holds(rule.unless)) continue;
            if (rule.project_occupancy_above && !occupancy_above(*rule.project_occupancy_above))
                continue;
            switch (rule.kind) {
                case Rule::Kind::Once:
                    once(rule, out);
                    break;
                case Rule::Kind::Every:
                    every(rule, out);
                    break;
                case Rule::Kind::Holidays:
                    holidays(rule, out);
                    break;
                case Rule::Kind::Milestones:
                    milestones(rule, out);
                    break;
            }
        }
        promises(out);
        return out;
    }

  private:
    bool matches(const Match& m) {
        const size_t n = m.conditions.size();
        const int* index = m.attribute_index.size() == n ? m.attribute_index.data() : nullptr;
        for (size_t i = 0; i < n; ++i)
            if (!holds(m.conditions[i], index ? index[i] : -1)) return false;
        return true;
    }
    bool any_holds(const Match& m) {
        const size_t n = m.conditions.size();
        const int* index = m.attribute_index.size() == n ? m.attribute_index.data() : nullptr;
        for (size_t i = 0; i < n; ++i)
            if (holds(m.conditions[i], index ? index[i] : -1)) return true;
        return false;
    }

    // condition_holds() through the condition's resolved attribute index `a`.
    bool holds(const std::pair<std::string, std::vector<std::string>>& condition, int a) {
        const auto& [key, values] = condition;
        const size_t i = static_cast<size_t>(a);
        if (a < 0 || i >= attribute_count_ || !same_text(p_.attributes[i].key, key))
            return condition_holds(p_, key, values, c_);  // unresolved, or the policy changed since
        if (const std::string* v = value_of(i)) return contains(values, *v);
        const bool is_bool = p_.attributes[i].type == AttributeSpec::Type::Bool;
        return contains(values, is_bool ? std::string_view("no") : std::string_view());
    }

    // The customer's value of declared attribute `i`, looked up once.
    const std::string* value_of(size_t i) {
        if (i >= values_.size()) return c_.attribute(p_.attributes[i].key);
        if (!(known_ >> i & 1)) {
            values_[i] = c_.attribute(p_.attributes[i].key);
            known_ |= uint64_t{1} << i;
        }
        return values_[i];
    }

    bool occupancy_above(double share) const {
        const std::string* project = c_.attribute("project");
        if (!project) return false;
        for (const auto& p : p_.projects)
            if (p.name == *project) return p.occupancy > share;
        return false;
    }

    double restraint_factor() {
        double f = 1.0;
        for (const auto& r : p_.restraints)
            if (matches(r.when)) f = std::max(f, r.factor);
        return f;
    }

    // The first contact at or after `from` that satisfies `rule`.
    const ContactFact* first_satisfying(const Rule& rule, DateTime from) const {
        for (const auto& c : h_.contacts)
            if (c.at >= from && satisfies_rule(p_, rule, c)) return &c;
        return nullptr;
    }
    const ContactFact* last_satisfying(const Rule& rule, DateTime from) const {
        for (auto it = h_.contacts.rbegin(); it != h_.contacts.rend(); ++it)
            if (it->at < from)
                break;
            else if (satisfies_rule(p_, rule, *it))
                return &*it;
        return nullptr;
    }

    std::optional<DateTime> anchor_time(const Rule& rule, std::string& how) {
        const Anchor& a = rule.anchor;
        switch (a.kind) {
            case Anchor::Kind::Created:
                if (explain_) how = fmt::format("anchor: customer created {}", c_.created.str());
                return c_.created;
            case Anchor::Kind::AttributeSet: {
                auto t = c_.when_set(a.key, a.value);
                if (t && explain_)
                    how = fmt::format("anchor: {} became {} at {}", a.key, a.value, t->str());
                return t;
            }
            case Anchor::Kind::DateAttribute: {
                const std::string* v = c_.attribute(a.key);
                auto d = v ? Date::parse(*v) : std::nullopt;
                if (!d) return std::nullopt;
                if (explain_) how = fmt::format("anchor: {} = {}", a.key, d->str());
                return DateTime::at(*d);
            }
            case Anchor::Kind::RuleDone: {
                auto t = done_time(a);
                if (t && explain_) how = fmt::format("anchor: rule {} done at {}", a.key, t->str());
                return t;
            }
        }
        return std::nullopt;
    }

    // When rule `anchor.key` was satisfied for this customer (a Once rule's first satisfying
    // contact in its window; a recurring rule's latest one).
    std::optional<DateTime> done_time(const Anchor& anchor) {
        const size_t i = static_cast<size_t>(anchor.rule_index);
        const bool resolved =
            anchor.rule_index >= 0 && i < p_.rules.size() && same_text(p_.rules[i].id, anchor.key);
        const Rule* rule = resolved ? &p_.rules[i] : p_.rule(anchor.key);
        if (!rule) return std::nullopt;
        if (const Done* d = find_done(rule)) return d->time;
        // Loops are refused by the loader; a first entry guards anyway.
        if (done_count_ < done_.size())
            done_[done_count_++] = {rule, std::nullopt};
        else
            done_more_.push_back({rule, std::nullopt});
        std::optional<DateTime> result;
        std::string ignored;
        if (auto a = anchor_time(*rule, ignored)) {
            const DateTime from = window_start(*rule, *a);
            const ContactFact* c = rule->kind == Rule::Kind::Every ? last_satisfying(*rule, from)
                                                                   : first_satisfying(*rule, from);
            if (c) result = c->at;
        }
        find_done(rule)->time = result;
        return result;
    }

    struct Done {
        const Rule* rule;
        std::optional<DateTime> time;
    };
    Done* find_done(const Rule* rule) {
        for (size_t i = 0; i < done_count_; ++i)
            if (done_[i].rule == rule) return &done_[i];
        for (auto& d : done_more_)
            if (d.rule == rule) return &d;
        return nullptr;
    }

    DateTime window_start(const Rule& rule, DateTime anchor) const {
        if (rule.kind != Rule::Kind::Once || rule.start.amount == 0) return anchor;
        return DateTime::at(add_span(anchor, rule.start, cal_).date());
    }

    DueReason base(const Rule& rule) const {
        DueReason r;
        r.rule_id = rule.id;
        r.clause = rule.clause;
        r.reason = rule.reason;
        r.channel = channel_for(rule);
        r.priority = rule.priority;
        r.message_template = rule.message_template;
        if (explain_)
            r.explain.push_back(
                fmt::format("rule {} ({}) matches {}", rule.id, rule.clause, c_.id));
        return r;
    }

    std::string channel_for(const Rule& rule) const {
        if (!rule.channel_in_season.empty())
            if (const Season* s = season_on(p_, today_)) {
                auto it = rule.channel_in_season.find(s->id);
                if (it != rule.channel_in_season.end()) return it->second;
            }
        return rule.channel;
    }

    void finish(DueReason& r, Date due_by, std::vector<DueReason>& out) const {
        r.due_by = due_by;
        r.days_overdue = today_ > due_by ? static_cast<int>(today_ - due_by) : 0;
        if (explain_)
            r.explain.push_back(r.days_overdue > 0 ? fmt::format("due by {}: {} day(s) overdue",
                                                                 due_by.str(), r.days_overdue)
                                                   : fmt::format("due by {}", due_by.str()));
        out.push_back(std::move(r));
    }

    void once(const Rule& rule, std::vector<DueReason>& out) {
        std::string how;
        auto anchor = anchor_time(rule, how);
        if (!anchor) return;
        const DateTime from = window_start(rule, *anchor);
        if (today_ < from.date()) return;
        if (first_satisfying(rule, from)) return;
        DueReason r = base(rule);
        r.since = from;
        if (explain_) r.explain.push_back(how);
        if (explain_)
            r.explain.push_back(fmt::format(
                "once: start +{}, within {} of the anchor; no satisfying contact since {}",
                rule.start.str(), rule.within.str(), from.str()));
        finish(r, add_span(*anchor, rule.within, cal_).date(), out);
    }

    void every(const Rule& rule, std::vector<DueReason>& out) {
        std::string how;
        auto anchor = anchor_time(rule, how);
        if (!anchor) return;
        Span interval = rule.every;
        std::string season_note;
        if (!rule.every_in_season.empty()) {
            const Season* s = season_on(p_, today_);
            if (!s) return;
            interval = rule.every_in_season.at(s->id);
            season_note = fmt::format(" in season {}", s->id);
        }
        const double factor = restraint_factor();
        const ContactFact* last = last_satisfying(rule, *anchor);
        const DateTime from = last ? last->at : *anchor;
        const Date due = add_span(from, interval, cal_, factor).date();
        if (today_ < due) return;
        DueReason r = base(rule);
        r.since = DateTime::at(due);
        if (explain_) r.explain.push_back(how);
        if (explain_)
            r.explain.push_back(last ? fmt::format("last satisfying contact {}", last->at.str())
                                     : std::string("no satisfying contact since the anchor"));
        if (explain_)
            r.explain.push_back(fmt::format("every {}{}", scaled(interval, factor), season_note));
        finish(r, due, out);
    }

    void holidays(const Rule& rule, std::vector<DueReason>& out) {
        for (const HolidayPeriod* h :
             cal_.holidays_between(today_, today_.add_days(rule.days_before))) {
            const Date first = first_day(*h);
            const Date open = first.add_days(-rule.days_before);
            if (today_ < open || today_ > first) continue;
            if (first_satisfying(rule, DateTime::at(open))) continue;
            DueReason r = base(rule);
            r.since = DateTime::at(open);
            r.event_name = h->name;
            r.event_date = first;
            if (explain_)
                r.explain.push_back(
                    fmt::format("holiday {} starts {}; contact from {} ({} day(s) before)", h->name,
                                first.str(), open.str(), rule.days_before));
            finish(r, first, out);
            return;  // one greeting per rule at a time
        }
    }

    void milestones(const Rule& rule, std::vector<DueReason>& out) {
        const std::string* project = c_.attribute("project");
        for (size_t i = 0; i < p_.milestones.size(); ++i) {
            const Milestone& m = p_.milestones[i];
            if (!rule.milestone_kinds.empty() && !contains(rule.milestone_kinds, m.kind)) continue;
            if (!m.project.empty() && (!project || *project != m.project)) continue;
            const Date when = plan_.milestone_dates[i];
            const Date open = when.add_days(-rule.days_before);
            if (today_ < open || today_ > when) continue;
            if (first_satisfying(rule, DateTime::at(open))) continue;
            DueReason r = base(rule);
            r.since = DateTime::at(open);
            r.event_name = m.name;
            r.event_date = when;
            if (explain_)
                r.explain.push_back(
                    fmt::format("milestone {} ({}) on {}; contact from {} ({} day(s) before)",
                                m.name, m.kind, when.str(), open.str(), rule.days_before));
            finish(r, when, out);
        }
    }

    // Promised replies and callbacks, due from their day until a later counting contact
    // (finish_history drops answered ones). No rule's `when`/`unless` applies: the customer
    // was promised, or asked, so do-not-disturb customers are listed too.
    void promises(std::vector<DueReason>& out) const {
        for (const auto& pr : h_.promises) {
            if (today_ < pr.due) continue;
            const bool callback = pr.callback >= 0;
            DueReason r;
            r.rule_id = callback ? "callback" : "promise";
            if (callback) {
                const std::string at = format_clock(pr.callback);
                r.reason = pr.note.empty() ? "预约回电 " + at : "预约回电 " + at + "：" + pr.note;
                r.callback = pr.callback;
            } else {
                r.reason = pr.note.empty() ? "答复客户（预约时间答复）" : "答复客户：" + pr.note;
            }
            r.channel = p_.channels.empty()
                            ? "phone"
                            : (index_of_channel(p_, "phone") >= 0 ? "phone" : p_.channels[0].id);
            r.priority = 70;  // a promise made to the customer comes first
            r.since = DateTime::at(pr.due);
            if (explain_ && callback)
                r.explain.push_back(fmt::format(
                    "contact {} on {}: the customer asked to be called back at {} {}",
                    pr.contact_id, pr.made_at.str(), pr.due.str(), format_clock(pr.callback)));
            else if (explain_)
                r.explain.push_back(fmt::format("contact {} on {} promised a reply by {}",
                                                pr.contact_id, pr.made_at.str(), pr.due.str()));
            if (explain_) r.explain.push_back("no counting contact since");
            finish(r, pr.due, out);
        }
    }

    const DuePlan& plan_;
    const Policy& p_;
    const WorkingCalendar& cal_;
    const Customer& c_;
    const CustomerHistory& h_;
    const Date today_;
    const bool explain_;  // build the explain chain (formatting is most of the cost when not due)
    const size_t attribute_count_;
    // done_time() memo: a few rules per customer, kept inline (no allocation per customer).
    std::array<Done, 8> done_;
    size_t done_count_ = 0;
    std::vector<Done> done_more_;
    std::array<const std::string*, 64> values_;  // value_of(i), valid where known_ has bit i
    uint64_t known_ = 0;
};

}  // namespace

std::vector<DueReason> evaluate(const DuePlan& plan, const Customer& c, const CustomerHistory& h,
                                Date today, bool explain) {
    return Evaluator(plan, c, h, today, explain).run();
}

std::vector<Attempt> attempts_on(const Policy& p, const CustomerHistory& h,
                                 const std::vector<DueReason>& reasons, Date today) {
    std::vector<Attempt> out;
    // Each reason's rule, looked up once rather than for every contact (inline for the
    // usual one or two reasons: no allocation).
    struct Pending {
        DateTime since;
        const Rule* rule;
    };
    std::array<Pending, 4> few;
    std::vector<Pending> many;
    if (reasons.size() > few.size()) many.resize(reasons.size());
    Pending* const pending = reasons.size() > few.size() ? many.data() : few.data();
    for (size_t i = 0; i < reasons.size(); ++i) {
        const DueReason& r = reasons[i];
        pending[i] = {r.since == DateTime{} ? DateTime::at(r.due_by) : r.since, p.rule(r.rule_id)};
    }
    const DateTime end = DateTime::at(today.add_days(1));
    for (const auto& c : h.contacts) {
        if (c.at >= end) break;  // after `today`
        const bool attempt = std::any_of(pending, pending + reasons.size(), [&](const Pending& r) {
            return c.at >= r.since && !(r.rule ? satisfies_rule(p, *r.rule, c) : counts(p, c));
        });
        if (attempt)
            out.push_back({c.at, c.channel >= 0 ? p.channels[c.channel].id : "",
                           c.outcome >= 0 ? p.outcomes[c.outcome].id : ""});
    }
    return out;
}

}  // namespace revisit
