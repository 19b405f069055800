#include "survey/survey_html.h"

#include <fmt/format.h>

#include <algorithm>

#include "survey/survey_format.h"
#include "util/text.h"

namespace revisit {

namespace {

const char* const kStyle = R"(
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 2em auto; max-width: 980px; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; padding-bottom: .2em; }
.sub { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: .8em 0; font-size: .92em; }
th, td { border: 1px solid #d4d4d4; padding: .3em .6em; text-align: right; white-space: nowrap; }
th { background: #f3f5f8; }
td:first-child, th:first-child { text-align: left; }
table.meta td, table.meta th { text-align: left; white-space: normal; }
tr.overall td { font-weight: bold; background: #fafafa; }
.valid { color: #16632d; font-weight: bold; }
.invalid { color: #a31515; font-weight: bold; }
.low { color: #a31515; }
svg text { font-size: 13px; fill: #222; }
.note { color: #555; font-size: .85em; }
)";

std::string cell(const std::string& text, const std::string& cls = "") {
    return cls.empty() ? "<td>" + html_escape(text) + "</td>"
                       : "<td class=\"" + cls + "\">" + html_escape(text) + "</td>";
}

std::string fixed(const std::optional<double>& v, const char* spec = "{:.2f}") {
    return v ? fmt::format(fmt::runtime(spec), *v) : "-";
}

// Horizontal bars: one per dimension, from the bottom of the scale to the mean, with a
// whisker for the mean's 95% interval and a dashed line at the overall mean.
std::string chart(const GroupReport& g, const Scale& scale) {
    const auto points = scale.points();
    const double lo = points.front(), hi = points.back();
    int label_width = 0;
    for (const auto& d : g.dimensions) label_width = std::max(label_width, display_width(d.name));
    const double left = std::max(110, label_width * 8 + 24), plot = 480, row = 34, top = 28;
    const double width = left + plot + 70;
    const double height = top + row * static_cast<double>(g.dimensions.size()) + 40;
    auto x = [&](double v) { return left + (std::clamp(v, lo, hi) - lo) / (hi - lo) * plot; };
    std::string s = fmt::format(
        "<svg width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
        "role=\"img\" aria-label=\"mean score per dimension\">\n",
        width, height);
    const double axis_y = top + row * static_cast<double>(g.dimensions.size()) + 4;
    for (double p : points) {
        s += fmt::format(
            "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#e3e3e3\"/>\n",
            x(p), top - 6, axis_y);
        s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", x(p),
                         axis_y + 18, fmt::format("{}", p));
    }
    s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#888\"/>\n", left,
                     axis_y, left + plot);
    for (size_t i = 0; i < g.dimensions.size(); ++i) {
        const DimensionStats& d = g.dimensions[i];
        const double y = top + row * static_cast<double>(i), mid = y + 11;
        s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", left - 8,
                         mid + 4, html_escape(d.name));
        if (!d.mean) {
            s += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#888\">no answers</text>\n", left + 6,
                             mid + 4);
            continue;
        }
        s += fmt::format(
            "<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"22\" fill=\"#5b8cc8\"/>\n", left, y,
            x(*d.mean) - left);
        if (d.mean_ci) {
            const double a = x(d.mean_ci->low), b = x(d.mean_ci->high);
            s += fmt::format(
                "<path d=\"M{0:.1f} {1} V{2} M{0:.1f} {3} H{4:.1f} M{4:.1f} {1} V{2}\" "
                "stroke=\"#1d3557\" stroke-width=\"1.5\" fill=\"none\"/>\n",
                a, mid - 6, mid + 6, mid, b);
        }
        s += fmt::format("<text x=\"{}\" y=\"{}\">{:.2f}</text>\n", left + plot + 8, mid + 4,
                         *d.mean);
    }
    if (g.overall.mean) {
        const double ox = x(*g.overall.mean);
        s += fmt::format(
            "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#c0392b\" "
            "stroke-dasharray=\"5 4\" stroke-width=\"1.5\"/>\n",
            ox, top - 8, axis_y);
        s += fmt::format(
            "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" fill=\"#c0392b\">overall "
            "{:.2f}</text>\n",
            ox, top - 12, *g.overall.mean);
    }
    return s + "</svg>\n";
}

std::string dimension_row(const DimensionStats& d, bool overall) {
    std::string r = overall ? "<tr class=\"overall\">" : "<tr>";
    r += cell(d.name) + cell(d.weight ? fmt::format("{}", *d.weight) : "") +
         cell(std::to_string(d.questions)) + cell(std::to_string(d.answers)) + cell(fixed(d.mean));
    r += cell(d.mean_ci ? fmt::format("{:.2f}–{:.2f}", d.mean_ci->low, d.mean_ci->high) : "-");
    r += cell(d.satisfaction_rate ? format_percent(*d.satisfaction_rate) : "-");
    r += cell(d.satisfaction_ci ? fmt::format("{:.1f}–{:.1f}%", d.satisfaction_ci->low * 100,
                                              d.satisfaction_ci->high * 100)
                                : "-");
    r += cell(d.margin_of_error ? "±" + format_percent(*d.margin_of_error) : "-");
    if (d.alpha)
        r += cell(fmt::format("{:.2f}{} (n={})", *d.alpha, d.alpha_low() ? " low" : "",
                              d.alpha_respondents),
                  d.alpha_low() ? "low" : "");
    else
        r += cell("-");
    return r + "</tr>\n";
}

std::string group_section(const SurveyReport& r, const GroupReport& g) {
    std::string s = "<section>\n<h2>";
    s += html_escape(g.value ? r.by + " " + g.label() : g.label()) + ": ";
    s += fmt::format("<span class=\"{}\">{}</span></h2>\n", g.valid ? "valid" : "invalid",
                     html_escape(verdict_text(g, r.threshold)));
    s += chart(g, r.scale);
    s += "<table>\n<tr><th>dimension</th><th>weight</th><th>questions</th><th>answers</th>"
         "<th>mean</th><th>mean 95% CI</th><th>satisfied</th><th>95% Wilson</th><th>margin</th>"
         "<th>alpha</th></tr>\n";
    for (const auto& d : g.dimensions) s += dimension_row(d, false);
    s += dimension_row(g.overall, true);
    return s + "</table>\n</section>\n";
}

std::string meta_table(const SurveyReport& r) {
    const Threshold& t = r.threshold;
    auto row = [](const std::string& k, const std::string& v) {
        return "<tr><th>" + html_escape(k) + "</th><td>" + html_escape(v) + "</td></tr>\n";
    };
    std::string s = "<table class=\"meta\">\n";
    s += row("scale", r.scale.describe() + "; satisfied: " + r.scale.describe_satisfied());
    s += row("threshold", fmt::format("valid when more than {} of questionnaires come back{}",
                                      format_threshold(t.rate_above),
                                      t.clause.empty() ? "" : " (" + t.clause + ")"));
    s += row("threshold from", t.describe_source());
    if (!r.skipped.empty()) s += row("skipped rows", join(r.skipped, "\n"));
    return s + "</table>\n";
}

}  // namespace

std::string render_survey_html(const SurveyReport& r) {
    const std::string title = r.title.empty() ? r.id : r.title;
    std::string s =
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    s += "<title>" + html_escape(title) + " — survey report</title>\n<style>" + kStyle +
         "</style>\n";
    s += "</head>\n<body>\n<h1>" + html_escape(title) + "</h1>\n";
    s += "<p class=\"sub\">" +
         html_escape(
             fmt::format("survey {} · project {} · sent on {}", r.id, r.project, r.sent_on)) +
         "</p>\n";
    s += meta_table(r);
    s += "<h2>Return rate</h2>\n<table>\n<tr><th>" + html_escape(r.by.empty() ? "group" : r.by) +
         "</th><th>sent</th><th>returned</th><th>return rate</th><th>verdict</th></tr>\n";
    for (const auto& g : r.groups)
        s += "<tr>" + cell(g.label()) + cell(std::to_string(g.sent)) +
             cell(std::to_string(g.returned)) + cell(format_percent(g.return_rate)) +
             cell(g.valid ? "valid" : "invalid", g.valid ? "valid" : "invalid") + "</tr>\n";
    s += "</table>\n";
    for (const auto& g : r.groups) s += group_section(r, g);
    s +=
        "<p class=\"note\">Bars: mean score; whiskers: its 95% interval (mean ± 1.96·s/√n with the "
        "finite-population correction); dashed line: overall mean. Satisfied: answers in the top "
        "two "
        "points of the scale. 95% Wilson: score interval of the satisfaction rate. Alpha: "
        "Cronbach's "
        "alpha over respondents who answered every question of the dimension; below 0.7 is marked "
        "low.</p>\n</body>\n</html>\n";
    return s;
}

}  // namespace revisit
