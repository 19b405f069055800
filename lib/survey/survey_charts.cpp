#include "survey/survey_charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "survey/survey_format.h"
#include "util/html.h"
#include "util/text.h"

namespace revisit {

namespace {

// What one chart plots: a value and its interval per dimension on an axis lo..hi.
struct Series {
    double lo = 0, hi = 1;
    std::vector<double> ticks;
    std::function<std::string(double)> tick_text, value_text;
    std::function<std::optional<double>(const DimensionStats&)> value;
    std::function<std::optional<Interval>(const DimensionStats&)> interval;
    const char* aria = "";
    const char* bar_colour = "#5b8cc8";
};

// Dimensions (rows) down, the value across; label column sized to the longest name.
std::string chart_svg(const GroupReport& g, const Series& s, const ReportLabels& l) {
    int label_width = 0;
    for (const auto& d : g.dimensions) label_width = std::max(label_width, display_width(d.name));
    const double left = std::max(90, label_width * 7 + 16), plot = 300, row = 30, top = 28;
    const double width = left + plot + 60;
    const double rows = static_cast<double>(g.dimensions.size());
    const double axis_y = top + row * rows + 2, height = axis_y + 22;
    auto x = [&](double v) {
        return left + (std::clamp(v, s.lo, s.hi) - s.lo) / (s.hi - s.lo) * plot;
    };
    std::string out = fmt::format(
        "<svg viewBox=\"0 0 {0} {1}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" "
        "role=\"img\" aria-label=\"{2}\">\n",
        width, height, html_escape(s.aria));
    for (double t : s.ticks) {
        out += fmt::format(
            "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#e3e3e3\"/>\n",
            x(t), top - 6, axis_y);
        out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", x(t),
                           axis_y + 16, s.tick_text(t));
    }
    out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#888\"/>\n",
                       left, axis_y, left + plot);
    for (size_t i = 0; i < g.dimensions.size(); ++i) {
        const DimensionStats& d = g.dimensions[i];
        const double y = top + row * static_cast<double>(i) + 4, mid = y + 10;
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", left - 8,
                           mid + 4, html_escape(d.name));
        const auto v = s.value(d);
        if (!v) {
            out += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#888\">{}</text>\n", left + 6,
                               mid + 4, html_escape(l.no_answers));
            continue;
        }
        out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"20\" fill=\"{}\"/>\n",
                           left, y, x(*v) - left, s.bar_colour);
        if (const auto ci = s.interval(d)) {
            const double a = x(ci->low), b = x(ci->high);
            out += fmt::format(
                "<path d=\"M{0:.1f} {1} V{2} M{0:.1f} {3} H{4:.1f} M{4:.1f} {1} V{2}\" "
                "stroke=\"#1d3557\" stroke-width=\"1.5\" fill=\"none\"/>\n",
                a, mid - 6, mid + 6, mid, b);
        }
        out +=
            fmt::format("<circle cx=\"{:.1f}\" cy=\"{}\" r=\"3\" fill=\"#1d3557\"/>\n", x(*v), mid);
        out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", left + plot + 6, mid + 4,
                           s.value_text(*v));
    }
    if (const auto o = s.value(g.overall)) {
        const double ox = x(*o);
        out += fmt::format(
            "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#c0392b\" "
            "stroke-dasharray=\"5 4\" stroke-width=\"1.5\"/>\n",
            ox, top - 8, axis_y);
        // Kept inside the chart when the overall value is near an end.
        const double tx = std::clamp(ox, left + 40, left + plot - 40);
        out += fmt::format(
            "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" fill=\"#c0392b\">{} {}</text>\n",
            tx, top - 12, html_escape(l.overall), s.value_text(*o));
    }
    return out + "</svg>\n";
}

}  // namespace

std::string mean_chart_svg(const GroupReport& g, const Scale& scale, const ReportLabels& l) {
    Series s;
    s.ticks = scale.points();
    s.lo = s.ticks.front();
    s.hi = s.ticks.back();
    s.tick_text = [](double p) { return fmt::format("{}", p); };
    s.value_text = [](double v) { return fmt::format("{:.2f}", v); };
    s.value = [](const DimensionStats& d) { return d.mean; };
    s.interval = [](const DimensionStats& d) { return d.mean_ci; };
    s.aria = l.mean_chart;
    return chart_svg(g, s, l);
}

std::string satisfaction_chart_svg(const GroupReport& g, const ReportLabels& l) {
    Series s;
    s.ticks = {0, 0.25, 0.5, 0.75, 1};
    s.tick_text = [](double p) { return fmt::format("{:.0f}%", p * 100); };
    s.value_text = [](double v) { return format_percent(v); };
    s.value = [](const DimensionStats& d) { return d.satisfaction_rate; };
    s.interval = [](const DimensionStats& d) { return d.satisfaction_ci; };
    s.aria = l.rate_chart;
    s.bar_colour = "#8fc1a9";
    return chart_svg(g, s, l);
}

}  // namespace revisit
