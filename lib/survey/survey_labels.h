#pragma once
// The words of the HTML survey report in each language a survey or rules file can ask for
// (`locale: en` or `zh-CN`, kReportLocales): headings, column names, verdicts, the note.
// Numbers are formatted the same way in every language. Pure.

#include <string>
#include <string_view>

#include "survey/survey_report.h"

namespace revisit {

struct ReportLabels {
    const char* lang;          // the page's lang attribute
    const char* report;        // after the title: "survey report", 顾客回访分析报告
    const char* subtitle;      // {id}, {project}, {sent_on}
    const char* scale;         // row headings of the table about the survey
    const char* satisfied_is;  // "; satisfied: " before the satisfied answers
    const char* threshold;
    const char* threshold_text;  // {threshold}, then the clause in brackets
    const char* threshold_from;
    const char* skipped_rows;
    const char* return_rate_heading;
    const char *group, *sent, *returned, *return_rate, *verdict, *valid, *invalid;
    const char *all_group, *unset_group;
    const char *dimension, *weight, *questions, *answers, *mean, *mean_ci, *satisfied, *wilson,
        *margin, *alpha, *overall, *low, *no_answers;
    const char *mean_chart, *rate_chart;  // figure captions
    const char *reliability, *alpha_ci, *alpha_n, *question, *item_rest, *alpha_if_dropped;
    const char* note;
    const char *open_bracket, *close_bracket, *heading_colon;
};

// The labels for `locale` (one of kReportLocales); English for anything else.
const ReportLabels& report_labels(std::string_view locale);

// A group's name: "(all)" / 全部, "(unset)" / 未设置, or the attribute's value.
std::string group_label(const GroupReport& group, const ReportLabels& labels);
// "valid: 41 of 120 returned (34.2%), more than 25%" or
// 有效（发放 120 份，回收 41 份，回收率 34.2%，超过 25%）.
std::string verdict_text(const GroupReport& group, const Threshold& threshold,
                         const ReportLabels& labels);
// "1 to 5" or "1 至 5 分" for a numeric scale; a labelled scale lists its labels.
std::string scale_text(const Scale& scale, const ReportLabels& labels);
// Where the threshold came from: "rules file X" / 规则文件 X, ...
std::string threshold_source_text(const Threshold& threshold, const ReportLabels& labels);

}  // namespace revisit
