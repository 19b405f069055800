#include "model/customer_edit.h"

#include <fmt/format.h>

#include <set>

#include "model/phone.h"
#include "util/text.h"

namespace revisit {

KeyValues parse_assignments(const std::vector<std::string>& items,
                            std::vector<std::string>& problems) {
    KeyValues out;
    for (const auto& item : items) {
        const auto eq = item.find('=');
        if (eq == std::string::npos || eq == 0) {
            problems.push_back(fmt::format("expected key=value, got \"{}\"", item));
            continue;
        }
        out.emplace_back(std::string(trim(item.substr(0, eq))),
                         std::string(trim(item.substr(eq + 1))));
    }
    return out;
}

namespace {

void check_text(const std::string& what, const std::string& value, size_t max_bytes,
                std::vector<std::string>& problems) {
    if (!is_valid_utf8(value))
        problems.push_back(what + " is not valid UTF-8");
    else if (value.size() > max_bytes)
        problems.push_back(
            fmt::format("{} is too long ({} bytes, at most {})", what, value.size(), max_bytes));
    else if (std::string p = text_field_problem(what, value, false); !p.empty())
        problems.push_back(p);  // a line end, or a control character such as NUL
}

void check_owners(const Policy& policy, const std::vector<std::string>& owners,
                  std::vector<std::string>& problems) {
    std::set<std::string> distinct;
    for (const auto& o : owners) {
        if (o.empty() || o.find(';') != std::string::npos)
            problems.push_back(fmt::format("bad owner \"{}\": a staff name, without \";\"", o));
        check_text("owner", o, 64, problems);
        distinct.insert(o);
    }
    if (static_cast<int>(distinct.size()) < policy.owners.min) {
        problems.push_back(
            fmt::format("a customer needs at least {} different owners (--owner), got {}{}",
                        policy.owners.min, distinct.size(),
                        policy.owners.clause.empty() ? "" : " [" + policy.owners.clause + "]"));
    }
}

void check_set(const Policy& policy, const KeyValues& set, std::vector<std::string>& problems) {
    std::set<std::string> seen;
    for (const auto& [k, v] : set) {
        if (!seen.insert(k).second)
            problems.push_back(fmt::format("attribute \"{}\" is set twice", k));
        const std::string p = check_attribute(policy, k, v);
        if (!p.empty()) problems.push_back(p);
        check_text("attribute " + k, v, 200, problems);
    }
}

std::string normalized_phone(const CustomerBook& book, const std::string& raw, bool allow_duplicate,
                             const std::string& self_id, std::vector<std::string>& problems) {
    auto phone = normalize_phone(raw);
    if (!phone) {
        problems.push_back(fmt::format(
            "\"{}\" is not a phone number: expected a mobile (11 digits, 1[3-9]...) or a landline "
            "with area code (010-12345678)",
            raw));
        return {};
    }
    const Customer* existing = book.find_by_phone(*phone);
    if (existing && existing->id != self_id && !allow_duplicate)
        problems.push_back(
            fmt::format("phone {} already belongs to customer {} ({}); use "
                        "--allow-duplicate if this is really another customer",
                        *phone, existing->id, existing->name));
    return *phone;
}

}  // namespace

CustomerRecord make_add_record(const Policy& policy, const CustomerBook& book,
                               const CustomerInput& input, DateTime at,
                               std::vector<std::string>& problems) {
    CustomerRecord r;
    r.at = at;
    r.op = "add";
    r.id = input.id.empty() ? book.next_id() : input.id;
    if (!is_valid_id(r.id))
        problems.push_back(
            fmt::format("bad id \"{}\": use 1-32 letters, digits, '-', '_' or '.'", r.id));
    else if (book.find(r.id))
        problems.push_back(
            fmt::format("customer {} already exists ({})", r.id, book.find(r.id)->name));
    r.name = std::string(trim(input.name));
    if (r.name.empty()) problems.push_back("a customer needs a name (--name)");
    check_text("name", r.name, 200, problems);
    if (input.phone.empty())
        problems.push_back("a customer needs a phone number (--phone)");
    else
        r.phone = normalized_phone(book, input.phone, input.allow_duplicate_phone, "", problems);
    r.owners = input.owners;
    check_owners(policy, r.owners, problems);
    check_set(policy, input.set, problems);
    r.set = input.set;
    for (const auto& spec : policy.attributes) {
        bool given = false;
        for (const auto& [k, v] : input.set) given = given || k == spec.key;
        if (given) continue;
        if (!spec.default_value.empty())
            r.set.emplace_back(spec.key, spec.default_value);
        else if (spec.required)
            problems.push_back(
                fmt::format("attribute \"{}\" is required (--set {}=...)", spec.key, spec.key));
    }
    return r;
}

CustomerRecord make_update_record(const Policy& policy, const CustomerBook& book,
                                  const std::string& id, const CustomerInput& change, DateTime at,
                                  std::vector<std::string>& problems) {
    CustomerRecord r;
    r.at = at;
    r.op = "update";
    r.id = id;
    const Customer* c = book.find(id);
    if (!c) {
        problems.push_back(unknown_customer_message(book, id));
        return r;
    }
    if (at < c->created)
        problems.push_back(
            fmt::format("{} is before the customer was added ({})", at.str(), c->created.str()));
    r.name = std::string(trim(change.name));
    check_text("name", r.name, 200, problems);
    if (!change.phone.empty())
        r.phone = normalized_phone(book, change.phone, change.allow_duplicate_phone, id, problems);
    if (!change.owners.empty()) {
        r.owners = change.owners;
        check_owners(policy, r.owners, problems);
    }
    check_set(policy, change.set, problems);
    for (const auto& [k, v] : change.set) {
        const std::string* current = c->attribute(k);
        if (!(current ? *current == v : v.empty())) r.set.emplace_back(k, v);
    }
    if (r.name == c->name) r.name.clear();
    if (r.phone == c->phone) r.phone.clear();
    if (r.owners == c->owners) r.owners.clear();
    if (problems.empty() && r.name.empty() && r.phone.empty() && r.owners.empty() && r.set.empty())
        problems.push_back("nothing to change: every given value is already current");
    return r;
}

std::string future_time_problem(std::string_view what, DateTime at, DateTime now) {
    if (at <= now.add_minutes(kAheadOfClockMinutes)) return {};
    return fmt::format("{} {} is in the future (now {})", what, at.str(), now.str());
}

std::string unknown_customer_message(const CustomerBook& book, const std::string& id) {
    std::vector<std::string> hints;
    const std::optional<std::string> phone = normalize_phone(id);  // a phone typed instead
    for (const auto& c : book.all()) {
        if (hints.size() >= 3) break;
        const bool close_id = edit_distance(to_lower_ascii(c.id), to_lower_ascii(id)) <= 2;
        const bool name_or_phone = c.name == id || c.phone == id || (phone && c.phone == *phone) ||
                                   (id.size() >= 4 && c.phone.find(id) != std::string::npos);
        if (close_id || name_or_phone)
            hints.push_back(fmt::format("{} {} {}", c.id, c.name, c.phone));
    }
    std::string msg = fmt::format("unknown customer \"{}\"", id);
    if (!hints.empty()) msg += "; did you mean: " + join(hints, "; ");
    return msg;
}

}  // namespace revisit
