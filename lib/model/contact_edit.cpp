#include "model/contact_edit.h"

#include <fmt/format.h>

#include "model/customer_edit.h"
#include "util/text.h"

namespace revisit {

namespace {

std::string resolve_promise(const std::string& text, Date from, std::vector<std::string>& problems) {
    if (text.empty()) return {};
    std::optional<Date> due;
    if (text.size() >= 3 && text[0] == '+' && text.back() == 'd') {
        const std::string n = text.substr(1, text.size() - 2);
        if (n.find_first_not_of("0123456789") == std::string::npos && n.size() <= 3)
            due = from.add_days(std::stoi(n));
    } else {
        due = Date::parse(text);
    }
    if (!due) {
        problems.push_back(fmt::format("--promise \"{}\" is not a date; expected YYYY-MM-DD or +Nd", text));
        return {};
    }
    if (*due < from) {
        problems.push_back(fmt::format("--promise {} is before the contact ({})", due->str(), from.str()));
        return {};
    }
    return due->str();
}

}  // namespace

ContactRecord make_contact_record(const Policy& policy, const CustomerBook& book,
                                  const ContactInput& in, std::vector<std::string>& problems) {
    ContactRecord r;
    r.at = in.at;
    r.logged_at = in.now;
    r.customer = in.customer;
    const Customer* c = book.find(in.customer);
    if (!c) problems.push_back(unknown_customer_message(book, in.customer));
    const ChannelSpec* channel = policy.channel(in.channel);
    if (!channel)
        problems.push_back(fmt::format("unknown channel \"{}\"{}; allowed: {}", in.channel,
                                       did_you_mean(in.channel, policy.channel_ids()),
                                       join(policy.channel_ids(), ", ")));
    if (!policy.outcome(in.outcome))
        problems.push_back(fmt::format("unknown outcome \"{}\"{}; allowed: {}", in.outcome,
                                       did_you_mean(in.outcome, policy.outcome_ids()),
                                       join(policy.outcome_ids(), ", ")));
    r.channel = in.channel;
    r.outcome = in.outcome;
    r.staff = std::string(trim(in.staff));
    if (r.staff.empty()) problems.push_back("a contact names the staff member who made it (--staff)");
    if (channel) {
        for (const auto& field : channel->requires_fields) {
            const std::string& value = field == "signature" ? in.signature : field == "note" ? in.note : r.staff;
            if (trim(value).empty())
                problems.push_back(fmt::format("a {} record needs --{}{}", channel->id, field,
                                               channel->clause.empty() ? "" : " [" + channel->clause + "]"));
        }
    }
    if (in.at > in.now.add_minutes(10))
        problems.push_back(fmt::format("--at {} is in the future (now {})", in.at.str(), in.now.str()));
    if (c && in.at < c->created)
        problems.push_back(fmt::format("--at {} is before customer {} was added ({})", in.at.str(), c->id,
                                       c->created.str()));
    for (const auto& [what, value] : {std::pair{"note", &in.note}, {"signature", &in.signature},
                                      {"promise note", &in.promise_note}})
        if (!is_valid_utf8(*value)) problems.push_back(fmt::format("{} is not valid UTF-8", what));
    r.note = in.note;
    r.signature = in.signature;
    r.promise = resolve_promise(in.promise, in.at.date(), problems);
    r.promise_note = in.promise_note;
    if (!in.promise_note.empty() && in.promise.empty())
        problems.push_back("--promise-note goes with --promise DATE");
    r.set = parse_assignments(in.set, problems);
    for (const auto& [k, v] : r.set) {
        const std::string p = check_attribute(policy, k, v);
        if (!p.empty()) problems.push_back(p);
    }
    return r;
}

}  // namespace revisit
