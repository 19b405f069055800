#include "survey/survey_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "survey/survey_charts.h"
#include "survey/survey_format.h"
#include "survey/survey_labels.h"
#include "util/text.h"

namespace revisit {

namespace {

const char* const kStyle = R"(
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 2em auto; max-width: 1120px; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; padding-bottom: .2em; }
h3 { font-size: 1em; margin: 1.2em 0 .3em; }
.sub { color: #555; margin-top: 0; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: .8em 0; font-size: .92em; }
th, td { border: 1px solid #d4d4d4; padding: .3em .6em; text-align: right; white-space: nowrap; }
th { background: #f3f5f8; }
td:first-child, th:first-child, .q { text-align: left; }
td.q { white-space: normal; min-width: 12em; }
table.meta td, table.meta th { text-align: left; white-space: normal; }
table.meta th { white-space: nowrap; }
tr.overall td { font-weight: bold; background: #fafafa; }
.valid { color: #16632d; font-weight: bold; }
.invalid { color: #a31515; font-weight: bold; }
.low { color: #a31515; }
.charts { display: flex; flex-wrap: wrap; gap: 1em 2em; }
figure { flex: 1 1 400px; min-width: 0; margin: .5em 0; }
figcaption { font-size: .9em; color: #444; margin-bottom: .2em; }
svg { display: block; width: 100%; height: auto; }
svg text { font-size: 14px; fill: #222; }
.note { color: #555; font-size: .85em; }
)";

std::string cell(const std::string& text, const std::string& cls = "") {
    return cls.empty() ? "<td>" + html_escape(text) + "</td>"
                       : "<td class=\"" + cls + "\">" + html_escape(text) + "</td>";
}

// `left`: the column of free text (questions), aligned left like its cells.
std::string header_row(const std::vector<const char*>& names, size_t left = std::string::npos) {
    std::string s = "<tr>";
    for (size_t i = 0; i < names.size(); ++i)
        s += (i == left ? "<th class=\"q\">" : "<th>") + html_escape(names[i]) + "</th>";
    return s + "</tr>\n";
}

// A table that scrolls sideways on a narrow screen instead of widening the page.
std::string scrolling(const std::string& table) {
    return "<div class=\"scroll\">\n" + table + "</div>\n";
}

std::string fixed2(const std::optional<double>& v) { return v ? fmt::format("{:.2f}", *v) : "-"; }

std::string range2(const std::optional<Interval>& v) {
    return v ? fmt::format("[{:.2f}, {:.2f}]", v->low, v->high) : "-";
}

std::string percent_range(const std::optional<Interval>& v) {
    return v ? fmt::format("[{}, {}]", format_percent(v->low), format_percent(v->high)) : "-";
}

// Decimals that show every weight of the survey exactly (at most 4), so they line up.
int weight_decimals(const GroupReport& g) {
    int decimals = 0;
    for (const auto& d : g.dimensions) {
        if (!d.weight) continue;
        int places = 0;
        for (double scaled = *d.weight; places < 4; ++places, scaled *= 10)
            if (std::fabs(scaled - std::round(scaled)) < 1e-9 * std::max(1.0, scaled)) break;
        decimals = std::max(decimals, places);
    }
    return decimals;
}

std::string alpha_text(const DimensionStats& d, const ReportLabels& l) {
    if (!d.alpha) return d.questions >= 2 ? fmt::format("- (n={})", d.alpha_respondents) : "-";
    return fmt::format("{:.2f}{} (n={})", *d.alpha, d.alpha_low() ? std::string(" ") + l.low : "",
                       d.alpha_respondents);
}

std::string dimension_row(const DimensionStats& d, bool overall, int decimals,
                          const ReportLabels& l) {
    std::string r = overall ? "<tr class=\"overall\">" : "<tr>";
    r += cell(overall ? l.overall : d.name) +
         cell(d.weight ? fmt::format("{:.{}f}", *d.weight, decimals) : "") +
         cell(std::to_string(d.questions)) + cell(std::to_string(d.answers)) +
         cell(fixed2(d.mean)) + cell(range2(d.mean_ci));
    r += cell(d.satisfaction_rate ? format_percent(*d.satisfaction_rate) : "-");
    r += cell(percent_range(d.satisfaction_ci));
    r += cell(d.margin_of_error ? "±" + format_percent(*d.margin_of_error) : "-");
    r += cell(alpha_text(d, l), d.alpha_low() ? "low" : "");
    return r + "</tr>\n";
}

std::string dimension_table(const GroupReport& g, const ReportLabels& l) {
    const int decimals = weight_decimals(g);
    std::string s = "<table>\n" + header_row({l.dimension, l.weight, l.questions, l.answers, l.mean,
                                              l.mean_ci, l.satisfied, l.wilson, l.margin, l.alpha});
    for (const auto& d : g.dimensions) s += dimension_row(d, false, decimals, l);
    s += dimension_row(g.overall, true, decimals, l);
    return scrolling(s + "</table>\n");
}

// Per dimension of two or more questions: alpha, its Feldt interval and n, spanning one
// row per question with its item-rest correlation and alpha if dropped. Empty when none.
std::string reliability_table(const GroupReport& g, const ReportLabels& l) {
    std::string rows;
    for (const auto& d : g.dimensions) {
        if (d.items.size() < 2) continue;
        const std::string span = fmt::format(" rowspan=\"{}\"", d.items.size());
        for (size_t i = 0; i < d.items.size(); ++i) {
            const ItemStats& item = d.items[i];
            rows += "<tr>";
            if (i == 0)
                rows += "<td" + span + ">" + html_escape(d.name) + "</td><td" + span +
                        (d.alpha_low() ? " class=\"low\">" : ">") + fixed2(d.alpha) + "</td><td" +
                        span + ">" + range2(d.alpha_ci) + "</td><td" + span + ">" +
                        std::to_string(d.alpha_respondents) + "</td>";
            const std::string question = item.text.empty() ? item.id : item.id + " " + item.text;
            rows += cell(question, "q") + cell(fixed2(item.item_rest)) +
                    cell(fixed2(item.alpha_if_dropped)) + "</tr>\n";
        }
    }
    if (rows.empty()) return "";
    const DimensionStats& o = g.overall;
    rows += "<tr class=\"overall\">" + cell(l.overall) +
            cell(fixed2(o.alpha), o.alpha_low() ? "low" : "") + cell(range2(o.alpha_ci)) +
            cell(std::to_string(o.alpha_respondents)) + cell("") + cell("") + cell("") + "</tr>\n";
    return "<h3>" + html_escape(l.reliability) + "</h3>\n" +
           scrolling("<table>\n" +
                     header_row({l.dimension, l.alpha, l.alpha_ci, l.alpha_n, l.question,
                                 l.item_rest, l.alpha_if_dropped},
                                4) +
                     rows + "</table>\n");
}

std::string group_section(const SurveyReport& r, const GroupReport& g, const ReportLabels& l) {
    std::string s = "<section>\n<h2>";
    s +=
        html_escape(g.value ? r.by + " " + group_label(g, l) : group_label(g, l)) + l.heading_colon;
    s += fmt::format("<span class=\"{}\">{}</span></h2>\n", g.valid ? "valid" : "invalid",
                     html_escape(verdict_text(g, r.threshold, l)));
    s += "<div class=\"charts\">\n<figure>\n<figcaption>" + html_escape(l.mean_chart) +
         "</figcaption>\n" + mean_chart_svg(g, r.scale, l) + "</figure>\n<figure>\n<figcaption>" +
         html_escape(l.rate_chart) + "</figcaption>\n" + satisfaction_chart_svg(g, l) +
         "</figure>\n</div>\n";
    s += dimension_table(g, l) + reliability_table(g, l);
    return s + "</section>\n";
}

std::string meta_table(const SurveyReport& r, const ReportLabels& l) {
    const Threshold& t = r.threshold;
    auto row = [](const std::string& k, const std::string& v) {
        return "<tr><th>" + html_escape(k) + "</th><td>" + html_escape(v) + "</td></tr>\n";
    };
    std::string s = "<table class=\"meta\">\n";
    s += row(l.scale, scale_text(r.scale, l) + l.satisfied_is + r.scale.describe_satisfied());
    s +=
        row(l.threshold, fmt::format(fmt::runtime(l.threshold_text),
                                     fmt::arg("threshold", format_threshold(t.rate_above))) +
                             (t.clause.empty() ? "" : l.open_bracket + t.clause + l.close_bracket));
    s += row(l.threshold_from, threshold_source_text(t, l));
    if (!r.skipped.empty()) s += row(l.skipped_rows, join(r.skipped, "\n"));
    return scrolling(s + "</table>\n");
}

std::string return_rate_table(const SurveyReport& r, const ReportLabels& l) {
    std::string s = "<h2>" + html_escape(l.return_rate_heading) + "</h2>\n";
    std::string t = "<table>\n<tr><th>" + html_escape(r.by.empty() ? l.group : r.by) + "</th>" +
                    "<th>" + html_escape(l.sent) + "</th><th>" + html_escape(l.returned) +
                    "</th><th>" + html_escape(l.return_rate) + "</th><th>" +
                    html_escape(l.verdict) + "</th></tr>\n";
    for (const auto& g : r.groups)
        t += "<tr>" + cell(group_label(g, l)) + cell(std::to_string(g.sent)) +
             cell(std::to_string(g.returned)) + cell(format_percent(g.return_rate)) +
             cell(g.valid ? l.valid : l.invalid, g.valid ? "valid" : "invalid") + "</tr>\n";
    return s + scrolling(t + "</table>\n");
}

}  // namespace

std::string render_survey_html(const SurveyReport& r, std::string_view locale) {
    const ReportLabels& l = report_labels(locale);
    const std::string title = r.title.empty() ? r.id : r.title;
    std::string s = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        l.lang);
    s += "<title>" + html_escape(title) + " — " + html_escape(l.report) + "</title>\n<style>" +
         kStyle + "</style>\n";
    s += "</head>\n<body>\n<h1>" + html_escape(title) + "</h1>\n";
    s += "<p class=\"sub\">" +
         html_escape(fmt::format(fmt::runtime(l.subtitle), fmt::arg("id", r.id),
                                 fmt::arg("project", r.project), fmt::arg("sent_on", r.sent_on))) +
         "</p>\n";
    s += meta_table(r, l) + return_rate_table(r, l);
    for (const auto& g : r.groups) s += group_section(r, g, l);
    s += "<p class=\"note\">" + html_escape(l.note) + "</p>\n</body>\n</html>\n";
    return s;
}

}  // namespace revisit
