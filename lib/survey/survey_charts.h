#pragma once
// The inline SVG charts of the HTML survey report, one row per dimension: the mean score
// with its 95% interval, and the satisfaction rate with its 95% Wilson interval. Each has a
// viewBox and width 100%, so it scales to the page (a phone's 400 px as well as a desktop).
// Pure: SVG text out; every text from the survey is escaped.

#include <string>

#include "survey/survey_labels.h"
#include "survey/survey_report.h"

namespace revisit {

// Bars from the bottom of the scale to the mean, whiskers for its 95% interval, a dashed
// line at the overall mean.
std::string mean_chart_svg(const GroupReport& group, const Scale& scale,
                           const ReportLabels& labels);

// Bars from 0 to the satisfaction rate, a dot at the rate, whiskers for the Wilson
// interval, a dashed line at the overall rate.
std::string satisfaction_chart_svg(const GroupReport& group, const ReportLabels& labels);

}  // namespace revisit
