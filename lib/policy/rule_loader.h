#pragma once
// The `rules:` and `restraints:` sections of a rules file. Needs attributes, channels,
// outcomes, seasons, milestones and templates loaded first: rules refer to them.

#include "policy/policy.h"
#include "policy/yaml_checker.h"

namespace revisit {

void load_rules(YamlChecker& yc, const YAML::Node& node, Policy& policy);
void load_restraints(YamlChecker& yc, const YAML::Node& node, Policy& policy);
// `key: value` or `key: [v1, v2]` conditions on declared attributes.
Match load_match(YamlChecker& yc, const YAML::Node& node, const Policy& policy,
                 const std::string& where);

}  // namespace revisit
