#include "policy/policy_loader.h"

#include <fmt/format.h>

#include <regex>
#include <set>

#include "policy/rule_loader.h"
#include "policy/yaml_checker.h"
#include "util/date.h"
#include "util/text.h"

namespace revisit {

std::optional<Span> parse_span(const std::string& text) {
    if (text == "same-day") return Span{0, Span::Unit::Days};
    if (text == "weekly") return Span{1, Span::Unit::Weeks};
    if (text == "half-monthly") return Span{15, Span::Unit::Days};
    if (text == "monthly") return Span{1, Span::Unit::Months};
    static const std::regex pattern(R"(^(-?\d{1,4})(d|w|m|h|wd)$)");
    std::smatch m;
    if (!std::regex_match(text, m, pattern)) return std::nullopt;
    Span span;
    span.amount = std::stoi(m[1]);
    const std::string unit = m[2];
    span.unit = unit == "d"   ? Span::Unit::Days
                : unit == "w" ? Span::Unit::Weeks
                : unit == "m" ? Span::Unit::Months
                : unit == "h" ? Span::Unit::Hours
                              : Span::Unit::WorkingDays;
    return span;
}

namespace {

void load_owners(YamlChecker& yc, const YAML::Node& node, OwnersSpec& owners) {
    if (!yc.expect_map(node, "owners")) return;
    yc.check_keys(node, {"min", "clause"}, "owners");
    if (node["min"])
        if (auto v = yc.integer(node["min"], 1, 20)) owners.min = static_cast<int>(*v);
    if (node["clause"])
        if (auto v = yc.scalar(node["clause"], "a clause")) owners.clause = *v;
}

void load_attributes(YamlChecker& yc, const YAML::Node& node, Policy& policy) {
    if (!yc.expect_map(node, "attributes")) return;
    static const std::set<std::string> reserved{"id", "name", "phone", "owners", "created"};
    for (auto it = node.begin(); it != node.end(); ++it) {
        AttributeSpec spec;
        spec.key = it->first.Scalar();
        if (reserved.count(spec.key)) {
            yc.error(it->first, fmt::format("\"{}\" is a built-in customer field, not an attribute",
                                            spec.key));
            continue;
        }
        if (policy.attribute(spec.key)) {
            yc.error(it->first, fmt::format("attribute \"{}\" is declared twice", spec.key));
            continue;
        }
        const YAML::Node a = it->second;
        if (!yc.expect_map(a, fmt::format("attribute \"{}\"", spec.key))) continue;
        const std::string where = fmt::format("attribute \"{}\"", spec.key);
        yc.check_keys(a, {"type", "values", "default", "required", "label", "clause"}, where);
        std::string type = "text";
        if (a["type"])
            if (auto t = yc.scalar(a["type"], "a type")) type = *t;
        if (type == "enum") {
            spec.type = AttributeSpec::Type::Enum;
            if (yc.require(a, "values", where)) spec.values = yc.scalars(a["values"], "a value");
        } else if (type == "bool") {
            spec.type = AttributeSpec::Type::Bool;
        } else if (type == "date") {
            spec.type = AttributeSpec::Type::Date;
        } else if (type == "text") {
            spec.type = AttributeSpec::Type::Text;
        } else {
            yc.error(a["type"],
                     fmt::format("unknown type \"{}\"{}; allowed: enum, text, bool, date", type,
                                 did_you_mean(type, {"enum", "text", "bool", "date"})));
        }
        if (a["values"] && spec.type != AttributeSpec::Type::Enum)
            yc.error(a["values"], "\"values\" only goes with type: enum");
        if (a["required"])
            if (auto r = yc.boolean(a["required"])) spec.required = *r;
        if (a["label"])
            if (auto v = yc.scalar(a["label"], "a label")) spec.label = *v;
        if (a["clause"])
            if (auto v = yc.scalar(a["clause"], "a clause")) spec.clause = *v;
        policy.attributes.push_back(spec);
        if (a["default"]) {
            if (auto v = yc.scalar(a["default"], "a default value")) {
                const std::string problem = check_attribute(policy, spec.key, *v);
                if (!problem.empty()) yc.error(a["default"], problem);
                policy.attributes.back().default_value = *v;
            }
        }
    }
}

void load_channels(YamlChecker& yc, const YAML::Node& node, Policy& policy) {
    if (!yc.expect_sequence(node, "channels, strongest first")) return;
    for (const auto& c : node) {
        if (!yc.expect_map(c, "a channel")) continue;
        yc.check_keys(c, {"id", "label", "requires", "clause"}, "a channel");
        if (!yc.require(c, "id", "a channel")) continue;
        ChannelSpec spec;
        if (auto v = yc.scalar(c["id"], "a channel id")) spec.id = *v;
        if (policy.channel(spec.id))
            yc.error(c["id"], fmt::format("channel \"{}\" is listed twice", spec.id));
        if (c["label"])
            if (auto v = yc.scalar(c["label"], "a label")) spec.label = *v;
        if (c["clause"])
            if (auto v = yc.scalar(c["clause"], "a clause")) spec.clause = *v;
        if (c["requires"]) {
            for (const auto& f : yc.scalars(c["requires"], "a field name")) {
                if (f != "signature" && f != "staff" && f != "note")
                    yc.error(c["requires"],
                             fmt::format(
                                 "unknown required field \"{}\"{}; allowed: signature, staff, note",
                                 f, did_you_mean(f, {"signature", "staff", "note"})));
                spec.requires_fields.push_back(f);
            }
        }
        policy.channels.push_back(spec);
    }
}

void load_outcomes(YamlChecker& yc, const YAML::Node& node, Policy& policy) {
    if (!yc.expect_sequence(node, "outcomes")) return;
    for (const auto& o : node) {
        if (!yc.expect_map(o, "an outcome")) continue;
        yc.check_keys(o, {"id", "label", "counts"}, "an outcome");
        if (!yc.require(o, "id", "an outcome")) continue;
        OutcomeSpec spec;
        if (auto v = yc.scalar(o["id"], "an outcome id")) spec.id = *v;
        if (policy.outcome(spec.id))
            yc.error(o["id"], fmt::format("outcome \"{}\" is listed twice", spec.id));
        if (o["label"])
            if (auto v = yc.scalar(o["label"], "a label")) spec.label = *v;
        if (o["counts"])
            if (auto v = yc.boolean(o["counts"])) spec.counts = *v;
        policy.outcomes.push_back(spec);
    }
}

void load_call_windows(YamlChecker& yc, const YAML::Node& node, Policy& policy) {
    if (!yc.expect_sequence(node, "call windows such as \"10:00-11:30\"")) return;
    for (const auto& w : node) {
        auto text = yc.scalar(w, "a call window HH:MM-HH:MM");
        if (!text) continue;
        const auto dash = text->find('-');
        auto from = dash == std::string::npos ? std::nullopt : parse_clock(text->substr(0, dash));
        auto to = dash == std::string::npos ? std::nullopt : parse_clock(text->substr(dash + 1));
        if (!from || !to || *from >= *to) {
            yc.error(w, fmt::format(
                            "expected a call window HH:MM-HH:MM with the start first, got \"{}\"",
                            *text));
            continue;
        }
        policy.call_windows.push_back({*from, *to});
    }
}

std::optional<std::pair<int, int>> parse_month_day(const std::string& text) {
    auto d = Date::parse("2024-" + text);  // a leap year, so 02-29 is accepted
    if (!d || text.size() != 5) return std::nullopt;
    return std::make_pair(d->month(), d->day());
}

void load_seasons(YamlChecker& yc, const YAML::Node& node, Policy& policy) {
    if (!yc.expect_map(node, "seasons")) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
        Season s;
        s.id = it->first.Scalar();
        const std::string where = fmt::format("season \"{}\"", s.id);
        if (!yc.expect_map(it->second, where)) continue;
        yc.check_keys(it->second, {"from", "to"}, where);
        bool ok = yc.require(it->second, "from", where) & yc.require(it->second, "to", where);
        if (!ok) continue;
        for (const char* key : {"from", "to"}) {
            const YAML::Node v = it->second[key];
            auto text = yc.scalar(v, "a month-day MM-DD");
            auto md = text ? parse_month_day(*text) : std::nullopt;
            if (text && !md)
                yc.error(v, fmt::format("expected a month-day MM-DD, got \"{}\"", *text));
            if (!md) continue;
            if (std::string(key) == "from")
                s.from_month = md->first, s.from_day = md->second;
            else
                s.to_month = md->first, s.to_day = md->second;
        }
        policy.seasons.push_back(s);
    }
    // Every day of the year must fall in a season, or seasonal rules would go silent.
    if (policy.seasons.empty()) return;
    for (Date d = *Date::parse("2024-01-01"); d.year() == 2024; d = d.add_days(1)) {
        bool covered = false;
        for (const auto& s : policy.seasons) covered = covered || s.contains(d.month(), d.day());
        if (!covered) {
            yc.error(node,
                     fmt::format("no season covers {:02}-{:02}: seasons must cover the whole year",
                                 d.month(), d.day()));
            return;
        }
    }
}

void load_milestones(YamlChecker& yc, const YAML::Node& node, Policy& policy) {
    if (!yc.expect_sequence(node, "milestones")) return;
    for (const auto& m : node) {
        if (!yc.expect_map(m, "a milestone")) continue;
        yc.check_keys(m, {"id", "name", "date", "kind", "project"}, "a milestone");
        Milestone ms;
        bool ok = yc.require(m, "id", "a milestone") & yc.require(m, "date", "a milestone");
        if (!ok) continue;
        if (auto v = yc.scalar(m["id"], "a milestone id")) ms.id = *v;
        if (auto v = yc.scalar(m["date"], "a date")) {
            if (!Date::parse(*v))
                yc.error(m["date"], fmt::format("expected a date YYYY-MM-DD, got \"{}\"", *v));
            ms.date = *v;
        }
        if (m["name"])
            if (auto v = yc.scalar(m["name"], "a name")) ms.name = *v;
        if (m["kind"])
            if (auto v = yc.scalar(m["kind"], "a kind")) ms.kind = *v;
        if (m["project"])
            if (auto v = yc.scalar(m["project"], "a project")) ms.project = *v;
        if (ms.name.empty()) ms.name = ms.id;
        policy.milestones.push_back(ms);
    }
}

void load_string_map(YamlChecker& yc, const YAML::Node& node, const std::string& what,
                     std::map<std::string, std::string>& out) {
    if (!yc.expect_map(node, what)) return;
    for (auto it = node.begin(); it != node.end(); ++it)
        if (auto v = yc.scalar(it->second, "text")) out[it->first.Scalar()] = *v;
}

void check_templates(YamlChecker& yc, const YAML::Node& node, const Policy& policy) {
    std::vector<std::string> known{"salutation", "name", "owner",  "holiday",
                                   "milestone",  "date", "reason", "company"};
    for (const auto& [k, v] : policy.variables) known.push_back(k);
    static const std::regex placeholder(R"(\{([^{}]*)\})");
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string text = it->second.IsScalar() ? it->second.Scalar() : "";
        for (std::sregex_iterator m(text.begin(), text.end(), placeholder), end; m != end; ++m) {
            const std::string name = (*m)[1];
            if (std::find(known.begin(), known.end(), name) == known.end())
                yc.error(it->second,
                         fmt::format("template \"{}\" uses unknown placeholder {{{}}}{}; known: {}",
                                     it->first.Scalar(), name, did_you_mean(name, known),
                                     join(known, ", ")));
        }
    }
}

void load_survey(YamlChecker& yc, const YAML::Node& node, SurveyPolicy& survey) {
    if (!yc.expect_map(node, "survey")) return;
    yc.check_keys(node, {"valid_return_rate_above", "clause", "locale"}, "survey");
    if (node["valid_return_rate_above"])
        if (auto v = yc.number(node["valid_return_rate_above"], 0.0, 1.0))
            survey.valid_return_rate_above = *v;
    if (node["clause"])
        if (auto v = yc.scalar(node["clause"], "a clause")) survey.clause = *v;
    if (node["locale"])
        if (auto v = yc.scalar(node["locale"], "a locale", locale_problem)) survey.locale = *v;
}

void load_projects(YamlChecker& yc, const YAML::Node& node, Policy& policy) {
    if (!yc.expect_map(node, "projects (name: {occupancy: 0.6, as_of: DATE})")) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
        ProjectFacts p;
        p.name = it->first.Scalar();
        const std::string where = fmt::format("project \"{}\"", p.name);
        if (!yc.expect_map(it->second, where)) continue;
        yc.check_keys(it->second, {"occupancy", "as_of"}, where);
        if (yc.require(it->second, "occupancy", where))
            if (auto v = yc.number(it->second["occupancy"], 0.0, 1.0)) p.occupancy = *v;
        if (it->second["as_of"])
            if (auto v = yc.scalar(it->second["as_of"], "a date")) {
                if (!Date::parse(*v))
                    yc.error(it->second["as_of"],
                             fmt::format("expected a date YYYY-MM-DD, got \"{}\"", *v));
                p.as_of = *v;
            }
        policy.projects.push_back(p);
    }
}

const std::vector<std::string> kTopKeys{
    "company",      "timezone", "calendar",   "owners",    "attributes",  "channels", "outcomes",
    "call_windows", "seasons",  "milestones", "templates", "variables",   "rules",    "restraints",
    "survey",       "projects", "complaints", "findings",  "revisit_rate"};

// The rules' time zone, checked against the host's zones when `env` has them.
void load_timezone(YamlChecker& yc, const YAML::Node& node, const PolicyEnvironment& env,
                   Policy& policy) {
    auto v = yc.scalar(node, "a time zone such as Asia/Shanghai");
    if (!v) return;
    policy.timezone = *v;
    if (!env.time_zones) return;
    if (const std::string problem = time_zone_problem(*v, *env.time_zones); !problem.empty())
        yc.error(node, problem);
}

Policy load(YamlChecker& yc, const std::string& text, const PolicyEnvironment& env) {
    Policy policy;
    policy.file = yc.file();
    const YAML::Node root = yc.load(text);
    if (!root.IsDefined()) return policy;
    if (!yc.expect_map(root, "a rules file")) return policy;
    yc.check_keys(root, kTopKeys, "the rules file");
    if (yc.require(root, "company", "the rules file"))
        if (auto v = yc.scalar(root["company"], "a company name")) policy.company = *v;
    if (root["timezone"]) load_timezone(yc, root["timezone"], env, policy);
    if (root["calendar"]) {
        if (auto v = yc.scalar(root["calendar"], "a calendar name")) {
            static const std::regex name(R"(^[a-z0-9][a-z0-9_-]*$)");
            if (!std::regex_match(*v, name))
                yc.error(
                    root["calendar"],
                    fmt::format("calendar name \"{}\" must be lower-case letters, digits, - or _",
                                *v));
            else if (env.calendars && !calendar_problem(*v, *env.calendars).empty())
                yc.error(root["calendar"], calendar_problem(*v, *env.calendars));
            else
                policy.calendar = *v;
            policy.calendar_at = yc.location(root["calendar"]);
        }
    }
    if (root["owners"]) load_owners(yc, root["owners"], policy.owners);
    if (root["attributes"]) load_attributes(yc, root["attributes"], policy);
    if (root["channels"]) load_channels(yc, root["channels"], policy);
    if (root["outcomes"]) load_outcomes(yc, root["outcomes"], policy);
    if (root["call_windows"]) load_call_windows(yc, root["call_windows"], policy);
    if (root["seasons"]) load_seasons(yc, root["seasons"], policy);
    if (root["milestones"]) load_milestones(yc, root["milestones"], policy);
    if (root["variables"]) load_string_map(yc, root["variables"], "variables", policy.variables);
    if (root["templates"]) {
        load_string_map(yc, root["templates"], "templates", policy.templates);
        if (root["templates"].IsMap()) check_templates(yc, root["templates"], policy);
    }
    if (root["survey"]) load_survey(yc, root["survey"], policy.survey);
    if (root["projects"]) load_projects(yc, root["projects"], policy);
    if (root["complaints"]) load_complaint_policy(yc, root["complaints"], policy);
    load_finding_policy(yc, root, policy.findings, policy.revisit_rate);
    if (root["restraints"]) load_restraints(yc, root["restraints"], policy);
    if (root["rules"]) load_rules(yc, root["rules"], policy);
    return policy;
}

}  // namespace

std::string time_zone_problem(const std::string& zone, const PolicyEnvironment::TimeZones& zones) {
    if (zones.has && zones.has(zone)) return {};
    if (!zones.installed)
        return fmt::format(
            "time zone \"{}\" cannot be checked: there is no time zone database in {}; install "
            "the package tzdata",
            zone, zones.database);
    const std::vector<std::string> names = zones.names ? zones.names() : std::vector<std::string>{};
    std::string hint = did_you_mean(zone, names);
    if (hint.empty() && zone.find('/') == std::string::npos) {
        // "Shanghai" for "Asia/Shanghai": the city alone.
        std::vector<std::string> cities;
        for (const auto& n : names) cities.push_back(n.substr(n.find_last_of('/') + 1));
        const std::string city = closest_match(zone, cities);
        for (size_t i = 0; i < names.size() && !city.empty() && hint.empty(); ++i)
            if (cities[i] == city) hint = " (did you mean \"" + names[i] + "\"?)";
    }
    if (!hint.empty()) return fmt::format("unknown time zone \"{}\"{}", zone, hint);
    return fmt::format(
        "unknown time zone \"{}\": not in the time zone database ({}); use a name such as "
        "Asia/Shanghai or UTC",
        zone, zones.database);
}

std::string calendar_problem(const std::string& name, const PolicyEnvironment::Calendars& present) {
    for (const auto& n : present.names)
        if (n == name) return {};
    if (present.names.empty())
        return fmt::format(
            "unknown calendar \"{}\": {} holds no calendar (NAME.yaml); make one with \"revisit "
            "calendar import\" (docs/calendar.md)",
            name, present.dir);
    return fmt::format("unknown calendar \"{}\"{}; calendars in {}: {}", name,
                       did_you_mean(name, present.names), present.dir, join(present.names, ", "));
}

std::vector<std::string> check_policy(const std::string& text, const std::string& file,
                                      const PolicyEnvironment& env) {
    YamlChecker yc(file);
    load(yc, text, env);
    return diagnostic_texts(yc.diagnostics());
}

Policy parse_policy(const std::string& text, const std::string& file,
                    const PolicyEnvironment& env) {
    YamlChecker yc(file);
    Policy policy = load(yc, text, env);
    yc.throw_if_errors();
    policy.resolve_names();
    return policy;
}

}  // namespace revisit
