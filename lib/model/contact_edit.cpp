#include "model/contact_edit.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "model/customer_edit.h"
#include "util/text.h"

namespace revisit {

namespace {

// N of "+Nd" (or "+Nh" when `unit` is 'h'): at most 3 digits; nullopt otherwise.
std::optional<int> relative_count(const std::string& text, char unit) {
    if (text.size() < 3 || text.size() > 5 || text[0] != '+' || text.back() != unit)
        return std::nullopt;
    const std::string n = text.substr(1, text.size() - 2);
    if (n.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    return std::stoi(n);
}

}  // namespace

std::optional<Date> parse_promise(const std::string& text, Date from) {
    if (!text.empty() && text[0] == '+') {
        const auto n = relative_count(text, 'd');
        return n ? std::optional(from.add_days(*n)) : std::nullopt;
    }
    return Date::parse(text);
}

std::string promise_form_problem(const std::string& text) {
    return fmt::format("--promise \"{}\" is not a date; expected YYYY-MM-DD or +Nd", text);
}

std::optional<DateTime> parse_callback(const std::string& text, DateTime from) {
    if (!text.empty() && text[0] == '+') {
        if (const auto days = relative_count(text, 'd')) return from.add_minutes(1440L * *days);
        if (const auto hours = relative_count(text, 'h')) return from.add_minutes(60L * *hours);
        return std::nullopt;
    }
    if (text.size() != 16) return std::nullopt;  // a date alone is not the time asked for
    return DateTime::parse(text);
}

std::vector<std::string> promise_form_problems(const ContactInput& in) {
    std::vector<std::string> problems;
    if (!in.promise.empty() && !parse_promise(in.promise, Date()))
        problems.push_back(promise_form_problem(in.promise));
    if (!in.callback.empty() && !parse_callback(in.callback, DateTime()))
        problems.push_back(fmt::format(
            "--callback \"{}\" is not a time; expected \"YYYY-MM-DD HH:MM\", +Nd or +Nh",
            in.callback));
    if (!in.promise.empty() && !in.callback.empty())
        problems.push_back(
            "--callback and --promise cannot both be given: a contact holds one promise, a "
            "reply by a day (--promise) or a call back at a time (--callback)");
    return problems;
}

namespace {

std::string resolve_promise(const std::string& text, Date from,
                            std::vector<std::string>& problems) {
    const std::optional<Date> due = parse_promise(text, from);
    if (!due) return {};  // promise_form_problems() says so
    if (*due < from) {
        problems.push_back(
            fmt::format("--promise {} is before the contact ({})", due->str(), from.str()));
        return {};
    }
    return due->str();
}

// The callback as stored ("YYYY-MM-DD HH:MM"): after the contact at `from`, within a year.
std::string resolve_callback(const std::string& text, DateTime from,
                             std::vector<std::string>& problems) {
    const std::optional<DateTime> at = parse_callback(text, from);
    if (!at) return {};  // promise_form_problems() says so
    const DateTime year_on =
        DateTime::at(from.date().add_months(12)).add_minutes(from.minute_of_day());
    if (*at <= from)
        problems.push_back(
            fmt::format("--callback {} is not after the contact ({})", at->str(), from.str()));
    else if (*at > year_on)
        problems.push_back(fmt::format("--callback {} is more than a year after the contact ({})",
                                       at->str(), from.str()));
    else
        return at->str();
    return {};
}

void check_finding(const Policy& policy, const ContactInput& in,
                   std::vector<std::string>& problems) {
    if (!in.finding.empty()) {
        const std::vector<std::string> ids = policy.findings.ids();
        if (ids.empty())
            problems.push_back(
                fmt::format("unknown finding \"{}\": the rules file declares no findings "
                            "(add a \"findings:\" section)",
                            in.finding));
        else if (!policy.findings.kind(in.finding))
            problems.push_back(fmt::format("unknown finding \"{}\"{}; allowed: {}", in.finding,
                                           did_you_mean(in.finding, ids), join(ids, ", ")));
    }
    if (!in.finding_note.empty() && in.finding.empty())
        problems.push_back("--finding-note goes with --finding KIND");
}

bool contains(const std::vector<std::string>& list, const std::string& v) {
    return std::find(list.begin(), list.end(), v) != list.end();
}

}  // namespace

ContactRecord make_contact_record(const Policy& policy, const CustomerBook& book,
                                  const ContactInput& in, std::vector<std::string>& problems) {
    ContactRecord r;
    r.at = in.at;
    r.logged_at = in.now;
    r.customer = in.customer;
    const Customer* c = in.customer.empty() ? nullptr : book.find(in.customer);
    if (in.customer.empty())
        problems.push_back(
            "missing CUSTOMER: the id of the customer contacted (or --amend RECORD_ID)");
    else if (!c)
        problems.push_back(unknown_customer_message(book, in.customer));
    const ChannelSpec* channel = policy.channel(in.channel);
    if (in.channel.empty())
        problems.push_back(
            fmt::format("missing --channel; allowed: {}", join(policy.channel_ids(), ", ")));
    else if (!channel)
        problems.push_back(fmt::format("unknown channel \"{}\"{}; allowed: {}", in.channel,
                                       did_you_mean(in.channel, policy.channel_ids()),
                                       join(policy.channel_ids(), ", ")));
    if (in.outcome.empty())
        problems.push_back(
            fmt::format("missing --outcome; allowed: {}", join(policy.outcome_ids(), ", ")));
    else if (!policy.outcome(in.outcome))
        problems.push_back(fmt::format("unknown outcome \"{}\"{}; allowed: {}", in.outcome,
                                       did_you_mean(in.outcome, policy.outcome_ids()),
                                       join(policy.outcome_ids(), ", ")));
    r.channel = in.channel;
    r.outcome = in.outcome;
    r.staff = std::string(trim(in.staff));
    if (r.staff.empty())
        problems.push_back("a contact names the staff member who made it (--staff)");
    if (channel) {
        for (const auto& field : channel->requires_fields) {
            const std::string& value = field == "signature" ? in.signature
                                       : field == "note"    ? in.note
                                                            : r.staff;
            if (trim(value).empty())
                problems.push_back(
                    fmt::format("a {} record needs --{}{}", channel->id, field,
                                channel->clause.empty() ? "" : " [" + channel->clause + "]"));
        }
    }
    if (std::string p = future_time_problem("--at", in.at, in.now); !p.empty())
        problems.push_back(p);
    if (c && in.at < c->created)
        problems.push_back(fmt::format("--at {} is before customer {} was added ({})", in.at.str(),
                                       c->id, c->created.str()));
    // Staff is a name, one line; the rest is free text that may span lines.
    using Text = std::tuple<const char*, const std::string*, bool>;  // name, value, multi-line
    for (const auto& [what, value, multi_line] :
         {Text{"staff", &r.staff, false}, Text{"note", &in.note, true},
          Text{"signature", &in.signature, true}, Text{"promise note", &in.promise_note, true},
          Text{"finding note", &in.finding_note, true}})
        if (std::string p = text_field_problem(what, *value, multi_line); !p.empty())
            problems.push_back(p);
    r.note = in.note;
    r.signature = in.signature;
    const std::vector<std::string> forms = promise_form_problems(in);
    problems.insert(problems.end(), forms.begin(), forms.end());
    if (forms.empty() && !in.promise.empty())
        r.promise = resolve_promise(in.promise, in.at.date(), problems);
    if (forms.empty() && !in.callback.empty())
        r.promise = resolve_callback(in.callback, in.at, problems);
    r.promise_note = in.promise_note;
    if (!in.promise_note.empty() && in.promise.empty() && in.callback.empty())
        problems.push_back("--promise-note goes with --promise DATE or --callback TIME");
    check_finding(policy, in, problems);
    r.finding = in.finding;
    r.finding_note = in.finding_note;
    r.set = parse_assignments(in.set, problems);
    for (const auto& [k, v] : r.set) {
        std::string p = check_attribute(policy, k, v);
        if (p.empty()) p = text_field_problem("attribute " + k, v, false);  // free-text attributes
        if (!p.empty()) problems.push_back(p);
    }
    return r;
}

AmendTarget find_amend_target(const std::vector<ContactRecord>& journal, const std::string& id) {
    AmendTarget t;
    t.id = id;
    for (const auto& r : journal) {
        if (r.id == id && !t.original) t.original = r;
        if (r.amends == id && t.amended_by.empty()) t.amended_by = r.id;
    }
    return t;
}

AmendTargetScan::AmendTargetScan(std::string id, std::string file) : file_(std::move(file)) {
    target_.id = std::move(id);
}

void AmendTargetScan::feed(const CsvRecord& record) {
    if (!columns_) {
        columns_ = ContactColumns::from_header(record.fields, file_);
        const auto& names = contact_columns();
        for (size_t i = 0; i < names.size(); ++i) {
            if (names[i] == "id") id_column_ = columns_->index[i];
            if (names[i] == "amends") amends_column_ = columns_->index[i];
        }
        return;
    }
    const auto& f = record.fields;
    if (f.size() != columns_->width) contact_from_record(*columns_, record, file_);  // throws
    const bool is_target = f[id_column_] == target_.id;
    const bool amends_target = f[amends_column_] == target_.id;
    if (!is_target && !amends_target) return;
    ContactRecord r = contact_from_record(*columns_, record, file_);
    if (is_target && !target_.original)
        target_.original = std::move(r);
    else if (amends_target && target_.amended_by.empty())
        target_.amended_by = r.id;
}

ContactRecord make_amendment(const Policy& policy, const CustomerBook& book,
                             const AmendTarget& target, const ContactInput& typed,
                             const std::vector<std::string>& given,
                             std::vector<std::string>& problems) {
    if (!target.original) {
        problems.push_back(fmt::format("--amend {}: the journal has no contact record \"{}\"",
                                       target.id, target.id));
        return {};
    }
    const ContactRecord& o = *target.original;
    if (!target.amended_by.empty()) {
        problems.push_back(
            fmt::format("--amend {}: record {} was already amended by {}; amend {} instead",
                        target.id, target.id, target.amended_by, target.amended_by));
        return {};
    }
    if (contains(given, "customer") && typed.customer != o.customer) {
        problems.push_back(fmt::format("--amend {}: record {} is for customer {}, not {}",
                                       target.id, target.id, o.customer, typed.customer));
        return {};
    }
    ContactInput in = typed;
    auto inherit = [&](const char* field, std::string& value, const std::string& from) {
        if (!contains(given, field)) value = from;
    };
    in.customer = o.customer;
    if (!contains(given, "at")) in.at = o.at;
    inherit("channel", in.channel, o.channel);
    inherit("outcome", in.outcome, o.outcome);
    inherit("staff", in.staff, o.staff);
    inherit("note", in.note, o.note);
    inherit("signature", in.signature, o.signature);
    if (!contains(given, "promise") && !contains(given, "callback")) {  // one column, two flags
        const auto kept = parse_stored_promise(o.promise);
        (kept && kept->callback >= 0 ? in.callback : in.promise) = o.promise;
    }
    inherit("promise_note", in.promise_note, o.promise_note);
    inherit("finding", in.finding, o.finding);
    inherit("finding_note", in.finding_note, o.finding_note);
    if (!contains(given, "set")) {
        in.set.clear();
        for (const auto& [k, v] : o.set) in.set.push_back(k + "=" + v);
    }
    ContactRecord r = make_contact_record(policy, book, in, problems);
    r.amends = o.id;
    auto same = [](const ContactRecord& a, const ContactRecord& b) {
        auto fa = contact_record_fields(a), fb = contact_record_fields(b);
        fa.resize(13), fb.resize(13);  // up to `set`: not id-like columns amends, logged_at
        fa[0] = fb[0] = "";
        return fa == fb;
    };
    if (problems.empty() && same(r, o))
        problems.push_back(
            fmt::format("--amend {}: nothing to change: every given value is already "
                        "that of record {}",
                        o.id, o.id));
    return r;
}

}  // namespace revisit
