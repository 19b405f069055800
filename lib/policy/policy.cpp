#include "policy/policy.h"

#include <fmt/format.h>

#include "util/date.h"
#include "util/text.h"

namespace revisit {

std::string locale_problem(const std::string& locale) {
    for (const auto& known : kReportLocales)
        if (locale == known) return "";
    return fmt::format("unknown locale \"{}\"{}; allowed: {}", locale,
                       did_you_mean(locale, kReportLocales), join(kReportLocales, ", "));
}

std::string Span::str() const {
    switch (unit) {
        case Unit::Days:
            return fmt::format("{}d", amount);
        case Unit::Weeks:
            return fmt::format("{}w", amount);
        case Unit::Months:
            return fmt::format("{}m", amount);
        case Unit::Hours:
            return fmt::format("{}h", amount);
        case Unit::WorkingDays:
            return fmt::format("{}wd", amount);
    }
    return "?";
}

std::string Anchor::str() const {
    switch (kind) {
        case Kind::Created:
            return "created";
        case Kind::AttributeSet:
            return key + "=" + value;
        case Kind::DateAttribute:
            return "date:" + key;
        case Kind::RuleDone:
            return "rule:" + key;
    }
    return "?";
}

bool Season::contains(int month, int day) const {
    const int md = month * 100 + day, from = from_month * 100 + from_day,
              to = to_month * 100 + to_day;
    return from <= to ? (md >= from && md <= to)
                      : (md >= from || md <= to);  // may wrap the new year
}

namespace {
template <typename T>
const T* find_by_id(const std::vector<T>& items, const std::string& id) {
    for (const auto& item : items)
        if (same_text(item.id, id)) return &item;
    return nullptr;
}
}  // namespace

const AttributeSpec* Policy::attribute(const std::string& key) const {
    for (const auto& a : attributes)
        if (same_text(a.key, key)) return &a;
    return nullptr;
}
const ChannelSpec* Policy::channel(const std::string& id) const { return find_by_id(channels, id); }
const OutcomeSpec* Policy::outcome(const std::string& id) const { return find_by_id(outcomes, id); }
const Rule* Policy::rule(const std::string& id) const { return find_by_id(rules, id); }

std::vector<std::string> Policy::attribute_keys() const {
    std::vector<std::string> out;
    for (const auto& a : attributes) out.push_back(a.key);
    return out;
}
std::vector<std::string> Policy::channel_ids() const {
    std::vector<std::string> out;
    for (const auto& c : channels) out.push_back(c.id);
    return out;
}
std::vector<std::string> Policy::outcome_ids() const {
    std::vector<std::string> out;
    for (const auto& o : outcomes) out.push_back(o.id);
    return out;
}

int Policy::channel_strength(const std::string& id) const {
    for (size_t i = 0; i < channels.size(); ++i)
        if (same_text(channels[i].id, id)) return static_cast<int>(i);
    return 1000;
}

void Policy::resolve_names() {
    auto resolve = [&](Match& m) {
        m.attribute_index.clear();
        for (const auto& [key, values] : m.conditions) {
            const AttributeSpec* a = attribute(key);
            m.attribute_index.push_back(a ? static_cast<int>(a - attributes.data()) : -1);
        }
    };
    for (auto& r : rules) {
        resolve(r.when);
        resolve(r.unless);
        const Rule* anchor = r.anchor.kind == Anchor::Kind::RuleDone ? rule(r.anchor.key) : nullptr;
        r.anchor.rule_index = anchor ? static_cast<int>(anchor - rules.data()) : -1;
    }
    for (auto& r : restraints) resolve(r.when);
}

std::string check_attribute(const Policy& policy, const std::string& key,
                            const std::string& value) {
    const AttributeSpec* spec = policy.attribute(key);
    if (!spec) {
        return fmt::format("unknown attribute \"{}\"{}; the rules file declares: {}", key,
                           did_you_mean(key, policy.attribute_keys()),
                           join(policy.attribute_keys(), ", "));
    }
    if (value.empty()) {
        if (spec->required) return fmt::format("attribute \"{}\" is required", key);
        return {};
    }
    if (value.find('\n') != std::string::npos || value.find('\r') != std::string::npos)
        return fmt::format("attribute \"{}\" must be a single line", key);
    switch (spec->type) {
        case AttributeSpec::Type::Enum: {
            for (const auto& v : spec->values)
                if (v == value) return {};
            return fmt::format("\"{}\" is not an allowed value of \"{}\"; allowed: {}", value, key,
                               join(spec->values, ", "));
        }
        case AttributeSpec::Type::Bool:
            if (value == "yes" || value == "no") return {};
            return fmt::format("\"{}\" is not an allowed value of \"{}\"; allowed: yes, no", value,
                               key);
        case AttributeSpec::Type::Date:
            if (Date::parse(value)) return {};
            return fmt::format("\"{}\" is not a date for \"{}\"; expected YYYY-MM-DD", value, key);
        case AttributeSpec::Type::Text:
            return {};
    }
    return {};
}

}  // namespace revisit
