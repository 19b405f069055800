#include "survey/survey_format.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "csv/csv.h"
#include "util/text.h"

namespace revisit {

std::string format_percent(double rate, int decimals) {
    return fmt::format("{:.{}f}%", rate * 100, decimals);
}

std::string format_threshold(double rate) {
    std::string s = fmt::format("{:.4f}", rate * 100);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s + "%";
}

std::string verdict_text(const GroupReport& g, const Threshold& t) {
    return fmt::format("{}: {} of {} returned ({}), {}more than {}", g.valid ? "valid" : "invalid",
                       g.returned, g.sent, format_percent(g.return_rate), g.valid ? "" : "not ",
                       format_threshold(t.rate_above));
}

namespace {

using Row = std::vector<std::string>;

std::string table_text(const Row& header, const std::vector<Row>& rows) {
    std::vector<int> width(header.size(), 0);
    auto measure = [&](const Row& row) {
        for (size_t i = 0; i < row.size() && i < width.size(); ++i)
            width[i] = std::max(width[i], display_width(row[i]));
    };
    measure(header);
    for (const auto& r : rows) measure(r);
    std::string out;
    auto line = [&](const Row& row) {
        std::string text;
        for (size_t i = 0; i < row.size(); ++i)
            text += i + 1 < row.size() ? pad_right(row[i], width[i]) + "  " : row[i];
        out += text + "\n";
    };
    line(header);
    for (const auto& r : rows) line(r);
    return out;
}

std::string fixed2(const std::optional<double>& v) { return v ? fmt::format("{:.2f}", *v) : "-"; }
std::string percent(const std::optional<double>& v) { return v ? format_percent(*v) : "-"; }

std::string range2(const std::optional<Interval>& v) {
    return v ? fmt::format("{:.2f}-{:.2f}", v->low, v->high) : "-";
}

std::string percent_range(const std::optional<Interval>& v) {
    return v ? fmt::format("{:.1f}-{:.1f}%", v->low * 100, v->high * 100) : "-";
}

std::string alpha_cell(const DimensionStats& d) {
    if (!d.alpha) return d.questions >= 2 ? fmt::format("- (n={})", d.alpha_respondents) : "-";
    return fmt::format("{:.2f}{} (n={})", *d.alpha, d.alpha_low() ? " low" : "",
                       d.alpha_respondents);
}

std::string bracket2(const std::optional<Interval>& v) {
    return v ? fmt::format("[{:.2f}, {:.2f}]", v->low, v->high) : "-";
}

// Reliability of the dimensions with two or more questions (and overall): alpha, its
// Feldt interval and respondents, then one line per question. Empty when there are none.
std::string reliability_table(const GroupReport& g) {
    std::vector<Row> rows;
    for (const auto& d : g.dimensions) {
        if (d.questions < 2) continue;
        for (size_t i = 0; i < d.items.size(); ++i) {
            const ItemStats& item = d.items[i];
            Row row = i == 0 ? Row{d.name, fixed2(d.alpha), bracket2(d.alpha_ci),
                                   std::to_string(d.alpha_respondents)}
                             : Row{"", "", "", ""};
            row.insert(row.end(), {item.id, fixed2(item.item_rest), fixed2(item.alpha_if_dropped)});
            rows.push_back(std::move(row));
        }
    }
    if (rows.empty()) return "";
    const DimensionStats& o = g.overall;
    if (o.questions >= 2)
        rows.push_back(
            {o.name, fixed2(o.alpha), bracket2(o.alpha_ci), std::to_string(o.alpha_respondents)});
    return table_text({"reliability", "alpha", "95% CI (Feldt)", "n", "question", "item-rest r",
                       "alpha if dropped"},
                      rows);
}

Row dimension_row(const DimensionStats& d) {
    return {d.name,
            d.weight ? fmt::format("{}", *d.weight) : "",
            std::to_string(d.questions),
            std::to_string(d.answers),
            fixed2(d.mean),
            range2(d.mean_ci),
            percent(d.satisfaction_rate),
            percent_range(d.satisfaction_ci),
            d.margin_of_error ? "±" + format_percent(*d.margin_of_error) : "-",
            alpha_cell(d)};
}

std::string heading(const SurveyReport& r) {
    std::vector<Row> rows;
    rows.push_back({"survey", r.title.empty() ? r.id : r.id + "  " + r.title});
    rows.push_back({"project", r.project});
    rows.push_back({"sent on", r.sent_on});
    rows.push_back({"scale", r.scale.describe() + "; satisfied: " + r.scale.describe_satisfied()});
    const Threshold& t = r.threshold;
    rows.push_back(
        {"threshold", fmt::format("valid when more than {} of questionnaires come back{}",
                                  format_threshold(t.rate_above),
                                  t.clause.empty() ? "" : " (" + t.clause + ")")});
    rows.push_back({"from", t.describe_source()});
    if (!r.skipped.empty())
        rows.push_back(
            {"skipped", fmt::format("{} invalid rows (listed on stderr)", r.skipped.size())});
    std::string out;
    for (const auto& row : rows) out += pad_right(row[0], 11) + row[1] + "\n";
    return out;
}

}  // namespace

std::string render_survey_table(const SurveyReport& r) {
    std::string out = heading(r) + "\n";
    std::vector<Row> groups;
    for (const auto& g : r.groups)
        groups.push_back({g.label(), std::to_string(g.sent), std::to_string(g.returned),
                          format_percent(g.return_rate), g.valid ? "valid" : "invalid"});
    out += table_text({r.by.empty() ? "group" : r.by, "sent", "returned", "return rate", "verdict"},
                      groups);
    const Row header{"dimension",   "weight",    "questions",  "answers", "mean",
                     "mean 95% CI", "satisfied", "95% Wilson", "margin",  "alpha"};
    for (const auto& g : r.groups) {
        out += fmt::format("\n{}: {}\n", g.value ? r.by + " " + g.label() : g.label(),
                           verdict_text(g, r.threshold));
        std::vector<Row> rows;
        for (const auto& d : g.dimensions) rows.push_back(dimension_row(d));
        rows.push_back(dimension_row(g.overall));
        out += table_text(header, rows);
        if (const std::string rel = reliability_table(g); !rel.empty()) out += "\n" + rel;
    }
    return out;
}

std::string render_survey_csv(const SurveyReport& r) {
    auto num = [](const std::optional<double>& v) { return v ? fmt::format("{:.4f}", *v) : ""; };
    auto low = [](const std::optional<Interval>& v) {
        return v ? fmt::format("{:.4f}", v->low) : "";
    };
    auto high = [](const std::optional<Interval>& v) {
        return v ? fmt::format("{:.4f}", v->high) : "";
    };
    std::string out = csv_line(
        {"group",     "dimension",         "weight",     "questions",    "sent",
         "returned",  "return_rate",       "valid",      "threshold",    "threshold_source",
         "answers",   "respondents",       "mean",       "mean_ci_low",  "mean_ci_high",
         "satisfied", "satisfaction_rate", "wilson_low", "wilson_high",  "margin_of_error",
         "alpha",     "alpha_respondents", "alpha_low",  "alpha_ci_low", "alpha_ci_high"});
    for (const auto& g : r.groups) {
        std::vector<const DimensionStats*> dims;
        for (const auto& d : g.dimensions) dims.push_back(&d);
        dims.push_back(&g.overall);
        for (const DimensionStats* d : dims) {
            // Group (an attribute's value) and dimension are typed text: no formulas.
            out += csv_line({excel_safe(g.label()),
                             excel_safe(d->name),
                             d->weight ? fmt::format("{}", *d->weight) : "",
                             std::to_string(d->questions),
                             std::to_string(g.sent),
                             std::to_string(g.returned),
                             fmt::format("{:.4f}", g.return_rate),
                             g.valid ? "true" : "false",
                             fmt::format("{}", r.threshold.rate_above),
                             r.threshold.source_name(),
                             std::to_string(d->answers),
                             std::to_string(d->respondents),
                             num(d->mean),
                             low(d->mean_ci),
                             high(d->mean_ci),
                             std::to_string(d->satisfied),
                             num(d->satisfaction_rate),
                             low(d->satisfaction_ci),
                             high(d->satisfaction_ci),
                             num(d->margin_of_error),
                             num(d->alpha),
                             d->questions >= 2 ? std::to_string(d->alpha_respondents) : "",
                             d->alpha ? (d->alpha_low() ? "true" : "false") : "",
                             low(d->alpha_ci),
                             high(d->alpha_ci)});
        }
    }
    return out;
}

namespace {

using Json = nlohmann::ordered_json;

Json round4(double v) {
    const double r = std::round(v * 10000) / 10000;
    return r == 0 ? 0.0 : r;  // no "-0.0"
}
// A score or weight: whole numbers without ".0".
Json number_json(double v) {
    if (v == std::floor(v) && std::fabs(v) < 1e15) return static_cast<long long>(v);
    return v;
}
Json opt4(const std::optional<double>& v) { return v ? round4(*v) : Json(nullptr); }
Json pair4(const std::optional<Interval>& v) {
    return v ? Json::array({round4(v->low), round4(v->high)}) : Json(nullptr);
}

Json dimension_json(const DimensionStats& d) {
    Json j;
    j["name"] = d.name;
    j["weight"] = d.weight ? number_json(*d.weight) : Json(nullptr);
    j["questions"] = d.questions;
    j["answers"] = d.answers;
    j["respondents"] = d.respondents;
    j["mean"] = opt4(d.mean);
    j["mean_ci_95"] = pair4(d.mean_ci);
    j["satisfied"] = d.satisfied;
    j["satisfaction_rate"] = opt4(d.satisfaction_rate);
    j["wilson_95"] = pair4(d.satisfaction_ci);
    j["margin_of_error"] = opt4(d.margin_of_error);
    j["alpha"] = opt4(d.alpha);
    j["alpha_respondents"] = d.questions >= 2 ? Json(d.alpha_respondents) : Json(nullptr);
    j["alpha_low"] = d.alpha_low();
    j["alpha_ci_95"] = pair4(d.alpha_ci);
    Json items = Json::array();
    for (const ItemStats& item : d.items)
        items.push_back({{"id", item.id},
                         {"text", item.text},
                         {"item_rest", opt4(item.item_rest)},
                         {"alpha_if_dropped", opt4(item.alpha_if_dropped)}});
    j["items"] = items;
    return j;
}

Json scale_json(const Scale& s) {
    Json j;
    j["description"] = s.describe();
    Json points = Json::array();
    for (double p : s.points()) points.push_back(number_json(p));
    j["points"] = points;
    j["satisfied_from"] = number_json(s.satisfied_from());
    Json labels = Json::array();
    for (const auto& [label, score] : s.labels)
        labels.push_back({{"label", label}, {"score", number_json(score)}});
    j["labels"] = labels;
    return j;
}

}  // namespace

std::string render_survey_json(const SurveyReport& r) {
    Json j;
    j["survey"] = {{"id", r.id},
                   {"title", r.title},
                   {"project", r.project},
                   {"sent_on", r.sent_on},
                   {"file", r.file}};
    j["scale"] = scale_json(r.scale);
    const Threshold& t = r.threshold;
    j["threshold"] = {{"valid_return_rate_above", t.rate_above},
                      {"source", t.source_name()},
                      {"file", t.file.empty() ? Json(nullptr) : Json(t.file)},
                      {"clause", t.clause}};
    j["by"] = r.by.empty() ? Json(nullptr) : Json(r.by);
    j["skipped"] = r.skipped;
    Json groups = Json::array();
    for (const auto& g : r.groups) {
        Json o;
        o["group"] = g.value ? Json(*g.value) : Json(nullptr);
        o["label"] = g.label();
        o["sent"] = g.sent;
        o["returned"] = g.returned;
        o["return_rate"] = round4(g.return_rate);
        o["valid"] = g.valid;
        o["verdict"] = verdict_text(g, t);
        Json dims = Json::array();
        for (const auto& d : g.dimensions) dims.push_back(dimension_json(d));
        o["dimensions"] = dims;
        o["overall"] = dimension_json(g.overall);
        groups.push_back(o);
    }
    j["groups"] = groups;
    return j.dump(2) + "\n";
}

}  // namespace revisit
