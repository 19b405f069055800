#pragma once
// The `complaints:` section of a rules file (docs/complaints.md has every key): which
// categories exist, where each is routed, how fast a result is owed, who decides major
// complaints, what counts as a repeat, and when complaints come back on the call list.
// policy/policy.h includes this file; Policy::complaints holds the loaded values.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "policy/span.h"

namespace YAML {
class Node;
}

namespace revisit {

struct Policy;
class YamlChecker;

// A kind of complaint (工程质量, 服务态度 ...) and where it goes (S0.1-10).
struct ComplaintCategory {
    std::string id;                        // quality, service ...
    std::string label;                     // 产品质量
    std::vector<std::string> departments;  // routed to when `open` names none; never empty
    Span reply_within;                     // the result is owed within this (3wd, 48h ...)
    std::string clause;
};

// How serious a complaint is; "normal" always exists. A major one is escalated to the
// person the regulation names (S1-complaint) and may get a shorter deadline.
struct ComplaintSeverity {
    std::string id;  // normal, major
    std::string label;
    std::string escalate_to;           // empty: not escalated
    std::optional<Span> reply_within;  // when set, the earlier of this and the category's
    int priority = 0;                  // added to the base priority on the call list
    std::string clause;
};

struct ComplaintPolicy {
    bool enabled = false;  // the rules file has a `complaints:` section
    std::string clause;    // first-contact responsibility (首问负责制), e.g. 第七条
    std::vector<std::string> departments;        // every department a complaint may be routed to
    std::vector<std::string> sources{"direct"};  // how complaints arrive; the first is the default
    std::vector<ComplaintCategory> categories;
    std::vector<ComplaintSeverity> severities{
        // "normal" first, always present
        ComplaintSeverity{"normal", "normal", "", std::nullopt, 0, ""}};
    std::string subject_attribute;  // customer attribute that is the subject when `open` names none
    std::optional<Span> repeat_window;  // unset: no repeat detection
    int repeat_priority = 20;           // added for a repeated complaint (S0.2-4.3)
    std::string repeat_clause;
    std::vector<std::pair<std::string, std::string>>
        on_open_set;  // customer attributes set on open
    std::string on_open_clause;
    Span follow_up_before{
        1, Span::Unit::WorkingDays};  // on the call list this long before the deadline
    std::optional<Span> satisfaction_revisit_after;  // unset: no satisfaction revisit on the list
    std::string satisfaction_clause;
    std::string channel;  // how follow-ups are made; "" = phone if declared, else the first channel
    int priority = 60;    // base priority of complaint lines on the call list

    const ComplaintCategory* category(const std::string& id) const;
    const ComplaintSeverity* severity(const std::string& id) const;
    bool has_department(const std::string& name) const;
    std::vector<std::string> category_ids() const;
    std::vector<std::string> severity_ids() const;
};

// Loads `node` (the value of `complaints:`) into policy.complaints, recording every problem
// in `yc` with its location. Needs policy.attributes and policy.channels loaded first: the
// section refers to them.
void load_complaint_policy(YamlChecker& yc, const YAML::Node& node, Policy& policy);

}  // namespace revisit
