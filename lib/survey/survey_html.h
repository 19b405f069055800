#pragma once
// The survey report as one self-contained HTML page (顾客回访分析报告, S1-valid): inline CSS,
// inline SVG charts of the dimension means and satisfaction rates with their intervals
// (survey_charts.h), the figures, and the reliability of each dimension; no scripts, no
// external files. Tables scroll sideways and charts scale on a narrow screen. Every text
// from the survey is HTML-escaped. Pure.

#include <string>
#include <string_view>

#include "survey/survey_report.h"
#include "util/html.h"  // html_escape

namespace revisit {

// `locale`: the labels' language, one of kReportLocales ("en", "zh-CN"); the figures and
// their formats are the same in both: weights with as many decimals as the survey needs,
// rates as percentages with one decimal, intervals as [low, high].
std::string render_survey_html(const SurveyReport& report, std::string_view locale = "en");

}  // namespace revisit
