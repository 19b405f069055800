#include "policy/complaint_policy.h"

#include <fmt/format.h>

#include <algorithm>

#include "policy/policy.h"
#include "policy/policy_loader.h"
#include "policy/yaml_checker.h"
#include "util/text.h"

namespace revisit {

const ComplaintCategory* ComplaintPolicy::category(const std::string& id) const {
    for (const auto& c : categories)
        if (c.id == id) return &c;
    return nullptr;
}

const ComplaintSeverity* ComplaintPolicy::severity(const std::string& id) const {
    for (const auto& s : severities)
        if (s.id == id) return &s;
    return nullptr;
}

bool ComplaintPolicy::has_department(const std::string& name) const {
    return std::find(departments.begin(), departments.end(), name) != departments.end();
}

std::vector<std::string> ComplaintPolicy::category_ids() const {
    std::vector<std::string> out;
    for (const auto& c : categories) out.push_back(c.id);
    return out;
}

std::vector<std::string> ComplaintPolicy::severity_ids() const {
    std::vector<std::string> out;
    for (const auto& s : severities) out.push_back(s.id);
    return out;
}

namespace {

// clang-format off
const std::vector<std::string> kKeys{
    "clause", "departments", "sources", "categories", "severities", "subject_attribute",
    "repeat_window", "repeat_priority", "repeat_clause", "on_open_set", "on_open_clause",
    "follow_up_before", "satisfaction_revisit_after", "satisfaction_clause", "channel", "priority"};
// clang-format on

// A span that may be zero ("same day") but not negative; `positive` also refuses zero.
std::optional<Span> span_at(YamlChecker& yc, const YAML::Node& node, const std::string& key,
                            bool positive = false) {
    auto text = yc.scalar(node, "a span such as 3d, 2w, 1m, 24h or 5wd");
    if (!text) return std::nullopt;
    auto span = parse_span(*text);
    if (!span) {
        yc.error(node, fmt::format("expected a span such as 0d, 3d, 2w, 1m, 24h, 5wd, weekly, "
                                   "half-monthly or monthly, got \"{}\"",
                                   *text));
        return std::nullopt;
    }
    if (positive ? span->amount <= 0 : span->amount < 0) {
        yc.error(node, fmt::format("{} must be {}, got \"{}\"", key,
                                   positive ? "positive" : "zero or more", *text));
        return std::nullopt;
    }
    return span;
}

void text_at(YamlChecker& yc, const YAML::Node& map, const char* key, std::string& out) {
    if (map[key])
        if (auto v = yc.scalar(map[key], "text")) out = *v;
}

void priority_at(YamlChecker& yc, const YAML::Node& map, const char* key, int& out) {
    if (map[key])
        if (auto v = yc.integer(map[key], -1000, 1000)) out = static_cast<int>(*v);
}

// A list of distinct names, e.g. departments or sources.
std::vector<std::string> distinct_names(YamlChecker& yc, const YAML::Node& node,
                                        const std::string& what) {
    std::vector<std::string> out;
    if (!yc.expect_sequence(node, what + "s")) return out;
    for (const auto& item : node) {
        auto v = yc.scalar(item, "a " + what);
        if (!v) continue;
        if (trim(*v).empty())
            yc.error(item, fmt::format("a {} needs a name", what));
        else if (v->find(';') != std::string::npos)
            yc.error(item, fmt::format("a {} name may not contain \";\"", what));
        else if (std::find(out.begin(), out.end(), *v) != out.end())
            yc.error(item, fmt::format("{} \"{}\" is listed twice", what, *v));
        else
            out.push_back(*v);
    }
    return out;
}

void check_department(YamlChecker& yc, const YAML::Node& node, const ComplaintPolicy& cp,
                      const std::string& who, const std::string& name) {
    if (cp.has_department(name)) return;
    yc.error(node, fmt::format("{} routes to unknown department \"{}\"{}; declared departments: {}",
                               who, name, did_you_mean(name, cp.departments),
                               cp.departments.empty() ? "(none)" : join(cp.departments, ", ")));
}

void load_categories(YamlChecker& yc, const YAML::Node& node, ComplaintPolicy& cp) {
    if (!yc.expect_sequence(node, "complaint categories")) return;
    if (node.size() == 0) yc.error(node, "complaints needs at least one category");
    for (const auto& c : node) {
        if (!yc.expect_map(c, "a complaint category")) continue;
        ComplaintCategory cat;
        if (yc.require(c, "id", "a complaint category"))
            if (auto v = yc.scalar(c["id"], "a category id")) cat.id = *v;
        const std::string where =
            cat.id.empty() ? "a complaint category" : fmt::format("category \"{}\"", cat.id);
        yc.check_keys(c, {"id", "label", "departments", "reply_within", "clause"}, where);
        if (!cat.id.empty() && cp.category(cat.id))
            yc.error(c["id"], fmt::format("category \"{}\" is listed twice", cat.id));
        text_at(yc, c, "label", cat.label);
        text_at(yc, c, "clause", cat.clause);
        if (yc.require(c, "departments", where)) {
            for (const auto& d : yc.scalars(c["departments"], "a department")) {
                check_department(yc, c["departments"], cp, where, d);
                cat.departments.push_back(d);
            }
            if (cat.departments.empty())
                yc.error(c["departments"], where + " needs at least one department");
        }
        if (yc.require(c, "reply_within", where))
            if (auto s = span_at(yc, c["reply_within"], "reply_within")) cat.reply_within = *s;
        if (cat.label.empty()) cat.label = cat.id;
        cp.categories.push_back(cat);
    }
}

void load_severities(YamlChecker& yc, const YAML::Node& node, ComplaintPolicy& cp) {
    if (!yc.expect_map(node, "severities (id: {escalate_to, reply_within, priority, clause})"))
        return;
    for (auto it = node.begin(); it != node.end(); ++it) {
        ComplaintSeverity sev;
        sev.id = it->first.Scalar();
        const std::string where = fmt::format("severity \"{}\"", sev.id);
        if (!yc.expect_map(it->second, where)) continue;
        const YAML::Node s = it->second;
        yc.check_keys(s, {"label", "escalate_to", "reply_within", "priority", "clause"}, where);
        text_at(yc, s, "label", sev.label);
        text_at(yc, s, "escalate_to", sev.escalate_to);
        text_at(yc, s, "clause", sev.clause);
        priority_at(yc, s, "priority", sev.priority);
        if (s["reply_within"]) sev.reply_within = span_at(yc, s["reply_within"], "reply_within");
        if (sev.label.empty()) sev.label = sev.id;
        if (sev.id == "normal")
            cp.severities.front() = sev;
        else
            cp.severities.push_back(sev);
    }
}

void load_on_open_set(YamlChecker& yc, const YAML::Node& node, const Policy& policy,
                      ComplaintPolicy& cp) {
    if (!yc.expect_map(node, "on_open_set (attribute: value)")) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = it->first.Scalar();
        auto value = yc.scalar(it->second, "an attribute value");
        if (!value) continue;
        const std::string problem = check_attribute(policy, key, *value);
        if (!problem.empty()) {
            yc.error(policy.attribute(key) ? it->second : it->first, "on_open_set: " + problem);
            continue;
        }
        cp.on_open_set.emplace_back(key, *value);
    }
}

void check_channel(YamlChecker& yc, const YAML::Node& node, const Policy& policy,
                   ComplaintPolicy& cp) {
    auto v = yc.scalar(node, "a channel");
    if (!v) return;
    if (!policy.channel(*v))
        yc.error(node, fmt::format("unknown channel \"{}\"{}; allowed: {}", *v,
                                   did_you_mean(*v, policy.channel_ids()),
                                   join(policy.channel_ids(), ", ")));
    cp.channel = *v;
}

}  // namespace

void load_complaint_policy(YamlChecker& yc, const YAML::Node& node, Policy& policy) {
    ComplaintPolicy& cp = policy.complaints;
    cp = ComplaintPolicy();
    if (!yc.expect_map(node, "complaints")) return;
    cp.enabled = true;
    yc.check_keys(node, kKeys, "complaints");
    text_at(yc, node, "clause", cp.clause);
    if (yc.require(node, "departments", "complaints"))
        cp.departments = distinct_names(yc, node["departments"], "department");
    if (node["sources"]) {
        cp.sources = distinct_names(yc, node["sources"], "source");
        if (node["sources"].IsSequence() && cp.sources.empty())
            yc.error(node["sources"], "sources needs at least one source, e.g. [direct]");
    }
    if (yc.require(node, "categories", "complaints")) load_categories(yc, node["categories"], cp);
    if (node["severities"]) load_severities(yc, node["severities"], cp);
    if (node["subject_attribute"])
        if (auto v = yc.scalar(node["subject_attribute"], "an attribute name")) {
            if (!policy.attribute(*v))
                yc.error(node["subject_attribute"],
                         fmt::format("subject_attribute: unknown attribute \"{}\"{}; the rules "
                                     "file declares: {}",
                                     *v, did_you_mean(*v, policy.attribute_keys()),
                                     join(policy.attribute_keys(), ", ")));
            cp.subject_attribute = *v;
        }
    if (node["repeat_window"])
        cp.repeat_window = span_at(yc, node["repeat_window"], "repeat_window", true);
    priority_at(yc, node, "repeat_priority", cp.repeat_priority);
    text_at(yc, node, "repeat_clause", cp.repeat_clause);
    if (node["on_open_set"]) load_on_open_set(yc, node["on_open_set"], policy, cp);
    text_at(yc, node, "on_open_clause", cp.on_open_clause);
    if (node["follow_up_before"])
        if (auto s = span_at(yc, node["follow_up_before"], "follow_up_before"))
            cp.follow_up_before = *s;
    if (node["satisfaction_revisit_after"])
        cp.satisfaction_revisit_after =
            span_at(yc, node["satisfaction_revisit_after"], "satisfaction_revisit_after");
    text_at(yc, node, "satisfaction_clause", cp.satisfaction_clause);
    if (node["channel"]) check_channel(yc, node["channel"], policy, cp);
    priority_at(yc, node, "priority", cp.priority);
}

}  // namespace revisit
