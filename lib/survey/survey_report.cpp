#include "survey/survey_report.h"

#include <algorithm>
#include <set>

namespace revisit {

std::string Threshold::source_name() const {
    switch (source) {
        case Source::Rules:
            return "rules";
        case Source::Survey:
            return "survey";
        case Source::Default:
            break;
    }
    return "default";
}

std::string Threshold::describe_source() const {
    switch (source) {
        case Source::Rules:
            return "rules file " + file;
        case Source::Survey:
            return "survey file " + file;
        case Source::Default:
            break;
    }
    return "built-in default (no data directory, and the survey file sets none)";
}

std::string GroupReport::label() const {
    if (!value) return "(all)";
    return value->empty() ? "(unset)" : *value;
}

bool is_valid_return(long returned, long sent, double rate_above) {
    if (sent <= 0) return false;
    // Division and the threshold's decimal are both correctly rounded, so a rate exactly
    // equal to the threshold (10 of 40 against 0.25, 3 of 10 against 0.3) compares equal.
    return static_cast<double>(returned) / static_cast<double>(sent) > rate_above;
}

namespace {

using Rows = std::vector<const Response*>;

// Statistics over the questions [first, first + count) of every row.
DimensionStats stats_over(size_t first, size_t count, const Rows& rows, long sent,
                          const Scale& scale) {
    DimensionStats st;
    st.questions = static_cast<int>(count);
    const double satisfied_from = scale.satisfied_from();
    std::vector<double> values;
    std::vector<std::vector<double>> complete;  // listwise deletion for alpha
    for (const Response* r : rows) {
        std::vector<double> row;
        for (size_t q = first; q < first + count; ++q) {
            const auto& a = r->answers[q];
            if (!a) continue;
            values.push_back(*a);
            row.push_back(*a);
            if (*a >= satisfied_from) st.satisfied += 1;
        }
        if (!row.empty()) ++st.respondents;
        if (row.size() == count) complete.push_back(std::move(row));
    }
    st.answers = static_cast<long>(values.size());
    const double population = static_cast<double>(sent) * static_cast<double>(count);
    if (!values.empty()) {
        const double n = static_cast<double>(st.answers);
        st.mean = mean(values);
        st.mean_ci = mean_interval_fpc(values, population);
        const double satisfied = static_cast<double>(st.satisfied);
        st.satisfaction_rate = satisfied / n;
        st.satisfaction_ci = wilson_interval(satisfied, n);
        st.margin_of_error = margin_of_error_fpc(*st.satisfaction_rate, n, population);
    }
    if (count >= 2) {
        st.alpha_respondents = static_cast<long>(complete.size());
        st.alpha = cronbach_alpha(complete);
        if (st.alpha)
            st.alpha_ci =
                alpha_interval_feldt(*st.alpha, st.alpha_respondents, static_cast<long>(count));
        st.items.resize(count);
        const auto items = item_reliability(complete);
        for (size_t i = 0; i < items.size(); ++i) {
            st.items[i].item_rest = items[i].item_rest;
            st.items[i].alpha_if_dropped = items[i].alpha_if_dropped;
        }
    }
    return st;
}

// Overall: (weighted) mean of the dimension means and rates; alpha over every question.
DimensionStats overall_stats(const SurveyDefinition& s, const std::vector<DimensionStats>& dims,
                             const Rows& rows, long sent) {
    const size_t total_questions = s.question_ids().size();
    DimensionStats all = stats_over(0, total_questions, rows, sent, s.scale);
    all.name = "overall";
    all.items.clear();  // per-question figures belong to a dimension
    double weight_sum = 0, mean_sum = 0, rate_sum = 0;
    for (size_t i = 0; i < dims.size(); ++i) {
        if (!dims[i].mean) continue;  // a dimension nobody answered does not count
        const double w = s.weighted() ? *s.dimensions[i].weight : 1.0;
        weight_sum += w;
        mean_sum += w * *dims[i].mean;
        rate_sum += w * *dims[i].satisfaction_rate;
    }
    all.mean_ci.reset();  // answers of different dimensions are not one sample
    if (weight_sum <= 0) return all;
    const double n = static_cast<double>(all.answers);
    all.mean = mean_sum / weight_sum;
    all.satisfaction_rate = rate_sum / weight_sum;
    all.satisfaction_ci = wilson_interval(*all.satisfaction_rate * n, n);
    all.margin_of_error =
        margin_of_error_fpc(*all.satisfaction_rate, n,
                            static_cast<double>(sent) * static_cast<double>(total_questions));
    return all;
}

GroupReport group_report(const SurveyDefinition& s, const Rows& rows, long sent, const Threshold& t,
                         std::optional<std::string> value) {
    GroupReport g;
    g.value = std::move(value);
    g.sent = sent;
    g.returned = static_cast<long>(rows.size());
    g.return_rate = sent > 0 ? static_cast<double>(g.returned) / static_cast<double>(sent) : 0;
    g.valid = is_valid_return(g.returned, sent, t.rate_above);
    size_t first = 0;
    for (const auto& d : s.dimensions) {
        DimensionStats st = stats_over(first, d.questions.size(), rows, sent, s.scale);
        st.name = d.name;
        st.weight = d.weight;
        for (size_t i = 0; i < st.items.size(); ++i) {
            st.items[i].id = d.questions[i].id;
            st.items[i].text = d.questions[i].text;
        }
        g.dimensions.push_back(std::move(st));
        first += d.questions.size();
    }
    g.overall = overall_stats(s, g.dimensions, rows, sent);
    return g;
}

}  // namespace

SurveyReport compute_survey_report(const SurveyDefinition& s,
                                   const std::vector<Response>& responses,
                                   const Threshold& threshold, const Grouping* grouping) {
    SurveyReport report;
    report.file = s.file;
    report.id = s.id;
    report.title = s.title;
    report.project = s.project;
    report.sent_on = s.sent_on.str();
    report.scale = s.scale;
    report.threshold = threshold;
    Rows all;
    for (const auto& r : responses) all.push_back(&r);
    report.groups.push_back(group_report(s, all, s.surveyed, threshold, std::nullopt));
    if (!grouping) return report;
    report.by = grouping->by;
    std::set<std::string> values;
    for (const auto& c : s.customers)
        if (const auto it = grouping->value_of.find(c.id); it != grouping->value_of.end())
            values.insert(it->second);
    std::vector<std::string> ordered(values.begin(), values.end());
    // std::set sorts "" first; the unset group goes last.
    if (!ordered.empty() && ordered.front().empty())
        std::rotate(ordered.begin(), ordered.begin() + 1, ordered.end());
    for (const auto& value : ordered) {
        long sent = 0;
        for (const auto& c : s.customers) {
            const auto it = grouping->value_of.find(c.id);
            if (it != grouping->value_of.end() && it->second == value) ++sent;
        }
        Rows rows;
        for (const Response* r : all) {
            const auto it = grouping->value_of.find(r->respondent);
            if (it != grouping->value_of.end() && it->second == value) rows.push_back(r);
        }
        report.groups.push_back(group_report(s, rows, sent, threshold, value));
    }
    return report;
}

}  // namespace revisit
