#include "survey/survey_labels.h"

#include <fmt/format.h>

#include "survey/survey_format.h"

namespace revisit {

namespace {

const ReportLabels kEnglish{
    .lang = "en",
    .report = "survey report",
    .subtitle = "survey {id} · project {project} · sent on {sent_on}",
    .scale = "scale",
    .satisfied_is = "; satisfied: ",
    .threshold = "threshold",
    .threshold_text = "valid when more than {threshold} of questionnaires come back",
    .threshold_from = "threshold from",
    .skipped_rows = "skipped rows",
    .return_rate_heading = "Return rate",
    .group = "group",
    .sent = "sent",
    .returned = "returned",
    .return_rate = "return rate",
    .verdict = "verdict",
    .valid = "valid",
    .invalid = "invalid",
    .all_group = "(all)",
    .unset_group = "(unset)",
    .dimension = "dimension",
    .weight = "weight",
    .questions = "questions",
    .answers = "answers",
    .mean = "mean",
    .mean_ci = "mean 95% CI",
    .satisfied = "satisfied",
    .wilson = "95% Wilson",
    .margin = "margin",
    .alpha = "alpha",
    .overall = "overall",
    .low = "low",
    .no_answers = "no answers",
    .mean_chart = "Mean score per dimension; whiskers: 95% interval",
    .rate_chart = "Satisfaction rate per dimension; whiskers: 95% Wilson interval",
    .reliability = "Reliability",
    .alpha_ci = "95% CI (Feldt)",
    .alpha_n = "n",
    .question = "question",
    .item_rest = "item-rest r",
    .alpha_if_dropped = "alpha if dropped",
    .note =
        "Bars: mean score; whiskers: its 95% interval (mean ± 1.96·s/√n with the "
        "finite-population correction); dashed line: overall. Satisfied: answers in the top "
        "two points of the scale; its whiskers: the 95% Wilson score interval. Alpha: "
        "Cronbach's alpha over respondents who answered every question of the dimension "
        "(n), below 0.7 marked low; its 95% interval by Feldt's method; item-rest r: the "
        "question's correlation with the sum of the other questions; alpha if dropped: the "
        "alpha of the other questions.",
    .open_bracket = " (",
    .close_bracket = ")",
    .heading_colon = ": ",
};

const ReportLabels kChinese{
    .lang = "zh-CN",
    .report = "顾客回访分析报告",
    .subtitle = "问卷 {id} · 项目 {project} · 发放日期 {sent_on}",
    .scale = "量表",
    .satisfied_is = "；满意：",
    .threshold = "有效标准",
    .threshold_text = "回收率超过 {threshold} 方为有效",
    .threshold_from = "标准来源",
    .skipped_rows = "跳过的行",
    .return_rate_heading = "回收率",
    .group = "分组",
    .sent = "发放",
    .returned = "回收",
    .return_rate = "回收率",
    .verdict = "结论",
    .valid = "有效",
    .invalid = "无效",
    .all_group = "全部",
    .unset_group = "未设置",
    .dimension = "维度",
    .weight = "权重",
    .questions = "题数",
    .answers = "回答数",
    .mean = "平均分",
    .mean_ci = "平均分 95% 置信区间",
    .satisfied = "满意率",
    .wilson = "Wilson 95% 区间",
    .margin = "误差范围",
    .alpha = "Cronbach α",
    .overall = "总体",
    .low = "偏低",
    .no_answers = "无回答",
    .mean_chart = "各维度平均分（误差线：95% 置信区间）",
    .rate_chart = "各维度满意率（误差线：Wilson 95% 区间）",
    .reliability = "信度分析",
    .alpha_ci = "95% 置信区间（Feldt）",
    .alpha_n = "完整作答人数",
    .question = "题目",
    .item_rest = "校正题总相关",
    .alpha_if_dropped = "删除该题后的 α",
    .note =
        "条形：平均分；误差线：其 95% 置信区间（平均分 ± 1.96·s/√n，含有限总体校正）；"
        "虚线：总体。满意：回答为量表最高两档；满意率的误差线为 Wilson 95% 区间。"
        "Cronbach α：以回答了该维度全部题目的受访者计算（完整作答人数），低于 0.7 "
        "标为偏低；95% 置信区间按 Feldt 方法；校正题总相关：该题与其余各题之和的相关"
        "系数；删除该题后的 α：其余各题的 α。",
    .open_bracket = "（",
    .close_bracket = "）",
    .heading_colon = "：",
};

}  // namespace

const ReportLabels& report_labels(std::string_view locale) {
    return locale == "zh-CN" ? kChinese : kEnglish;
}

std::string group_label(const GroupReport& g, const ReportLabels& l) {
    if (!g.value) return l.all_group;
    return g.value->empty() ? l.unset_group : *g.value;
}

std::string verdict_text(const GroupReport& g, const Threshold& t, const ReportLabels& l) {
    if (&l != &kChinese) return verdict_text(g, t);
    return fmt::format("{}（发放 {} 份，回收 {} 份，回收率 {}，{}超过 {}）",
                       g.valid ? l.valid : l.invalid, g.sent, g.returned,
                       format_percent(g.return_rate), g.valid ? "" : "未",
                       format_threshold(t.rate_above));
}

std::string scale_text(const Scale& s, const ReportLabels& l) {
    if (&l == &kChinese && !s.uses_labels()) return fmt::format("{} 至 {} 分", s.min, s.max);
    return s.describe();
}

std::string threshold_source_text(const Threshold& t, const ReportLabels& l) {
    if (&l != &kChinese) return t.describe_source();
    switch (t.source) {
        case Threshold::Source::Rules:
            return "规则文件 " + t.file;
        case Threshold::Source::Survey:
            return "问卷文件 " + t.file;
        case Threshold::Source::Default:
            break;
    }
    return "内置默认值（未给数据目录，问卷文件也未设置）";
}

}  // namespace revisit
