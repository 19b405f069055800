# survey-stats (issue 6): S1-valid verdict, statistics, --by, bad input, formats.
source "$(dirname "$0")/lib.sh"

S=$WORK/s
mkdir -p "$S"

# A survey sent to a count of 40 owners; N returned rows.
count_survey() {  # count_survey FILE RESPONSES [extra yaml line]
    printf '%s\n' "id: count-test" "project: 一期" "sent_on: 2026-03-01" "surveyed: 40" \
        "scale: {min: 1, max: 5}" "dimensions:" "  - name: 工程质量" "    questions: [{id: q1}]" \
        "responses: $2" ${3:+"$3"} > "$1"
}
rows() {  # rows N: a responses file with N answers of 4
    echo q1
    for _ in $(seq "$1"); do echo 4; done
}

# --- S1-valid: exactly 25% returned is not valid; just above is
count_survey "$S/c10.yaml" r10.csv
rows 10 > "$S/r10.csv"
run survey-stats "$S/c10.yaml"
expect_rc 0
expect_out_has "(all)  40    10        25.0%        invalid"
expect_out_has "(all): invalid: 10 of 40 returned (25.0%), not more than 25%"
expect_out_has "from       built-in default (no data directory, and the survey file sets none)"
run survey-stats "$S/c10.yaml" --require-valid
expect_rc 4
expect_err "revisit: error: survey count-test is not valid: invalid: 10 of 40 returned (25.0%), not more than 25%"
expect_out_has "invalid"

count_survey "$S/c11.yaml" r11.csv
rows 11 > "$S/r11.csv"
run survey-stats "$S/c11.yaml" --require-valid
expect_rc 0
expect_out_has "(all): valid: 11 of 40 returned (27.5%), more than 25%"

# The survey's own threshold applies without a data directory, and says so.
count_survey "$S/c10-own.yaml" r10.csv "valid_return_rate_above: 0.2"
run survey-stats "$S/c10-own.yaml" --require-valid
expect_rc 0
expect_out_has "from       survey file $S/c10-own.yaml"
expect_out_has "valid when more than 20% of questionnaires come back"

# With a data directory its rules.yaml decides (sales-center: 0.25), and a different value
# in the survey file is named on stderr.
D=$(new_data data sales-center)
run --data "$D" survey-stats "$S/c10-own.yaml" --require-valid
expect_rc 4
expect_err "revisit: note: $S/c10-own.yaml sets valid_return_rate_above 0.2, but the rules file $D/rules.yaml sets 0.25, which applies
revisit: error: survey count-test is not valid: invalid: 10 of 40 returned (25.0%), not more than 25%"
expect_out_has "from       rules file $D/rules.yaml"

# --- a survey listing customer ids; missing answers; --by project
for c in "C1 一期" "C2 一期" "C3 二期" "C4 -"; do
    set -- $c
    proj=(--set "project=$2")
    [ "$2" = - ] && proj=()
    "$REVISIT" --data "$D" add-customer --name "业主$1" --phone "1380000000${1#C}" --owner 甲 \
        --set stage=closed "${proj[@]}" --id "$1" --at "2026-01-01 10:00" >/dev/null ||
        fail "add-customer $1"
done
cat > "$S/survey.yaml" <<'EOF'
id: by-test
project: 一期
sent_on: 2026-03-01
surveyed: [C1, C2, C3, C4]
scale: {min: 1, max: 5}
dimensions:
  - name: 工程质量
    questions:
      - {id: q1, text: 房屋质量}
      - {id: q2, text: 整改及时}
  - name: 物业管理服务
    questions:
      - {id: q3, text: 物业服务}
responses: responses.csv
EOF
printf 'respondent,q1,q2,q3\nC1,5,4,4\nC2,3,,2\nC3,4,4,5\n' > "$S/responses.csv"

# The blank q2 of C2 is missing, not 0: 5 answers (5,4,3,4,4), mean 4.00; 4 satisfied of
# 5: Wilson 37.6-96.4%; margin 1.96·sqrt(.8·.2/5)·sqrt((8-5)/7) = 23.0%.
run survey-stats "$S/survey.yaml" --format json
expect_rc 0
expect_out_has '"answers": 5,'
expect_out_has '"mean": 4.0,'
expect_out_has '"wilson_95": [
            0.3755,
            0.9638
          ],'
expect_out_has '"margin_of_error": 0.2295,'
for field in '"survey": {' '"id": "by-test"' '"sent_on": "2026-03-01"' '"scale": {' \
    '"satisfied_from": 4' '"threshold": {' '"valid_return_rate_above": 0.25' \
    '"source": "default"' '"by": null' '"skipped": []' '"groups": [' '"group": null' \
    '"label": "(all)"' '"sent": 4' '"returned": 3' '"return_rate": 0.75' '"valid": true' \
    '"verdict": "valid: 3 of 4 returned (75.0%), more than 25%"' '"dimensions": [' \
    '"name": "工程质量"' '"weight": null' '"questions": 2' '"respondents": 3' \
    '"mean_ci_95": [' '"satisfied": 4' '"satisfaction_rate": 0.8' '"alpha": 0.0' \
    '"alpha_respondents": 2' '"alpha_low": true' '"overall": {'; do
    expect_out_has "$field"
done

run --data "$D" survey-stats "$S/survey.yaml" --by project
expect_rc 0
expect_out "survey     by-test
project    一期
sent on    2026-03-01
scale      1 to 5; satisfied: 5, 4
threshold  valid when more than 25% of questionnaires come back
from       rules file $D/rules.yaml

project  sent  returned  return rate  verdict
(all)    4     3         75.0%        valid
一期     2     2         100.0%       valid
二期     1     1         100.0%       valid
(unset)  1     0         0.0%         invalid

(all): valid: 3 of 4 returned (75.0%), more than 25%
dimension     weight  questions  answers  mean  mean 95% CI  satisfied  95% Wilson  margin  alpha
工程质量              2          5        4.00  3.59-4.41    80.0%      37.6-96.4%  ±23.0%  0.00 low (n=2)
物业管理服务          1          3        3.67  2.67-4.66    66.7%      20.8-93.9%  ±30.8%  -
overall               3          8        3.83  -            73.3%      39.5-92.1%  ±18.5%  - (n=2)

reliability  alpha  95% CI (Feldt)   n  question  item-rest r  alpha if dropped
工程质量     0.00   [-646.79, 1.00]  2  q1        -            -
                                        q2        -            -
overall      -      -                2

project 一期: valid: 2 of 2 returned (100.0%), more than 25%
dimension     weight  questions  answers  mean  mean 95% CI  satisfied  95% Wilson  margin  alpha
工程质量              2          3        4.00  3.35-4.65    66.7%      20.8-93.9%  ±30.8%  - (n=1)
物业管理服务          1          2        3.00  3.00-3.00    50.0%      9.5-90.5%   ±0.0%   -
overall               3          5        3.50  -            58.3%      22.0-87.4%  ±19.3%  - (n=1)

reliability  alpha  95% CI (Feldt)  n  question  item-rest r  alpha if dropped
工程质量     -      -               1  q1        -            -
                                       q2        -            -
overall      -      -               1

project 二期: valid: 1 of 1 returned (100.0%), more than 25%
dimension     weight  questions  answers  mean  mean 95% CI  satisfied  95% Wilson   margin  alpha
工程质量              2          2        4.00  4.00-4.00    100.0%     34.2-100.0%  ±0.0%   - (n=1)
物业管理服务          1          1        5.00  -            100.0%     20.7-100.0%  ±0.0%   -
overall               3          3        4.50  -            100.0%     43.8-100.0%  ±0.0%   - (n=1)

reliability  alpha  95% CI (Feldt)  n  question  item-rest r  alpha if dropped
工程质量     -      -               1  q1        -            -
                                       q2        -            -
overall      -      -               1

project (unset): invalid: 0 of 1 returned (0.0%), not more than 25%
dimension     weight  questions  answers  mean  mean 95% CI  satisfied  95% Wilson  margin  alpha
工程质量              2          0        -     -            -          -           -       - (n=0)
物业管理服务          1          0        -     -            -          -           -       -
overall               3          0        -     -            -          -           -       - (n=0)

reliability  alpha  95% CI (Feldt)  n  question  item-rest r  alpha if dropped
工程质量     -      -               0  q1        -            -
                                       q2        -            -
overall      -      -               0"

run --data "$D" survey-stats "$S/survey.yaml" --by project --format csv
expect_rc 0
expect_out_has "group,dimension,weight,questions,sent,returned,return_rate,valid,threshold,threshold_source,answers,respondents,mean,mean_ci_low,mean_ci_high,satisfied,satisfaction_rate,wilson_low,wilson_high,margin_of_error,alpha,alpha_respondents,alpha_low,alpha_ci_low,alpha_ci_high
(all),工程质量,,2,4,3,0.7500,true,0.25,rules,5,3,4.0000,3.5942,4.4058,4,0.8000,0.3755,0.9638,0.2295,0.0000,2,true,-646.7890,0.9985"
expect_out_has "(unset),overall,,3,1,0,0.0000,false,0.25,rules,0,0,,,,0,,,,,,0,"

# --by needs the data directory, a declared attribute, and customers it knows
run survey-stats "$S/survey.yaml" --by project
expect_rc 2
expect_err "revisit: error: --by project needs the data directory (--data DIR or REVISIT_DATA) to read the customers' attributes"
run --data "$D" survey-stats "$S/survey.yaml" --by projct
expect_rc 2
expect_err_has "revisit: error: --by \"projct\": the rules file declares no such attribute (did you mean \"project\"?)"
sed 's/surveyed: \[C1, C2, C3, C4\]/surveyed: [C1, C2, C3, C4, C5]/' "$S/survey.yaml" > "$S/c5.yaml"
run --data "$D" survey-stats "$S/c5.yaml" --by project
expect_rc 1
expect_err "revisit: error: $S/c5.yaml:4:28: customer \"C5\" is not in the data directory $D
  surveyed: [C1, C2, C3, C4, C5]
                             ^"
run --data "$D" survey-stats "$S/c10.yaml" --by project
expect_rc 2
expect_err "revisit: error: --by project needs a survey that lists the customers it was sent to; $S/c10.yaml gives only a count (surveyed: 40)"

# --- bad responses: every problem with file and line, exit 1, nothing computed
sed 's/responses: responses.csv/responses: bad.csv/' "$S/survey.yaml" > "$S/bad.yaml"
printf 'respondent,q1,q2,q4\nC1,6,4,\nC9,3,3,\nC1,4,4,\nC2,4,x,\n' > "$S/bad.csv"
run survey-stats "$S/bad.yaml"
expect_rc 1
expect_out ""
expect_err "revisit: error: $S/bad.csv:1:18: unknown question column \"q4\" (did you mean \"q1\"?)
  respondent,q1,q2,q4
                   ^
revisit: error: $S/bad.csv:1: missing question column \"q3\" (物业管理服务)
  respondent,q1,q2,q4
revisit: error: $S/bad.csv:2:4: q1: 6 is outside the scale 1 to 5
  C1,6,4,
     ^
revisit: error: $S/bad.csv:3:1: respondent \"C9\" is not among those surveyed (did you mean \"C1\"?)
  C9,3,3,
  ^
revisit: error: $S/bad.csv:4:1: respondent \"C1\" already answered on line 2
  C1,4,4,
  ^
revisit: error: $S/bad.csv:5:6: q2: \"x\" is not a score on the scale 1 to 5
  C2,4,x,
       ^"
# column problems cannot be skipped
run survey-stats "$S/bad.yaml" --skip-invalid
expect_rc 1
expect_err "revisit: error: $S/bad.csv:1:18: unknown question column \"q4\" (did you mean \"q1\"?)
  respondent,q1,q2,q4
                   ^
revisit: error: $S/bad.csv:1: missing question column \"q3\" (物业管理服务)
  respondent,q1,q2,q4"

# a label not in the mapping
cat > "$S/labels.yaml" <<'EOF'
id: labels
project: 一期
sent_on: 2026-03-01
surveyed: [C1, C2]
scale:
  labels: {满意: 3, 基本满意: 2, 不满意: 1}
dimensions:
  - name: 服务态度
    questions: [{id: a1}]
responses: labels.csv
EOF
printf 'respondent,a1\nC1,满意\nC2,一般\n' > "$S/labels.csv"
run survey-stats "$S/labels.yaml"
expect_rc 1
expect_err "revisit: error: $S/labels.csv:3:4: a1: \"一般\" is not a label of the scale; expected one of \"满意\", \"基本满意\", \"不满意\"
  C2,一般
     ^"

# --skip-invalid leaves bad rows out, lists them on stderr, and computes the rest
sed 's/responses: responses.csv/responses: skip.csv/' "$S/survey.yaml" > "$S/skip.yaml"
printf 'respondent,q1,q2,q3\nC1,5,4,4\nC2,6,4,2\nC9,4,4,4\nC3,4,4,5\n' > "$S/skip.csv"
run survey-stats "$S/skip.yaml" --skip-invalid
expect_rc 0
expect_err "revisit: skipped $S/skip.csv:3:4: q1: 6 is outside the scale 1 to 5
revisit: skipped $S/skip.csv:4:1: respondent \"C9\" is not among those surveyed (did you mean \"C1\"?)"
expect_out_has "skipped    2 invalid rows (listed on stderr)"
expect_out_has "(all)  4     2         50.0%        valid"
run survey-stats "$S/skip.yaml" --skip-invalid --format json
expect_out_has "\"skipped\": [
    \"$S/skip.csv:3:4: q1: 6 is outside the scale 1 to 5\","

# --- survey file mistakes: all of them, with line and column
printf 'id: x\nproject: p\nsent_on: 2026-02-30\nsurveyed: 10\nscale: {min: 1, max: 5, step: 1}\ndimensions:\n  - name: d\n    questions: [{id: q1, txt: 题}]\n' > "$S/broken.yaml"
run survey-stats "$S/broken.yaml"
expect_rc 1
expect_err "revisit: error: $S/broken.yaml:1:1: the survey file needs \"responses\"
  id: x
  ^
revisit: error: $S/broken.yaml:3:10: expected a date YYYY-MM-DD, got \"2026-02-30\"
  sent_on: 2026-02-30
           ^
revisit: error: $S/broken.yaml:5:25: unknown key \"step\" in scale; allowed: min, max, labels
  scale: {min: 1, max: 5, step: 1}
                          ^
revisit: error: $S/broken.yaml:8:26: unknown key \"txt\" in a question (did you mean \"text\"?)
  questions: [{id: q1, txt: 题}]
                       ^"

# --- HTML: self-contained, escaped, with the chart, dimensions and verdict
run survey-stats "$S/survey.yaml" --format html --output "$WORK/report.html"
expect_rc 0
expect_out ""
HTML=$(cat "$WORK/report.html")
for want in '<meta charset="utf-8">' '<svg' '</svg>' '工程质量' '物业管理服务' \
    'valid: 3 of 4 returned (75.0%), more than 25%' 'overall 3.83'; do
    CHECKS=$((CHECKS + 1))
    case "$HTML" in *"$want"*) ;; *) fail "report.html lacks $want" ;; esac
done
for unwanted in '<script' 'src=' 'href=http' '<link'; do
    CHECKS=$((CHECKS + 1))
    case "$HTML" in *"$unwanted"*) fail "report.html contains $unwanted" ;; esac
done
sed 's/id: by-test/id: "<b>by\&test<\/b>"/' "$S/survey.yaml" > "$S/escape.yaml"
run survey-stats "$S/escape.yaml" --format html
expect_out_has "&lt;b&gt;by&amp;test&lt;/b&gt;"

# --- deterministic: the same input gives the same bytes
run survey-stats "$SRC/samples/property-survey/survey.yaml" --format json
FIRST=$OUT
run survey-stats "$SRC/samples/property-survey/survey.yaml" --format json
expect_eq "$FIRST" "$OUT" "second run of the sample"
run survey-stats "$SRC/samples/property-survey/survey.yaml"
expect_rc 0
expect_out_has "(all)  120   41        34.2%        valid"
expect_out_has "投诉处理服务  0.15    2          32       3.56  3.29-3.83    53.1%      36.4-69.1%  ±16.1%  0.35 low (n=15)"
# Reliability as psych::alpha reports it; recomputed from the CSV by an independent Python
# script (hand formulae; mpmath for the F quantiles of Feldt's interval).
expect_out_has "工程质量      0.83   [0.70, 0.90]    36  e1        0.68         0.76
                                         e2        0.70         0.75
                                         e3        0.68         0.77"
expect_out_has "投诉处理服务  0.35   [-0.94, 0.78]   15  c1        0.22         -"
expect_out_has "overall       0.93   [0.84, 0.98]    11"
run survey-stats "$SRC/samples/property-survey/survey.yaml" --format json
expect_out_has '"alpha": 0.825,
          "alpha_respondents": 36,
          "alpha_low": false,
          "alpha_ci_95": [
            0.6957,
            0.9049
          ],
          "items": [
            {
              "id": "e1",
              "text": "房屋主体质量（墙面、地面、门窗）",
              "item_rest": 0.6805,
              "alpha_if_dropped": 0.7591
            },'

# --- csv for spreadsheets: a group (an attribute's value) or dimension that starts with
#     = + - @ gets a leading apostrophe; json keeps the text
"$REVISIT" --data "$D" update-customer C4 --set "project=@SUM(A1)" --at "2026-01-02 10:00" >/dev/null ||
    fail "update-customer C4"
run --data "$D" survey-stats "$S/survey.yaml" --by project --format csv
expect_rc 0
expect_out_has "
'@SUM(A1),overall,,3,1,0,0.0000,false,0.25,rules,0,0,,,,0,,,,,,0,"
run --data "$D" survey-stats "$S/survey.yaml" --by project --format json
expect_out_has '"group": "@SUM(A1)"'
