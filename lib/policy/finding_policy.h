#pragma once
// The `findings:` and `revisit_rate:` sections of a rules file (docs/journal.md):
//   findings:       what a contact may turn up (quality, service ...) and which departments
//                   it is routed to (S0.1-10);
//   revisit_rate:   the share of due revisits that must be made on time (S0.2-4.4).
// policy/policy.h includes this file; Policy::findings and Policy::revisit_rate hold them.

#include <string>
#include <vector>

namespace YAML {
class Node;
}

namespace revisit {

class YamlChecker;

// One kind of finding and where it goes, e.g. quality -> 技术质检部.
struct FindingKind {
    std::string id;                        // quality, service ...
    std::string label;                     // 产品质量
    std::vector<std::string> departments;  // never empty; a finding counts for each
    std::string clause;
};

struct FindingPolicy {
    std::vector<FindingKind> kinds;  // in file order; empty: the rules file declares none
    const FindingKind* kind(const std::string& id) const;  // nullptr when undeclared
    std::vector<std::string> ids() const;
};

struct RevisitRatePolicy {
    double target = 0.9;  // on-time revisits / revisits due (S0.2-4.4: 90%-100%)
    std::string clause;
};

// Loads the `findings:` and `revisit_rate:` keys of `root` (either may be absent), recording
// every problem in `yc` with its location.
void load_finding_policy(YamlChecker& yc, const YAML::Node& root, FindingPolicy& findings,
                         RevisitRatePolicy& revisit_rate);

}  // namespace revisit
