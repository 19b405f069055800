#pragma once
// Renders a SurveyReport as a text table, CSV or JSON (docs/survey.md lists every field).
// Pure: report in, text out; output depends on nothing else, so it is deterministic.

#include <string>

#include "survey/survey_report.h"

namespace revisit {

// 0.3417 -> "34.2%" (decimals after the point).
std::string format_percent(double rate, int decimals = 1);
// A threshold without trailing zeros: 0.25 -> "25%", 0.333 -> "33.3%".
std::string format_threshold(double rate);
// "valid: 41 of 120 returned (34.2%), more than 25%"
// "invalid: 10 of 40 returned (25.0%), not more than 25%"
std::string verdict_text(const GroupReport& group, const Threshold& threshold);

// The report as aligned columns (CJK counted double width).
std::string render_survey_table(const SurveyReport& report);
// One row per group and dimension (and an "overall" row per group), with a header.
std::string render_survey_csv(const SurveyReport& report);
// One object; numbers rounded to 4 decimals.
std::string render_survey_json(const SurveyReport& report);

}  // namespace revisit
