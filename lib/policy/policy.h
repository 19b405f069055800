#pragma once
// A company's revisit policy, as loaded from its rules file (docs/rules.md has every key).
// Plain values: the loader builds them, the scheduler and validators read them.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "policy/complaint_policy.h"
#include "policy/finding_policy.h"
#include "policy/span.h"
#include "util/error.h"

namespace revisit {

// A customer attribute the rules file declares (grade, stage, key-customer...).
struct AttributeSpec {
    enum class Type { Enum, Text, Bool, Date };
    std::string key;
    Type type = Type::Text;
    std::vector<std::string> values;  // Enum: the allowed values
    std::string default_value;        // applied on add-customer when not given
    bool required = false;
    std::string label;   // human name, e.g. 客户等级
    std::string clause;  // article the attribute serves
};

struct OwnersSpec {
    int min = 1;
    std::string clause;
};

struct ChannelSpec {
    std::string id;                            // phone, visit, sms, letter
    std::string label;                         // 电话
    std::vector<std::string> requires_fields;  // e.g. visit needs "signature" (S0.2-4.1)
    std::string clause;
};

struct OutcomeSpec {
    std::string id;  // reached, no-answer...
    std::string label;
    bool counts = false;  // satisfies rules unless a rule says otherwise
};

struct CallWindow {
    int from = 0, to = 0;  // minutes of the day
};

// A named date range repeating every year ("03-01" .. "10-31"); may wrap the new year.
struct Season {
    std::string id;
    int from_month = 1, from_day = 1, to_month = 12, to_day = 31;
    bool contains(int month, int day) const;
};

struct Milestone {
    std::string id;
    std::string name;     // 开盘, 封顶 ...
    std::string date;     // YYYY-MM-DD
    std::string project;  // empty: every project
    std::string kind;     // opening, promotion, topping-out, handover, ...
};

// Conditions on a customer's current attributes: every key must hold one of its values.
struct Match {
    std::vector<std::pair<std::string, std::vector<std::string>>> conditions;
    // Each condition's key as an index into Policy::attributes (-1: not declared), filled by
    // Policy::resolve_names() so the scheduler need not look keys up by name.
    std::vector<int> attribute_index;
    bool empty() const { return conditions.empty(); }
};

// The event a rule's clock starts from.
struct Anchor {
    enum class Kind { Created, AttributeSet, DateAttribute, RuleDone };
    Kind kind = Kind::Created;
    std::string key;      // attribute key, or rule id for RuleDone
    std::string value;    // AttributeSet: the value it took
    int rule_index = -1;  // RuleDone: index of rule `key` in Policy::rules (resolve_names)
    std::string str() const;
};

struct Rule {
    enum class Kind { Once, Every, Holidays, Milestones };
    std::string id;
    std::string clause;
    std::string reason;  // what the caller should do/say; shown on the list
    Kind kind = Kind::Once;
    Match when, unless;
    Anchor anchor;
    Span start;   // Once: earliest contact, from the anchor
    Span within;  // Once: deadline, from the anchor
    Span every;   // Every: interval from the last satisfying contact
    std::map<std::string, Span> every_in_season;  // Every: season id -> interval
    int days_before = 0;                          // Holidays/Milestones: lead time
    std::vector<std::string> milestone_kinds;     // Milestones: empty = all
    std::string channel;
    std::map<std::string, std::string> channel_in_season;
    std::vector<std::string> satisfied_by_channels;  // empty: any channel
    std::vector<std::string> satisfied_by_outcomes;  // empty: outcomes that count
    std::string message_template;                    // SMS text template id
    int priority = 0;
    // Only for customers whose project's occupancy is above this share (S1-revisit).
    std::optional<double> project_occupancy_above;
    Location where;
};

// Lower frequency for customers who dislike calls (S0.3-5.2).
struct Restraint {
    Match when;
    double factor = 1.0;
    std::string clause;
};

// Facts about a project that rules can depend on; kept by the admin in the rules file.
struct ProjectFacts {
    std::string name;
    double occupancy = 0;  // share of units lived in, 0-1
    std::string as_of;     // YYYY-MM-DD the figure was counted
};

// The languages a survey report can be labelled in (survey.locale, a survey file's locale).
inline const std::vector<std::string> kReportLocales{"en", "zh-CN"};
// "" when `locale` is one of kReportLocales, else the message: unknown locale "zh_CN" ...
std::string locale_problem(const std::string& locale);

struct SurveyPolicy {
    double valid_return_rate_above = 0.25;  // S1-valid: strictly more than this
    std::string clause;
    std::string locale;  // the survey report's labels; "" when the rules file sets none
};

struct Policy {
    std::string file;  // where it was loaded from, for messages
    std::string company;
    std::string timezone = "Asia/Shanghai";
    std::string calendar;  // name of calendars/<name>.yaml, empty = weekends only
    Location calendar_at;  // where the rules file names it, for "unknown calendar"
    OwnersSpec owners;
    std::vector<AttributeSpec> attributes;
    std::vector<ChannelSpec> channels;  // strongest first
    std::vector<OutcomeSpec> outcomes;
    std::vector<CallWindow> call_windows;
    std::vector<Season> seasons;
    std::vector<Milestone> milestones;
    std::map<std::string, std::string> templates;
    std::map<std::string, std::string> variables;  // e.g. hotline, used in templates
    std::vector<Rule> rules;
    std::vector<Restraint> restraints;
    SurveyPolicy survey;
    std::vector<ProjectFacts> projects;
    ComplaintPolicy complaints;      // the `complaints:` section (docs/complaints.md)
    FindingPolicy findings;          // the `findings:` section (docs/journal.md)
    RevisitRatePolicy revisit_rate;  // the `revisit_rate:` section (docs/journal.md)

    const AttributeSpec* attribute(const std::string& key) const;
    const ChannelSpec* channel(const std::string& id) const;
    const OutcomeSpec* outcome(const std::string& id) const;
    const Rule* rule(const std::string& id) const;
    std::vector<std::string> attribute_keys() const;
    std::vector<std::string> channel_ids() const;
    std::vector<std::string> outcome_ids() const;
    int channel_strength(const std::string& id) const;  // 0 = strongest; large when unknown
    // Fills the indexes that stand for names (Match::attribute_index, Anchor::rule_index).
    // parse_policy calls it; the scheduler checks each index against its name and looks the
    // name up when it is missing or stale, so a policy built or changed by hand still works.
    void resolve_names();
};

// Checks an attribute assignment against the policy; returns "" when fine, else a message
// that names the allowed keys or values.
std::string check_attribute(const Policy& policy, const std::string& key, const std::string& value);

}  // namespace revisit
