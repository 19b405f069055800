#include "policy/finding_policy.h"

#include <fmt/format.h>

#include <algorithm>

#include "policy/yaml_checker.h"

namespace revisit {

const FindingKind* FindingPolicy::kind(const std::string& id) const {
    for (const auto& k : kinds)
        if (k.id == id) return &k;
    return nullptr;
}

std::vector<std::string> FindingPolicy::ids() const {
    std::vector<std::string> out;
    for (const auto& k : kinds) out.push_back(k.id);
    return out;
}

namespace {

void load_findings(YamlChecker& yc, const YAML::Node& node, FindingPolicy& findings) {
    if (!yc.expect_map(node, "findings: kind -> {departments, label, clause}")) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
        FindingKind kind;
        kind.id = it->first.Scalar();
        const std::string where = fmt::format("finding \"{}\"", kind.id);
        if (findings.kind(kind.id)) {
            yc.error(it->first, fmt::format("{} is declared twice", where));
            continue;
        }
        const YAML::Node k = it->second;
        if (!yc.expect_map(k, where)) continue;
        yc.check_keys(k, {"departments", "label", "clause"}, where);
        if (yc.require(k, "departments", where)) {
            for (const auto& d : yc.scalars(k["departments"], "a department"))
                if (std::find(kind.departments.begin(), kind.departments.end(), d) ==
                    kind.departments.end())
                    kind.departments.push_back(d);
            if (kind.departments.empty())
                yc.error(k["departments"], fmt::format("{} is routed to no department", where));
        }
        if (k["label"])
            if (auto v = yc.scalar(k["label"], "a label")) kind.label = *v;
        if (k["clause"])
            if (auto v = yc.scalar(k["clause"], "a clause")) kind.clause = *v;
        findings.kinds.push_back(std::move(kind));
    }
}

void load_revisit_rate(YamlChecker& yc, const YAML::Node& node, RevisitRatePolicy& rate) {
    if (!yc.expect_map(node, "revisit_rate: {target, clause}")) return;
    yc.check_keys(node, {"target", "clause"}, "revisit_rate");
    if (node["target"])
        if (auto v = yc.number(node["target"], 0.0, 1.0)) rate.target = *v;
    if (node["clause"])
        if (auto v = yc.scalar(node["clause"], "a clause")) rate.clause = *v;
}

}  // namespace

void load_finding_policy(YamlChecker& yc, const YAML::Node& root, FindingPolicy& findings,
                         RevisitRatePolicy& revisit_rate) {
    if (root["findings"]) load_findings(yc, root["findings"], findings);
    if (root["revisit_rate"]) load_revisit_rate(yc, root["revisit_rate"], revisit_rate);
}

}  // namespace revisit
