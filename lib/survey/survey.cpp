#include "survey/survey.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <map>
#include <set>

#include "model/customer.h"
#include "policy/policy.h"
#include "policy/yaml_checker.h"
#include "util/text.h"

namespace revisit {

// ---- Scale

std::vector<double> Scale::points() const {
    std::vector<double> out;
    if (!uses_labels()) {
        for (int v = min; v <= max; ++v) out.push_back(v);
        return out;
    }
    for (const auto& [label, value] : labels) out.push_back(value);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

double Scale::satisfied_from() const {
    const auto p = points();
    return p.size() >= 2 ? p[p.size() - 2] : (p.empty() ? 0 : p.back());
}

namespace {
// Labels highest score first; equal scores keep file order.
std::vector<std::pair<std::string, double>> labels_descending(const Scale& scale) {
    auto sorted = scale.labels;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return sorted;
}
}  // namespace

std::string Scale::describe() const {
    if (!uses_labels()) return fmt::format("{} to {}", min, max);
    std::vector<std::string> parts;
    for (const auto& [label, value] : labels_descending(*this))
        parts.push_back(fmt::format("{}={}", label, value));
    return join(parts, ", ");
}

std::string Scale::describe_satisfied() const {
    std::vector<std::string> parts;
    const double from = satisfied_from();
    if (!uses_labels()) {
        for (int v = max; v >= min && v >= from; --v) parts.push_back(std::to_string(v));
    } else {
        for (const auto& [label, value] : labels_descending(*this))
            if (value >= from) parts.push_back(label);
    }
    return join(parts, ", ");
}

std::optional<double> Scale::score(const std::string& cell, std::string& problem) const {
    if (uses_labels()) {
        for (const auto& [label, value] : labels)
            if (label == cell) return value;
        std::vector<std::string> names;
        for (const auto& l : labels_descending(*this)) names.push_back(l.first);
        problem = fmt::format("\"{}\" is not a label of the scale; expected one of {}", cell,
                              quoted_list(names));
        return std::nullopt;
    }
    char* end = nullptr;
    errno = 0;
    const long value = std::strtol(cell.c_str(), &end, 10);
    if (cell.empty() || *end != '\0' || errno == ERANGE) {
        problem = fmt::format("\"{}\" is not a score on the scale {}", cell, describe());
        return std::nullopt;
    }
    if (value < min || value > max) {
        problem = fmt::format("{} is outside the scale {}", value, describe());
        return std::nullopt;
    }
    return static_cast<double>(value);
}

// ---- SurveyDefinition

bool SurveyDefinition::weighted() const {
    return !dimensions.empty() && dimensions.front().weight.has_value();
}

std::vector<std::string> SurveyDefinition::question_ids() const {
    std::vector<std::string> out;
    for (const auto& d : dimensions)
        for (const auto& q : d.questions) out.push_back(q.id);
    return out;
}

namespace {

const std::vector<std::string> kSurveyKeys{"id",
                                           "title",
                                           "project",
                                           "sent_on",
                                           "clause",
                                           "locale",
                                           "valid_return_rate_above",
                                           "surveyed",
                                           "scale",
                                           "dimensions",
                                           "responses",
                                           "respondent_column",
                                           "other_columns"};

// A non-blank scalar, trimmed.
std::optional<std::string> text_of(YamlChecker& yc, const YAML::Node& node,
                                   const std::string& what) {
    auto v = yc.scalar(node, what);
    if (!v) return std::nullopt;
    std::string t(trim(*v));
    if (t.empty()) {
        yc.error(node, fmt::format("expected {}, got nothing", what));
        return std::nullopt;
    }
    return t;
}

void load_surveyed(YamlChecker& yc, const YAML::Node& node, SurveyDefinition& s) {
    if (node.IsScalar()) {
        if (auto n = yc.integer(node, 1, 100000000)) s.surveyed = *n;
        return;
    }
    if (!node.IsSequence()) {
        yc.error(node, "expected the number of questionnaires sent, or a list of customer ids");
        return;
    }
    if (node.size() == 0) {
        yc.error(node, "surveyed lists no customers");
        return;
    }
    std::map<std::string, int> first_line;
    for (const auto& item : node) {
        auto id = text_of(yc, item, "a customer id");
        if (!id) continue;
        const Location where = yc.location(item);
        if (!is_valid_id(*id)) {
            yc.error(item,
                     fmt::format(
                         "\"{}\" is not a customer id (letters, digits, - and _, 1-32 long)", *id));
        } else if (auto [it, fresh] = first_line.emplace(*id, where.line); !fresh) {
            yc.error(item, fmt::format("customer \"{}\" is listed twice (first on line {})", *id,
                                       it->second));
        } else {
            s.customers.push_back({*id, where});
        }
    }
    s.surveyed = static_cast<long>(s.customers.size());
}

void load_labels(YamlChecker& yc, const YAML::Node& node, Scale& scale) {
    if (!yc.expect_map(node, "labels (label: score)")) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
        auto label = text_of(yc, it->first, "a label");
        auto value = yc.number(it->second, -1000, 1000);
        if (label && value) scale.labels.emplace_back(*label, *value);
    }
}

void load_scale(YamlChecker& yc, const YAML::Node& node, Scale& scale) {
    if (!yc.expect_map(node, "a scale")) return;
    yc.check_keys(node, {"min", "max", "labels"}, "scale");
    if (node["labels"]) {
        if (node["min"] || node["max"]) {
            yc.error(node, "a scale has either min and max, or labels, not both");
            return;
        }
        load_labels(yc, node["labels"], scale);
        if (scale.points().size() < 2 && !scale.labels.empty())
            yc.error(node["labels"], "a scale needs at least two different scores");
        return;
    }
    const bool has_min = yc.require(node, "min", "a scale without labels");
    const bool has_max = yc.require(node, "max", "a scale without labels");
    if (!has_min || !has_max) return;
    auto lo = yc.integer(node["min"], -100, 100);
    auto hi = yc.integer(node["max"], -100, 100);
    if (!lo || !hi) return;
    if (*hi <= *lo) {
        yc.error(node["max"],
                 fmt::format("scale max ({}) must be greater than min ({})", *hi, *lo));
        return;
    }
    scale.min = static_cast<int>(*lo);
    scale.max = static_cast<int>(*hi);
}

// Tracks question ids across dimensions: they are the CSV's columns.
struct QuestionNames {
    std::map<std::string, int> first_line;
    const SurveyDefinition& survey;
};

void load_question(YamlChecker& yc, const YAML::Node& node, QuestionNames& names, Dimension& d) {
    if (!yc.expect_map(node, "a question (id: ..., text: ...)")) return;
    yc.check_keys(node, {"id", "text"}, "a question");
    Question q;
    if (node["text"])
        if (auto t = yc.scalar(node["text"], "the question's text")) q.text = *t;
    if (!yc.require(node, "id", "a question")) return;
    auto id = text_of(yc, node["id"], "a question id (its column in the responses file)");
    if (!id) return;
    const SurveyDefinition& s = names.survey;
    const auto& others = s.other_columns;
    if (*id == s.respondent_column) {
        yc.error(node["id"], fmt::format("question id \"{}\" is the respondent column", *id));
    } else if (std::find(others.begin(), others.end(), *id) != others.end()) {
        yc.error(node["id"],
                 fmt::format("question id \"{}\" is also listed in other_columns", *id));
    } else if (auto [it, fresh] = names.first_line.emplace(*id, yc.location(node["id"]).line);
               !fresh) {
        yc.error(node["id"],
                 fmt::format("question \"{}\" appears twice (first on line {})", *id, it->second));
    } else {
        q.id = *id;
        d.questions.push_back(q);
    }
}

void load_dimension(YamlChecker& yc, const YAML::Node& node, QuestionNames& names,
                    std::map<std::string, int>& dimension_lines, SurveyDefinition& s) {
    if (!yc.expect_map(node, "a dimension (name, weight, questions)")) return;
    yc.check_keys(node, {"name", "weight", "questions"}, "a dimension");
    Dimension d;
    if (yc.require(node, "name", "a dimension"))
        if (auto name = text_of(yc, node["name"], "a dimension name")) {
            d.name = *name;
            const int line = yc.location(node["name"]).line;
            if (auto [it, fresh] = dimension_lines.emplace(*name, line); !fresh)
                yc.error(node["name"],
                         fmt::format("dimension \"{}\" appears twice (first on line {})", *name,
                                     it->second));
        }
    if (node["weight"])
        if (auto w = yc.number(node["weight"], 0, 1e6)) {
            if (*w <= 0)
                yc.error(node["weight"], "a weight must be greater than 0");
            else
                d.weight = *w;
        }
    if (yc.require(node, "questions", "a dimension") &&
        yc.expect_sequence(node["questions"], "a list of questions")) {
        if (node["questions"].size() == 0)
            yc.error(node["questions"], fmt::format("dimension \"{}\" has no questions", d.name));
        for (const auto& q : node["questions"]) load_question(yc, q, names, d);
    }
    s.dimensions.push_back(std::move(d));
}

void load_dimensions(YamlChecker& yc, const YAML::Node& node, SurveyDefinition& s) {
    if (!yc.expect_sequence(node, "a list of dimensions")) return;
    if (node.size() == 0) {
        yc.error(node, "a survey needs at least one dimension");
        return;
    }
    QuestionNames names{{}, s};
    std::map<std::string, int> dimension_lines;
    std::vector<YAML::Node> loaded;  // the node of each s.dimensions entry
    for (const auto& d : node) {
        const size_t before = s.dimensions.size();
        load_dimension(yc, d, names, dimension_lines, s);
        if (s.dimensions.size() > before) loaded.push_back(d);
    }
    bool any_weight = false;
    for (const YAML::Node& d : loaded) any_weight = any_weight || d["weight"].IsDefined();
    if (!any_weight) return;
    for (size_t i = 0; i < loaded.size(); ++i)
        if (const YAML::Node& d = loaded[i]; !d["weight"])
            yc.error(d, fmt::format("dimension \"{}\" has no weight, but others have one: "
                                    "give every dimension a weight, or none",
                                    s.dimensions[i].name));
}

void load_optional_texts(YamlChecker& yc, const YAML::Node& root, SurveyDefinition& s) {
    if (root["title"])
        if (auto v = yc.scalar(root["title"], "a title")) s.title = *v;
    if (root["clause"])
        if (auto v = yc.scalar(root["clause"], "a clause")) s.clause = *v;
    if (root["locale"])
        if (auto v = yc.scalar(root["locale"], "a locale", locale_problem)) s.locale = *v;
    if (root["valid_return_rate_above"])
        s.valid_return_rate_above = yc.number(root["valid_return_rate_above"], 0, 1);
    if (root["respondent_column"])
        if (auto v = text_of(yc, root["respondent_column"], "a column name"))
            s.respondent_column = *v;
    if (root["other_columns"])
        for (const auto& c : yc.scalars(root["other_columns"], "a column name"))
            s.other_columns.emplace_back(trim(c));
}

void load_survey(YamlChecker& yc, const YAML::Node& root, SurveyDefinition& s) {
    if (!yc.expect_map(root, "a survey file")) return;
    yc.check_keys(root, kSurveyKeys, "the survey file");
    for (const char* key :
         {"id", "project", "sent_on", "surveyed", "scale", "dimensions", "responses"})
        yc.require(root, key, "the survey file");
    if (root["id"])
        if (auto v = text_of(yc, root["id"], "a survey id")) s.id = *v;
    if (root["project"])
        if (auto v = text_of(yc, root["project"], "a project name")) s.project = *v;
    if (root["sent_on"])
        if (auto v = yc.scalar(root["sent_on"], "a date YYYY-MM-DD")) {
            if (auto d = Date::parse(*v))
                s.sent_on = *d;
            else
                yc.error(root["sent_on"],
                         fmt::format("expected a date YYYY-MM-DD, got \"{}\"", *v));
        }
    if (root["responses"])
        if (auto v = text_of(yc, root["responses"], "the responses file (CSV)")) s.responses = *v;
    load_optional_texts(yc, root, s);
    if (root["surveyed"]) load_surveyed(yc, root["surveyed"], s);
    if (root["scale"]) load_scale(yc, root["scale"], s.scale);
    if (root["dimensions"]) load_dimensions(yc, root["dimensions"], s);
}

}  // namespace

SurveyDefinition parse_survey_yaml(const std::string& text, const std::string& file) {
    YamlChecker yc(file);
    SurveyDefinition s;
    s.file = file;
    const YAML::Node root = yc.load(text);
    if (root.IsDefined()) load_survey(yc, root, s);
    yc.throw_if_errors();
    return s;
}

// ---- Responses

namespace {

struct Columns {
    int respondent = -1;
    std::vector<int> question;  // per question_ids(); -1 when missing
};

// Problems in the header row: unnamed, repeated and unknown columns at their cell, missing
// ones at the header line.
Columns check_header(const CsvTable& table, const SurveyDefinition& s,
                     std::vector<Diagnostic>& errors) {
    const std::vector<std::string> ids = s.question_ids();
    const std::vector<Location> cells = table.header_row.locations(table.file);
    Location header_at = cells.front();
    header_at.column = 0;
    const auto cell = [&](size_t c) { return cells[std::min(c, cells.size() - 1)]; };
    Columns cols;
    cols.question.assign(ids.size(), -1);
    std::set<std::string> seen;
    for (size_t c = 0; c < table.header.size(); ++c) {
        const std::string& h = table.header[c];
        const auto q = std::find(ids.begin(), ids.end(), h);
        if (h.empty()) {
            errors.push_back({cell(c), fmt::format("column {} has no name", c + 1)});
        } else if (!seen.insert(h).second) {
            errors.push_back({cell(c), fmt::format("column \"{}\" appears twice", h)});
        } else if (h == s.respondent_column) {
            cols.respondent = static_cast<int>(c);
        } else if (q != ids.end()) {
            cols.question[static_cast<size_t>(q - ids.begin())] = static_cast<int>(c);
        } else if (std::find(s.other_columns.begin(), s.other_columns.end(), h) ==
                   s.other_columns.end()) {
            std::string hint = did_you_mean(h, ids);
            if (hint.empty()) hint = "; list it in other_columns if it is not a question";
            errors.push_back({cell(c), fmt::format("unknown question column \"{}\"{}", h, hint)});
        }
    }
    size_t i = 0;
    for (const auto& d : s.dimensions)
        for (const auto& q : d.questions)
            if (cols.question[i++] < 0)
                errors.push_back(
                    {header_at, fmt::format("missing question column \"{}\" ({})", q.id, d.name)});
    if (s.lists_customers() && cols.respondent < 0)
        errors.push_back({header_at, fmt::format("missing respondent column \"{}\": the survey "
                                                 "lists the customers it was sent to",
                                                 s.respondent_column)});
    return cols;
}

// Problems with who answered, at `where` (the respondent's cell); records a first answer.
void check_respondent(const std::string& id, const Location& where, const SurveyDefinition& s,
                      const std::set<std::string>& surveyed, std::map<std::string, int>& first_line,
                      std::vector<Diagnostic>& problems) {
    if (id.empty()) {
        if (s.lists_customers()) problems.push_back({where, "respondent is blank"});
        return;
    }
    if (s.lists_customers() && !surveyed.count(id)) {
        std::vector<std::string> ids(surveyed.begin(), surveyed.end());
        problems.push_back({where, fmt::format("respondent \"{}\" is not among those surveyed{}",
                                               id, did_you_mean(id, ids))});
        return;
    }
    if (auto [it, fresh] = first_line.emplace(id, where.line); !fresh)
        problems.push_back(
            {where, fmt::format("respondent \"{}\" already answered on line {}", id, it->second)});
}

}  // namespace

ParsedResponses parse_responses(const CsvTable& table, const SurveyDefinition& s,
                                bool skip_invalid) {
    ParsedResponses out;
    const Columns cols = check_header(table, s, out.errors);
    const std::vector<std::string> ids = s.question_ids();
    std::set<std::string> surveyed;
    for (const auto& c : s.customers) surveyed.insert(c.id);
    std::map<std::string, int> first_line;
    for (const auto& row : table.rows) {
        std::vector<Diagnostic> problems;
        Response r;
        r.line = row.line;
        if (cols.respondent >= 0) {
            const auto c = static_cast<size_t>(cols.respondent);
            r.respondent = std::string(trim(row.fields[c]));
            check_respondent(r.respondent, row.location(table.file, c), s, surveyed, first_line,
                             problems);
        }
        for (size_t q = 0; q < ids.size(); ++q) {
            std::optional<double> answer;
            if (cols.question[q] >= 0) {
                const auto c = static_cast<size_t>(cols.question[q]);
                const std::string cell(trim(row.fields[c]));
                std::string problem;
                if (!cell.empty() && !(answer = s.scale.score(cell, problem)))
                    problems.push_back({row.location(table.file, c), ids[q] + ": " + problem});
            }
            r.answers.push_back(answer);
        }
        for (auto& p : problems) {
            if (skip_invalid)
                out.skipped.push_back(p.str());
            else
                out.errors.push_back(std::move(p));
        }
        if (problems.empty()) out.responses.push_back(std::move(r));
    }
    if (!s.lists_customers() && static_cast<long>(out.responses.size()) > s.surveyed)
        out.errors.push_back({Location{table.file},
                              fmt::format("{} questionnaires returned, but {} says {} were sent",
                                          out.responses.size(), s.file, s.surveyed)});
    return out;
}

}  // namespace revisit
