#include "policy/rule_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>

#include "policy/policy_loader.h"
#include "util/text.h"

namespace revisit {

Match load_match(YamlChecker& yc, const YAML::Node& node, const Policy& policy,
                 const std::string& where) {
    Match match;
    if (!yc.expect_map(node, where + " conditions (attribute: value)")) return match;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = it->first.Scalar();
        std::vector<std::string> values = yc.scalars(it->second, "a value");
        if (!policy.attribute(key)) {
            yc.error(it->first, fmt::format("{} refers to unknown attribute \"{}\"{}", where, key,
                                            did_you_mean(key, policy.attribute_keys())));
            continue;
        }
        for (const auto& v : values) {
            const std::string problem = check_attribute(policy, key, v);
            if (!problem.empty()) yc.error(it->second, problem);
        }
        match.conditions.emplace_back(key, values);
    }
    return match;
}

namespace {

const std::vector<std::string> kRuleKeys{"id",
                                         "clause",
                                         "reason",
                                         "when",
                                         "unless",
                                         "anchor",
                                         "start",
                                         "within",
                                         "every",
                                         "on",
                                         "days_before",
                                         "milestone_kinds",
                                         "channel",
                                         "satisfied_by",
                                         "template",
                                         "priority",
                                         "project_occupancy_above"};

std::optional<Span> span_at(YamlChecker& yc, const YAML::Node& node) {
    auto text = yc.scalar(node, "a span such as 3d, 2w, 1m, 24h or 5wd");
    if (!text) return std::nullopt;
    auto span = parse_span(*text);
    if (!span)
        yc.error(node, fmt::format("expected a span such as 0d, 3d, 2w, 1m, 24h, 5wd, weekly, "
                                   "half-monthly or monthly, got \"{}\"",
                                   *text));
    return span;
}

void load_anchor(YamlChecker& yc, const YAML::Node& node, const Policy& policy, Anchor& anchor) {
    auto text = yc.scalar(node, "an anchor");
    if (!text) return;
    const std::string& t = *text;
    if (t == "created") {
        anchor.kind = Anchor::Kind::Created;
    } else if (t.rfind("rule:", 0) == 0) {
        anchor.kind = Anchor::Kind::RuleDone;
        anchor.key = t.substr(5);  // checked once every rule is known
    } else if (t.rfind("date:", 0) == 0) {
        anchor.kind = Anchor::Kind::DateAttribute;
        anchor.key = t.substr(5);
        const AttributeSpec* a = policy.attribute(anchor.key);
        if (!a || a->type != AttributeSpec::Type::Date)
            yc.error(node, fmt::format("anchor \"{}\" needs an attribute of type date", t));
    } else if (t.find('=') != std::string::npos) {
        anchor.kind = Anchor::Kind::AttributeSet;
        anchor.key = t.substr(0, t.find('='));
        anchor.value = t.substr(t.find('=') + 1);
        const std::string problem = check_attribute(policy, anchor.key, anchor.value);
        if (!problem.empty()) yc.error(node, "anchor: " + problem);
    } else {
        yc.error(node, fmt::format("expected an anchor: created, ATTRIBUTE=VALUE, date:ATTRIBUTE "
                                   "or rule:RULE_ID, got \"{}\"",
                                   t));
    }
}

// `phone` or `{peak: phone, off-peak: visit}`.
void load_channel(YamlChecker& yc, const YAML::Node& node, const Policy& policy, Rule& rule) {
    auto check = [&](const YAML::Node& n, const std::string& id) {
        if (policy.channels.empty())
            yc.error(n, fmt::format("unknown channel \"{}\": the rules file declares no channels "
                                    "(add a \"channels:\" list)",
                                    id));
        else if (!policy.channel(id))
            yc.error(n, fmt::format("unknown channel \"{}\"{}; allowed: {}", id,
                                    did_you_mean(id, policy.channel_ids()),
                                    join(policy.channel_ids(), ", ")));
    };
    if (node.IsMap()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            const std::string season = it->first.Scalar();
            bool known = false;
            for (const auto& s : policy.seasons) known = known || s.id == season;
            if (!known) yc.error(it->first, fmt::format("unknown season \"{}\"", season));
            if (auto v = yc.scalar(it->second, "a channel")) {
                check(it->second, *v);
                rule.channel_in_season[season] = *v;
            }
        }
        if (!rule.channel_in_season.empty()) rule.channel = rule.channel_in_season.begin()->second;
    } else if (auto v = yc.scalar(node, "a channel")) {
        check(node, *v);
        rule.channel = *v;
    }
}

std::optional<Span> interval_at(YamlChecker& yc, const YAML::Node& node) {
    auto span = span_at(yc, node);
    if (span && span->amount <= 0) {
        yc.error(node, fmt::format("an interval must be positive, got \"{}\"", span->str()));
        return std::nullopt;
    }
    return span;
}

void load_every(YamlChecker& yc, const YAML::Node& node, const Policy& policy, Rule& rule) {
    if (!node.IsMap()) {
        if (auto s = interval_at(yc, node)) rule.every = *s;
        return;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string season = it->first.Scalar();
        bool known = false;
        for (const auto& s : policy.seasons) known = known || s.id == season;
        if (!known) yc.error(it->first, fmt::format("unknown season \"{}\"", season));
        if (auto s = interval_at(yc, it->second)) rule.every_in_season[season] = *s;
    }
    for (const auto& s : policy.seasons)
        if (!rule.every_in_season.count(s.id))
            yc.error(node,
                     fmt::format("rule \"{}\" has no interval for season \"{}\"", rule.id, s.id));
}

void load_satisfied_by(YamlChecker& yc, const YAML::Node& node, const Policy& policy, Rule& rule) {
    if (!yc.expect_map(node, "satisfied_by")) return;
    yc.check_keys(node, {"channels", "outcomes"}, "satisfied_by");
    if (node["channels"])
        for (const auto& c : yc.scalars(node["channels"], "a channel")) {
            if (!policy.channel(c))
                yc.error(node["channels"], fmt::format("unknown channel \"{}\"{}", c,
                                                       did_you_mean(c, policy.channel_ids())));
            rule.satisfied_by_channels.push_back(c);
        }
    if (node["outcomes"])
        for (const auto& o : yc.scalars(node["outcomes"], "an outcome")) {
            if (!policy.outcome(o))
                yc.error(node["outcomes"], fmt::format("unknown outcome \"{}\"{}", o,
                                                       did_you_mean(o, policy.outcome_ids())));
            rule.satisfied_by_outcomes.push_back(o);
        }
}

// The fewest and most whole days a span can cover; nullopt where there is no bound.
// A month is 28 to 31 days; n working days are at least n days and at most unbounded
// (holidays). Spans may be negative ("before the anchor").
std::pair<std::optional<long>, std::optional<long>> day_range(const Span& s) {
    const long a = s.amount;
    switch (s.unit) {
        case Span::Unit::Hours:  // rounded down, then up
            return {a >= 0 ? a / 24 : -((-a + 23) / 24), a >= 0 ? (a + 23) / 24 : -(-a / 24)};
        case Span::Unit::Days:
            return {a, a};
        case Span::Unit::Weeks:
            return {7 * a, 7 * a};
        case Span::Unit::Months:
            return {std::min(28 * a, 31 * a), std::max(28 * a, 31 * a)};
        case Span::Unit::WorkingDays:
            if (a >= 0) return {a, std::nullopt};
            return {std::nullopt, a};
    }
    return {std::nullopt, std::nullopt};
}

// True when `start` after an anchor always falls past the `within` deadline. Spans of
// different units are compared in whole days, `start` as early and `within` as late as
// they can be.
bool starts_after(const Span& start, const Span& within) {
    if (start.unit == within.unit) return start.amount > within.amount;
    const auto earliest = day_range(start).first, latest = day_range(within).second;
    return earliest && latest && *earliest > *latest;
}

bool contradicts(const Match& when, const Match& unless) {
    // The rule never fires when some `unless` condition holds for every value `when` allows.
    for (const auto& [ukey, uvalues] : unless.conditions)
        for (const auto& [wkey, wvalues] : when.conditions) {
            if (ukey != wkey) continue;
            bool all = true;
            for (const auto& w : wvalues)
                all = all && std::find(uvalues.begin(), uvalues.end(), w) != uvalues.end();
            if (all) return true;
        }
    return false;
}

// A rule's template, priority and project occupancy (load_one_rule).
void load_rule_extras(YamlChecker& yc, const YAML::Node& r, const Policy& policy,
                      const std::string& where, Rule& rule) {
    if (r["template"]) {
        if (auto v = yc.scalar(r["template"], "a template id")) {
            rule.message_template = *v;
            if (!policy.templates.count(*v)) {
                std::vector<std::string> ids;
                for (const auto& [k, t] : policy.templates) ids.push_back(k);
                yc.error(r["template"],
                         fmt::format("unknown template \"{}\"{}", *v, did_you_mean(*v, ids)));
            }
        }
    }
    if (r["priority"])
        if (auto v = yc.integer(r["priority"], -1000, 1000)) rule.priority = static_cast<int>(*v);
    if (r["project_occupancy_above"]) {
        if (auto v = yc.number(r["project_occupancy_above"], 0.0, 1.0))
            rule.project_occupancy_above = *v;
        if (!policy.attribute("project"))
            yc.error(r["project_occupancy_above"],
                     fmt::format("{} needs a \"project\" attribute to find the customer's project",
                                 where));
        if (policy.projects.empty())
            yc.error(
                r["project_occupancy_above"],
                fmt::format("{} can never fire: no projects are declared (add a \"projects:\" map)",
                            where));
    }
}

// Which kind of rule it is (within, every or on) and its span.
void load_rule_kind(YamlChecker& yc, const YAML::Node& r, const Policy& policy,
                    const std::string& where, Rule& rule) {
    const int kinds = (r["within"] ? 1 : 0) + (r["every"] ? 1 : 0) + (r["on"] ? 1 : 0);
    if (kinds != 1) {
        yc.error(r, fmt::format("{} needs exactly one of \"within\" (once), \"every\" (recurring) "
                                "or \"on\" (holidays/milestones)",
                                where));
    } else if (r["within"]) {
        rule.kind = Rule::Kind::Once;
        const auto within = span_at(yc, r["within"]);
        const auto start = r["start"] ? span_at(yc, r["start"]) : std::nullopt;
        if (within) rule.within = *within;
        if (start) rule.start = *start;
        if (within && start && starts_after(*start, *within))
            yc.error(r["start"], fmt::format("{} can never be met: start {} is after within {}",
                                             where, rule.start.str(), rule.within.str()));
    } else if (r["every"]) {
        rule.kind = Rule::Kind::Every;
        load_every(yc, r["every"], policy, rule);
    } else if (auto on = yc.scalar(r["on"], "holidays or milestones")) {
        if (*on == "holidays") {
            rule.kind = Rule::Kind::Holidays;
        } else if (*on == "milestones") {
            rule.kind = Rule::Kind::Milestones;
        } else {
            yc.error(r["on"], fmt::format("expected \"holidays\" or \"milestones\", got \"{}\"{}",
                                          *on, did_you_mean(*on, {"holidays", "milestones"})));
        }
    }
}

// days_before, milestone_kinds, and the checks that the rule can fire at all.
void check_rule_fires(YamlChecker& yc, const YAML::Node& r, const Policy& policy,
                      const std::string& where, Rule& rule) {
    if (r["days_before"])
        if (auto v = yc.integer(r["days_before"], 0, 60)) rule.days_before = static_cast<int>(*v);
    if (r["milestone_kinds"])
        rule.milestone_kinds = yc.scalars(r["milestone_kinds"], "a milestone kind");
    if (rule.kind == Rule::Kind::Milestones) {
        bool any = false;
        for (const auto& m : policy.milestones)
            any = any || rule.milestone_kinds.empty() ||
                  std::find(rule.milestone_kinds.begin(), rule.milestone_kinds.end(), m.kind) !=
                      rule.milestone_kinds.end();
        if (!any)
            yc.error(
                r, fmt::format("{} can never fire: no milestone of its kinds is declared", where));
    }
    if (contradicts(rule.when, rule.unless))
        yc.error(r["unless"],
                 fmt::format("{} can never fire: \"unless\" excludes every value \"when\" allows",
                             where));
    if (!rule.channel.empty() && !rule.satisfied_by_channels.empty() &&
        std::find(rule.satisfied_by_channels.begin(), rule.satisfied_by_channels.end(),
                  rule.channel) == rule.satisfied_by_channels.end())
        yc.error(r["channel"], fmt::format("{} asks for \"{}\" but only {} satisfy it", where,
                                           rule.channel, join(rule.satisfied_by_channels, ", ")));
}

void load_one_rule(YamlChecker& yc, const YAML::Node& r, Policy& policy) {
    if (!yc.expect_map(r, "a rule")) return;
    Rule rule;
    rule.where = yc.location(r);
    if (yc.require(r, "id", "a rule"))
        if (auto v = yc.scalar(r["id"], "a rule id")) rule.id = *v;
    const std::string where = rule.id.empty() ? "a rule" : fmt::format("rule \"{}\"", rule.id);
    yc.check_keys(r, kRuleKeys, where);
    if (!rule.id.empty() && policy.rule(rule.id))
        yc.error(r["id"], fmt::format("rule id \"{}\" is used twice", rule.id));
    if (yc.require(r, "clause", where))
        if (auto v = yc.scalar(r["clause"], "the article this rule implements")) rule.clause = *v;
    if (r["reason"])
        if (auto v = yc.scalar(r["reason"], "a reason")) rule.reason = *v;
    if (r["when"]) rule.when = load_match(yc, r["when"], policy, where + " when");
    if (r["unless"]) rule.unless = load_match(yc, r["unless"], policy, where + " unless");
    if (r["anchor"]) load_anchor(yc, r["anchor"], policy, rule.anchor);
    if (yc.require(r, "channel", where)) load_channel(yc, r["channel"], policy, rule);
    if (r["satisfied_by"]) load_satisfied_by(yc, r["satisfied_by"], policy, rule);
    load_rule_extras(yc, r, policy, where, rule);
    load_rule_kind(yc, r, policy, where, rule);
    check_rule_fires(yc, r, policy, where, rule);
    policy.rules.push_back(rule);
}

// rule:X anchors must name a rule, and chains of them must not loop.
void check_rule_anchors(YamlChecker& yc, const YAML::Node& node, const Policy& policy) {
    std::vector<std::string> ids;
    for (const auto& r : policy.rules) ids.push_back(r.id);
    size_t i = 0;
    for (const auto& r : node) {
        if (!r.IsMap()) continue;  // not a rule: load_one_rule reported it and kept nothing
        if (i >= policy.rules.size()) break;
        const Rule& rule = policy.rules[i++];
        if (rule.anchor.kind != Anchor::Kind::RuleDone) continue;
        if (!policy.rule(rule.anchor.key)) {
            yc.error(r["anchor"], fmt::format("anchor refers to unknown rule \"{}\"{}",
                                              rule.anchor.key, did_you_mean(rule.anchor.key, ids)));
            continue;
        }
        std::set<std::string> seen{rule.id};
        const Rule* cur = policy.rule(rule.anchor.key);
        while (cur && cur->anchor.kind == Anchor::Kind::RuleDone) {
            if (!seen.insert(cur->id).second) {
                yc.error(
                    r["anchor"],
                    fmt::format("rule \"{}\" can never fire: its anchors form a loop", rule.id));
                break;
            }
            cur = policy.rule(cur->anchor.key);
        }
    }
}

}  // namespace

void load_rules(YamlChecker& yc, const YAML::Node& node, Policy& policy) {
    if (!yc.expect_sequence(node, "rules")) return;
    for (const auto& r : node) load_one_rule(yc, r, policy);
    check_rule_anchors(yc, node, policy);
}

void load_restraints(YamlChecker& yc, const YAML::Node& node, Policy& policy) {
    if (!yc.expect_sequence(node, "restraints")) return;
    for (const auto& r : node) {
        if (!yc.expect_map(r, "a restraint")) continue;
        yc.check_keys(r, {"when", "factor", "clause"}, "a restraint");
        Restraint restraint;
        if (yc.require(r, "when", "a restraint"))
            restraint.when = load_match(yc, r["when"], policy, "restraint when");
        if (yc.require(r, "factor", "a restraint"))
            if (auto v = yc.number(r["factor"], 1.0, 12.0)) restraint.factor = *v;
        if (r["clause"])
            if (auto v = yc.scalar(r["clause"], "a clause")) restraint.clause = *v;
        policy.restraints.push_back(restraint);
    }
}

}  // namespace revisit
