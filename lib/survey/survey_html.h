#pragma once
// The survey report as one self-contained HTML page (顾客回访分析报告, S1-valid): inline CSS
// and an inline SVG bar chart of the dimension mean scores with their 95% intervals; no
// scripts, no external files. Every text from the survey is HTML-escaped. Pure.

#include <string>
#include <string_view>

#include "survey/survey_report.h"
#include "util/html.h"  // html_escape

namespace revisit {

std::string render_survey_html(const SurveyReport& report);

}  // namespace revisit
