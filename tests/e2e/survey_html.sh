# survey-stats --format html (issue 15): the report in the regulation's language (locale
# from --locale, the survey file, or the rules file's survey.locale), well-formed,
# self-contained, and refused with file:line:column for an unknown locale.
source "$(dirname "$0")/lib.sh"

SAMPLE=$SRC/samples/property-survey
cp -r "$SAMPLE" "$WORK/s"
S=$WORK/s

# check_html FILE: python's html.parser sees every opened element closed, in order (void
# elements excepted); prints the problem, or nothing.
check_html() {
    python3 - "$1" <<'PY'
import sys
from html.parser import HTMLParser
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
class Nesting(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open, self.problems = [], []
    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append((tag, self.getpos()[0]))
    def handle_startendtag(self, tag, attrs):
        pass  # <line/> in SVG: opened and closed at once
    def handle_endtag(self, tag):
        if not self.open or self.open[-1][0] != tag:
            top = self.open[-1] if self.open else ("nothing", 0)
            self.problems.append(f"line {self.getpos()[0]}: </{tag}> closes <{top[0]}> of line {top[1]}")
        else:
            self.open.pop()
p = Nesting()
p.feed(open(sys.argv[1], encoding="utf-8").read())
p.close()
p.problems += [f"<{t}> of line {l} is never closed" for t, l in p.open]
print("\n".join(p.problems[:5]))
PY
}

expect_html() {  # expect_html FILE WANTED...: well-formed, self-contained, has each WANTED
    local file=$1 html problems
    shift
    html=$(cat "$file")
    problems=$(check_html "$file")
    CHECKS=$((CHECKS + 1))
    [ -z "$problems" ] || fail "$file is not well-formed: $problems"
    for unwanted in '<script' 'src=' 'http' '<link' '@import' 'url('; do
        CHECKS=$((CHECKS + 1))
        case "$html" in *"$unwanted"*) fail "$file contains $unwanted" ;; esac
    done
    for want in "$@"; do
        CHECKS=$((CHECKS + 1))
        case "$html" in *"$want"*) ;; *) fail "$file lacks $want" ;; esac
    done
}

ZH_LABELS=('<html lang="zh-CN">' '顾客回访分析报告</title>' '<th>量表</th>' '<th>有效标准</th>'
    '<h2>回收率</h2>' '<th>分组</th><th>发放</th><th>回收</th><th>回收率</th><th>结论</th>'
    '全部：<span class="valid">有效（发放 120 份，回收 41 份，回收率 34.2%，超过 25%）</span>'
    '<th>维度</th><th>权重</th><th>题数</th>' '<figcaption>各维度平均分（误差线：95% 置信区间）</figcaption>'
    '<figcaption>各维度满意率（误差线：Wilson 95% 区间）</figcaption>' '<h3>信度分析</h3>'
    '<th class="q">题目</th><th>校正题总相关</th><th>删除该题后的 α</th>' '<td>总体</td>'
    '0.35 偏低 (n=15)')
# Figures as the page shows them: weights to two decimals, rates with one, [low, high].
FIGURES=('<td>工程质量</td><td>0.30</td><td>3</td><td>118</td><td>3.44</td><td>[3.28, 3.60]</td><td>44.9%</td><td>[36.2%, 53.9%]</td><td>±7.4%</td>'
    '<td rowspan="3">0.83</td><td rowspan="3">[0.70, 0.90]</td><td rowspan="3">36</td><td class="q">e1 房屋主体质量（墙面、地面、门窗）</td><td>0.68</td><td>0.76</td>'
    '<svg viewBox="0 0 ' 'width="100%"' '<div class="scroll">')

# --- English stays the default; --locale zh-CN gives the Chinese labels
run survey-stats "$S/survey.yaml" --format html -o "$WORK/en.html"
expect_rc 0
expect_out ""
expect_html "$WORK/en.html" '<html lang="en">' ' — survey report</title>' \
    'valid: 41 of 120 returned (34.2%), more than 25%' '<h3>Reliability</h3>' "${FIGURES[@]}"
run survey-stats "$S/survey.yaml" --format html --locale zh-CN -o "$WORK/zh.html"
expect_rc 0
expect_html "$WORK/zh.html" "${ZH_LABELS[@]}" "${FIGURES[@]}"
CHECKS=$((CHECKS + 1))
grep -q 'survey report\|returned' "$WORK/zh.html" && fail "zh.html has English labels"

# --- the survey file's locale; --locale en overrides it
sed 's/^project: /locale: zh-CN\nproject: /' "$S/survey.yaml" > "$S/zh.yaml"
run survey-stats "$S/zh.yaml" --format html -o "$WORK/zh2.html"
expect_rc 0
expect_eq "$(cat "$WORK/zh.html")" "$(cat "$WORK/zh2.html")" "locale: zh-CN against --locale zh-CN"
run survey-stats "$S/zh.yaml" --format html --locale en
expect_out_has '<html lang="en">'
# text, csv and json are the same whatever the locale
run survey-stats "$S/zh.yaml" --format json
ZH_JSON=$OUT
run survey-stats "$S/survey.yaml" --format json
expect_eq "$OUT" "${ZH_JSON//zh.yaml/survey.yaml}" "json of a zh-CN survey"

# --- the rules file's survey.locale, with a data directory; the survey file's wins
D=$(new_data data property)
sed -i 's/^survey:$/survey:\n  locale: zh-CN/' "$D/rules.yaml"
run --data "$D" survey-stats "$S/survey.yaml" --format html -o "$WORK/rules.html"
expect_rc 0
expect_html "$WORK/rules.html" '<html lang="zh-CN">' '<th>标准来源</th><td>规则文件 '
sed 's/^project: /locale: en\nproject: /' "$S/survey.yaml" > "$S/en.yaml"
run --data "$D" survey-stats "$S/en.yaml" --format html
expect_out_has '<html lang="en">'

# --- an unknown locale is an error at its place, never a fallback
sed 's/^project: /locale: zh_CN\nproject: /' "$S/survey.yaml" > "$S/bad.yaml"
run survey-stats "$S/bad.yaml" --format html
expect_rc 1
expect_out ""
expect_err "revisit: error: $S/bad.yaml:5:9: unknown locale \"zh_CN\" (did you mean \"zh-CN\"?); allowed: en, zh-CN
  locale: zh_CN
          ^"
sed -i 's/^  locale: zh-CN$/  locale: zh-cn/' "$D/rules.yaml"
snapshot "$D"
run --data "$D" survey-stats "$S/survey.yaml" --format html
expect_rc 1
expect_out ""
LINE=$(grep -n '^  locale: zh-cn$' "$D/rules.yaml" | cut -d: -f1)
expect_err "revisit: error: $D/rules.yaml:$LINE:11: unknown locale \"zh-cn\" (did you mean \"zh-CN\"?); allowed: en, zh-CN
  locale: zh-cn
          ^"
expect_unchanged "$D"
run survey-stats "$S/survey.yaml" --format html --locale fr
expect_rc 2
expect_err_has "--locale"
