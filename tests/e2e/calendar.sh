# revisit calendar import/show/check, and the warning ahead of the calendar's end: importing
# the official 2026 data into an empty calendar gives the shipped working days; malformed data
# is refused at file:line:column with nothing written; from warn_days before 31 December the
# planning commands say that next year is missing; a deadline past it is provisional.
source "$(dirname "$0")/lib.sh"
SHIPPED="$SRC/rules/calendars/cn.yaml"

# holiday_json FILE YEAR PAPER "NAME off|work FIRST COUNT"...: a file as holiday-cn writes
# them, one day a record, COUNT consecutive days from FIRST.
holiday_json() {
    python3 - "$@" <<'PY'
import datetime, json, sys
path, year, paper, runs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
days = []
for run in runs:
    name, kind, first, count = run.split()
    start = datetime.date.fromisoformat(first)
    for i in range(int(count)):
        days.append({"name": name, "date": (start + datetime.timedelta(i)).isoformat(),
                     "isOffDay": kind == "off"})
doc = {"$schema": "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json",
       "year": year, "papers": [paper] if paper else [], "days": days}
open(path, "w", encoding="utf-8").write(json.dumps(doc, ensure_ascii=False, indent=4))
PY
}

# The 2026 notice as holiday-cn lists it: in its order, 国庆节's make-up Sunday before 中秋节.
NOTICE_2026=https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm
holiday_json "$WORK/2026.json" 2026 "$NOTICE_2026" \
    "元旦 off 2026-01-01 3" "元旦 work 2026-01-04 1" "春节 work 2026-02-14 1" \
    "春节 off 2026-02-15 9" "春节 work 2026-02-28 1" "清明节 off 2026-04-04 3" \
    "劳动节 off 2026-05-01 5" "劳动节 work 2026-05-09 1" "端午节 off 2026-06-19 3" \
    "国庆节 work 2026-09-20 1" "中秋节 off 2026-09-25 3" "国庆节 off 2026-10-01 7" \
    "国庆节 work 2026-10-10 1"

# === import into an empty calendar: the shipped working days, day for day ================
mkdir -p "$WORK/cal"
run calendar import --calendar "$WORK/cal/cn.yaml" "$WORK/2026.json"
expect_rc 0
expect_out "$WORK/cal/cn.yaml: added 2026: 7 holidays, 33 days off, 6 make-up working days ($NOTICE_2026)"
run calendar show 2026 --format csv --calendar "$SHIPPED"
SHIPPED_DAYS=$OUT
run calendar show 2026 --format csv --calendar "$WORK/cal/cn.yaml"
expect_eq "$SHIPPED_DAYS" "$OUT" "2026 day by day, imported vs shipped"
expect_eq "366" "$(printf '%s\n' "$OUT" | wc -l)" "a header and 365 days"
expect_out_has "2026-01-04,Sun,1,make-up,元旦"
expect_out_has "2026-09-20,Sun,1,make-up,国庆节"
expect_out_has "2026-10-07,Wed,0,holiday,国庆节"
expect_out_has "2026-10-08,Thu,1,,"
expect_out_has "2026-10-11,Sun,0,weekend,"
# The source notice is kept, and the same file imported again changes nothing.
grep -q "^    - $NOTICE_2026\$" "$WORK/cal/cn.yaml" || fail "the notice is not in the calendar"
sum=$(sha256sum < "$WORK/cal/cn.yaml")
run calendar import --calendar "$WORK/cal/cn.yaml" "$WORK/2026.json"
expect_rc 0
expect_out "$WORK/cal/cn.yaml: kept 2026: 7 holidays, 33 days off, 6 make-up working days ($NOTICE_2026)"
expect_eq "$sum" "$(sha256sum < "$WORK/cal/cn.yaml")" "re-import leaves the file as it was"

# === malformed data: every problem located, with its line and a caret; nothing written ====
cat > "$WORK/bad.json" <<'JSON'
{
    "year": 2026,
    "paper": [],
    "days": [
        {"name": "元旦", "date": "2025-12-31", "isOffDay": true},
        {"name": "国庆节", "date": "2026-10-09", "isOffDay": false},
        {"name": "国庆节", "date": "2026-02-30", "isOffDay": true},
        {"name": "春节", "date": "2026-10-09", "isOffday": true},
        {"name": "", "date": "2026-10-01", "isOffDay": true},
        {"name": "劳动节", "date": "2026-05-01", "isOffDay": true},
        {"name": "劳动节", "date": "2026-05-01", "isOffDay": true}
    ]
}
JSON
(cd "$WORK" && find cal -type f | sort | xargs sha256sum) > "$WORK/before"
run calendar import --calendar "$WORK/cal/cn.yaml" "$WORK/bad.json"
expect_rc 1
expect_out ""
expect_err "revisit: error: $WORK/bad.json:1:1: missing key \"papers\"
  {
  ^
revisit: error: $WORK/bad.json:3:5: unknown key \"paper\" (did you mean \"papers\"?)
  \"paper\": [],
  ^
revisit: error: $WORK/bad.json:5:32: 2025-12-31 is outside 2026, the year of the file
  {\"name\": \"元旦\", \"date\": \"2025-12-31\", \"isOffDay\": true},
                           ^
revisit: error: $WORK/bad.json:6:33: make-up working day 2026-10-09 is a Friday; expected a Saturday or Sunday
  {\"name\": \"国庆节\", \"date\": \"2026-10-09\", \"isOffDay\": false},
                             ^
revisit: error: $WORK/bad.json:7:33: expected a date YYYY-MM-DD, got \"2026-02-30\"
  {\"name\": \"国庆节\", \"date\": \"2026-02-30\", \"isOffDay\": true},
                             ^
revisit: error: $WORK/bad.json:8:9: missing key \"isOffDay\"
  {\"name\": \"春节\", \"date\": \"2026-10-09\", \"isOffday\": true},
  ^
revisit: error: $WORK/bad.json:8:46: unknown key \"isOffday\" (did you mean \"isOffDay\"?)
  {\"name\": \"春节\", \"date\": \"2026-10-09\", \"isOffday\": true},
                                         ^
revisit: error: $WORK/bad.json:9:18: expected a holiday name (one line of text), got \"\"
  {\"name\": \"\", \"date\": \"2026-10-01\", \"isOffDay\": true},
           ^
revisit: error: $WORK/bad.json:11:33: 2026-05-01 is already listed at line 10
  {\"name\": \"劳动节\", \"date\": \"2026-05-01\", \"isOffDay\": true}
                             ^"
expect_eq "$(cat "$WORK/before")" "$(cd "$WORK" && find cal -type f | sort | xargs sha256sum)" \
    "a refused import writes nothing"
printf '{"year": 2026,\n "papers": [],\n "days": [}\n' > "$WORK/syntax.json"
run calendar import --calendar "$WORK/cal/cn.yaml" "$WORK/syntax.json"
expect_rc 1
expect_err "revisit: error: $WORK/syntax.json:3:11: invalid JSON: syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal
  \"days\": [}
           ^"
# holiday-cn publishes a year's file before its notice, with no days: not a year to import.
holiday_json "$WORK/2027-unpublished.json" 2027 ""
run calendar import --calendar "$WORK/cal/cn.yaml" "$WORK/2027-unpublished.json"
expect_rc 1
expect_err "revisit: error: $WORK/2027-unpublished.json:5:13: no days listed: the 2027 notice is not published yet; import the file once it lists the year's holidays
  \"days\": []
          ^"
expect_eq "$(cat "$WORK/before")" "$(cd "$WORK" && find cal -type f | sort | xargs sha256sum)" \
    "refused imports write nothing"

# === show and check ========================================================================
run calendar show 2026 --calendar "$SHIPPED"
expect_rc 0
expect_out "calendar cn, 2026: 248 working days; source: $NOTICE_2026

January                       February                      March
Mo  Tu  We  Th  Fr  Sa  Su    Mo  Tu  We  Th  Fr  Sa  Su    Mo  Tu  We  Th  Fr  Sa  Su
             1*  2*  3*  4+                            1                             1
 5   6   7   8   9  10  11     2   3   4   5   6   7   8     2   3   4   5   6   7   8
12  13  14  15  16  17  18     9  10  11  12  13  14+ 15*    9  10  11  12  13  14  15
19  20  21  22  23  24  25    16* 17* 18* 19* 20* 21* 22*   16  17  18  19  20  21  22
26  27  28  29  30  31        23* 24  25  26  27  28+       23  24  25  26  27  28  29
                                                            30  31

April                         May                           June
Mo  Tu  We  Th  Fr  Sa  Su    Mo  Tu  We  Th  Fr  Sa  Su    Mo  Tu  We  Th  Fr  Sa  Su
         1   2   3   4*  5*                    1*  2*  3*    1   2   3   4   5   6   7
 6*  7   8   9  10  11  12     4*  5*  6   7   8   9+ 10     8   9  10  11  12  13  14
13  14  15  16  17  18  19    11  12  13  14  15  16  17    15  16  17  18  19* 20* 21*
20  21  22  23  24  25  26    18  19  20  21  22  23  24    22  23  24  25  26  27  28
27  28  29  30                25  26  27  28  29  30  31    29  30

July                          August                        September
Mo  Tu  We  Th  Fr  Sa  Su    Mo  Tu  We  Th  Fr  Sa  Su    Mo  Tu  We  Th  Fr  Sa  Su
         1   2   3   4   5                         1   2         1   2   3   4   5   6
 6   7   8   9  10  11  12     3   4   5   6   7   8   9     7   8   9  10  11  12  13
13  14  15  16  17  18  19    10  11  12  13  14  15  16    14  15  16  17  18  19  20+
20  21  22  23  24  25  26    17  18  19  20  21  22  23    21  22  23  24  25* 26* 27*
27  28  29  30  31            24  25  26  27  28  29  30    28  29  30
                              31

October                       November                      December
Mo  Tu  We  Th  Fr  Sa  Su    Mo  Tu  We  Th  Fr  Sa  Su    Mo  Tu  We  Th  Fr  Sa  Su
             1*  2*  3*  4*                            1         1   2   3   4   5   6
 5*  6*  7*  8   9  10+ 11     2   3   4   5   6   7   8     7   8   9  10  11  12  13
12  13  14  15  16  17  18     9  10  11  12  13  14  15    14  15  16  17  18  19  20
19  20  21  22  23  24  25    16  17  18  19  20  21  22    21  22  23  24  25  26  27
26  27  28  29  30  31        23  24  25  26  27  28  29    28  29  30  31
                              30

* day off for a holiday   + make-up working day (调休)   other Saturdays and Sundays are days off

holiday  days off                days  make-up working days
元旦     01-01 Thu to 01-03 Sat  3     01-04 Sun
春节     02-15 Sun to 02-23 Mon  9     02-14 Sat, 02-28 Sat
清明节   04-04 Sat to 04-06 Mon  3     -
劳动节   05-01 Fri to 05-05 Tue  5     05-09 Sat
端午节   06-19 Fri to 06-21 Sun  3     -
中秋节   09-25 Fri to 09-27 Sun  3     -
国庆节   10-01 Thu to 10-07 Wed  7     09-20 Sun, 10-10 Sat"
run calendar show --today 2027-03-01 --calendar "$SHIPPED"
expect_rc 0
expect_out_has "calendar cn, 2027: not covered, Monday to Friday only; add the official calendar: revisit calendar import 2027.json"
expect_out_has " 4   5   6   7   8   9  10     8   9  10  11  12  13  14     8   9  10  11  12  13  14"

D=$(new_data sales sales-center)
WARN_AHEAD="revisit: warning: calendars/cn.yaml has no holidays for 2027, which begins in 31 days: from 2027-01-01 holiday rules cannot fire and working days count Monday-Friday only; add the official calendar once it is published: revisit calendar import 2027.json"
CHECK_TABLE="calendar cn ($D/calendars/cn.yaml): 2024-01-01 to 2026-12-31
year  holidays  days off  make-up days  working days  source
2024  7         28        8             251           https://www.gov.cn/zhengce/zhengceku/202310/content_6911528.htm
2025  6         28        5             248           https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm
2026  7         33        6             248           $NOTICE_2026
missing: 2027, not imported yet; planning commands warn from 2026-11-17 (warn_days: 45)"
run --data "$D" calendar check --today 2026-06-01
expect_rc 0
expect_out "$CHECK_TABLE"
expect_err ""
run --data "$D" calendar check --today 2026-12-01
expect_rc 1
expect_out "$CHECK_TABLE"
expect_err "${WARN_AHEAD/warning/error}"

# === the warning ahead: one line on stderr from 45 days before 31 December ================
run --data "$D" due --today 2026-06-01
expect_rc 0
expect_err ""
run --data "$D" due --today 2026-11-16
expect_err ""
run --data "$D" due --today 2026-11-17
expect_err "${WARN_AHEAD/31 days/45 days}"
run --data "$D" due --today 2026-12-01
expect_rc 0
expect_err "$WARN_AHEAD"
run --data "$D" due --today 2026-12-01 --format csv
expect_err "$WARN_AHEAD"
# A report over days the calendar does not cover says so.
run --data "$D" report revisit-rate --from 2026-12-01 --to 2027-01-31
expect_rc 0
expect_err "revisit: warning: calendars/cn.yaml has no holidays for 2027: holiday rules cannot fire and working days count Monday-Friday only; add the official calendar: revisit calendar import 2027.json"
run --data "$D" report revisit-rate --from 2026-11-01 --to 2026-11-30
expect_err ""
# warn_days in the calendar file moves it (0: never).
sed -i 's/^warn_days: 45$/warn_days: 10/' "$D/calendars/cn.yaml"
run --data "$D" due --today 2026-12-01
expect_err ""
run --data "$D" due --today 2026-12-22
expect_err "${WARN_AHEAD/31 days/10 days}"
sed -i 's/^warn_days: 10$/warn_days: 0/' "$D/calendars/cn.yaml"
run --data "$D" due --today 2026-12-28
expect_err ""

# === complaint open warns; a deadline past 2026-12-31 is provisional =======================
C=$(new_data cement cement)
"$REVISIT" --data "$C" add-customer --id C1 --name 吉林建工 --phone 13800138000 --owner 王五 \
    --owner 李四 --at "2026-05-02 10:00" >/dev/null || fail "add C1"
run --data "$C" complaint open C1 --category quality --summary 强度不足 --staff 王五 \
    --at "2026-06-01 10:00" --now "2026-06-01 10:00"
expect_rc 0
expect_err "revisit: note: P000001 (产品质量) is owned by 王五 to the end [第七条]; routed to 技术质检部; result due by 2026-06-04 [第十条]
revisit: note: customer C1 now focus=yes [第四条]"
run --data "$C" complaint open C1 --category service --summary 送货晚 --staff 王五 \
    --at "2026-12-01 10:00" --now "2026-12-01 10:00"
expect_rc 0
expect_err "revisit: note: P000002 (经营服务) is owned by 王五 to the end [第七条]; routed to 生产部, 销售部; result due by 2026-12-04 [第十条]
$WARN_AHEAD"
# 3 working days from Wednesday 30 December: 31st, 1 January (a holiday, but 2027 is not
# covered, so it counts), 4 January.
run --data "$C" complaint open C1 --category service --summary 又送货晚 --staff 王五 \
    --at "2026-12-30 10:00" --now "2026-12-30 10:00"
expect_rc 0
expect_err_has "result due by 2027-01-04 [第十条]"
expect_err_has "revisit: warning: calendars/cn.yaml has no holidays for 2027: the deadline 2027-01-04 counts Monday-Friday only and is provisional; add the official calendar: revisit calendar import 2027.json"
run --data "$C" complaint list --today 2026-12-30
expect_eq "id       opened            customer  name      category  departments    owner  severity  status  deadline                  overdue  repeat_of
P000001  2026-06-01 10:00  C1        吉林建工  quality   技术质检部     王五   normal    open    2026-06-04                +209d
P000002  2026-12-01 10:00  C1        吉林建工  service   生产部;销售部  王五   normal    open    2026-12-04                +26d
P000003  2026-12-30 10:00  C1        吉林建工  service   生产部;销售部  王五   normal    open    2027-01-04 (provisional)           P000002" \
    "$(printf '%s\n' "$OUT" | sed 's/ *$//')" "complaint list"
run --data "$C" complaint list --today 2026-12-30 --format csv
expect_out "id,opened,customer,name,category,departments,owner,severity,status,deadline,overdue,repeat_of,provisional
P000001,2026-06-01 10:00,C1,吉林建工,quality,技术质检部,王五,normal,open,2026-06-04,209,,0
P000002,2026-12-01 10:00,C1,吉林建工,service,生产部;销售部,王五,normal,open,2026-12-04,26,,0
P000003,2026-12-30 10:00,C1,吉林建工,service,生产部;销售部,王五,normal,open,2027-01-04,0,P000002,1"
provisional() {
    "$REVISIT" --data "$C" complaint list --today 2026-12-30 --format json |
        python3 -c 'import json, sys; print(" ".join("%s=%s" % (c["id"], c["provisional"]) for c in json.load(sys.stdin)))'
}
expect_eq "P000001=False P000002=False P000003=True" "$(provisional)" "provisional in JSON"

# === importing next year's data ends the warning and the provisional mark ==================
# (test data: one holiday, not the 2027 notice)
snapshot "$C"
run --data "$C" calendar import "$WORK/2026.json" "$WORK/bad.json"
expect_rc 1
expect_err_has "bad.json:3:5: unknown key \"paper\""
expect_unchanged "$C"
holiday_json "$WORK/2027.json" 2027 "https://example.invalid/2027-test-notice" "元旦 off 2027-01-01 1"
snapshot "$C"
run --data "$C" calendar import "$WORK/2027.json"
expect_rc 0
expect_out "$C/calendars/cn.yaml: added 2027: 1 holiday, 1 day off, 0 make-up working days (https://example.invalid/2027-test-notice)"
# Only the calendar changed; the journals are as they were.
(cd "$C" && find . -type f ! -name .lock ! -path ./calendars/cn.yaml -print0 | sort -z |
    xargs -0 sha256sum) > "$WORK/after"
expect_eq "$(grep -v ' ./calendars/cn.yaml$' "$WORK/.snapshot")" "$(cat "$WORK/after")" \
    "import touches the calendar only"
run --data "$C" calendar check --today 2026-12-01
expect_rc 0
expect_out_has "2027  1         1         0             260           https://example.invalid/2027-test-notice"
expect_out_has "missing: 2028, not imported yet; planning commands warn from 2027-11-17 (warn_days: 45)"
run --data "$C" due --today 2026-12-01
expect_err ""
expect_eq "P000001=False P000002=False P000003=False" "$(provisional)" "covered once imported"
