# The revisit journal (issue 4, docs/journal.md): log-call with attempts, promises, findings
# and amendments; history; report revisit-rate and report findings; every bad input.
# Sequences from SEEDS.md S0.3-2.1 -> 2.2 -> 2.3 and S0.3-3.1 -> 3.2 with rules/sales-center.yaml.
source "$(dirname "$0")/lib.sh"
export USER=e2e  # the `by` column of customers.csv

# logc DIR CUSTOMER "AT" CHANNEL OUTCOME STAFF [FLAGS...]: a contact entered when it happened.
logc() {
    local dir=$1 customer=$2 at=$3 channel=$4 outcome=$5 staff=$6
    shift 6
    run --data "$dir" log-call "$customer" --channel "$channel" --outcome "$outcome" --staff "$staff" \
        --at "$at" --now "$at" "$@"
}
# expect_due DIR DATE EXPECTED: one line per item, "customer rules overdue attempts last_attempt".
expect_due() {
    CHECKS=$((CHECKS + 1))
    local got
    got=$("$REVISIT" --data "$1" due --today "$2" --format csv | python3 -c '
import csv, sys
for r in csv.DictReader(sys.stdin):
    print(" ".join([r["customer_id"], r["rule_ids"], r["days_overdue"], r["attempts"], r["last_attempt"]]).rstrip())')
    [ "$got" == "$3" ] || fail "due on $2 differs:
--- expected
$3
--- got
$got"
}

D=$(new_data sc sales-center)
"$REVISIT" --data "$D" add-customer --name 王小明 --phone 13800138000 --owner 张三 \
    --set stage=visitor --set grade=A --set key=yes --at "2026-11-02 10:00" >/dev/null
"$REVISIT" --data "$D" add-customer --name 李静 --phone 13900139000 --owner 李四 \
    --set stage=visitor --set grade=C --at "2026-11-02 11:00" >/dev/null

# --- S0.3-2.1: a grade-A key visitor is due the same day; a no-answer leaves it due and
#     the list shows the attempt; reached clears it.
expect_due "$D" 2026-11-02 "C000001 S0.3-2.1 0 0"
logc "$D" C000001 "2026-11-02 15:00" phone no-answer 张三
expect_rc 0
expect_out "K000001"
expect_due "$D" 2026-11-02 "C000001 S0.3-2.1 0 1 2026-11-02 15:00 phone no-answer"
run --data "$D" due --today 2026-11-02
expect_out_has "1× no-answer, last 11-02 15:00"
run --data "$D" due --today 2026-11-02 --format json
CHECKS=$((CHECKS + 1))
printf '%s' "$OUT" | python3 -c '
import json, sys
item = json.load(sys.stdin)["items"][0]
assert item["attempts"] == 1, item
assert item["last_attempt"] == {"at": "2026-11-02 15:00", "channel": "phone", "outcome": "no-answer"}, item
' || fail "due json attempts"
logc "$D" C000001 "2026-11-02 16:00" phone reached 张三
expect_out "K000002"
expect_due "$D" 2026-11-02 ""

# --- S0.3-2.2: again within 3 days (from the next day, by 11-05); S0.3-2.3: then every 3 days.
expect_due "$D" 2026-11-03 "C000001 S0.3-2.2 0 0"
logc "$D" C000001 "2026-11-04 10:30" phone reached 张三
expect_due "$D" 2026-11-06 ""
expect_due "$D" 2026-11-07 "C000001 S0.3-2.3-key 0 0"
logc "$D" C000001 "2026-11-07 11:00" phone reached 张三 --note 有意向
expect_out "K000004"
expect_due "$D" 2026-11-07 ""
expect_due "$D" 2026-11-10 "C000002 S0.3-2.4 1 0
C000001 S0.3-2.3-key 0 0"

# --- An amendment turns that 'reached' into 'no-answer': due again, with the attempt shown.
run --data "$D" log-call --amend K000004 --outcome no-answer --now "2026-11-07 18:00"
expect_rc 0
expect_out "K000005"
expect_due "$D" 2026-11-07 "C000001 S0.3-2.3-key 0 1 2026-11-07 11:00 phone no-answer"
expect_due "$D" 2026-11-08 "C000001 S0.3-2.3-key 1 1 2026-11-07 11:00 phone no-answer"
expect_eq "K000005,2026-11-07 11:00,C000001,phone,no-answer,张三,有意向,,,,,,,K000004,2026-11-07 18:00" \
    "$(tail -n 1 "$D/contacts.csv")" "the amendment copies the record"

# --- A promise (S0.1-5/S0.2-4.2) comes due and a later reached contact clears it.
logc "$D" C000001 "2026-11-08 10:00" phone reached 张三 --promise +2d --promise-note 报价
expect_out "K000006"
expect_due "$D" 2026-11-09 "C000002 S0.3-2.4 0 0"
expect_due "$D" 2026-11-10 "C000002 S0.3-2.4 1 0
C000001 promise 0 0"
logc "$D" C000001 "2026-11-10 16:00" phone reached 张三
expect_due "$D" 2026-11-10 "C000002 S0.3-2.4 1 0"

# 李四 calls 李静 two days late (grade C weekly, S0.3-2.4), then not again.
logc "$D" C000002 "2026-11-11 10:00" phone reached 李四
expect_out "K000008"

# --- log-call --set stage=closed: the S0.3-3 schedule applies. The SMS that records the
#     deal does not do for S0.3-3.1 (phone or visit): it shows as an attempt.
logc "$D" C000001 "2026-11-12 11:00" sms sent 张三 --note 签约 --set stage=closed
expect_out "K000009"
expect_due "$D" 2026-11-12 "C000001 S0.3-3.1 0 1 2026-11-12 11:00 sms sent"
logc "$D" C000001 "2026-11-12 15:40" phone reached 张三
expect_due "$D" 2026-11-12 ""
expect_due "$D" 2026-11-13 ""                  # S0.3-2.3-key stopped: no longer a visitor
expect_due "$D" 2026-11-24 "C000002 S0.3-2.4 6 0"   # 李静: due again 11-18, not called
expect_due "$D" 2026-11-26 "C000002 S0.3-2.4;S0.3-4-milestone 8 0"   # and the model home SMS
expect_due "$D" 2026-11-27 "C000002 S0.3-2.4;S0.3-4-milestone 9 0
C000001 S0.3-3.3;S0.3-3.2 0 0"                 # half a month after 11-12; model home opens 11-28

# --- history: the whole timeline, the amended record and its amendment side by side.
run --data "$D" history C000001
expect_rc 0
expect_out "C000001 王小明 13800138000
at                event      ref           by    details
2026-11-02 10:00  add        add-customer  e2e   name=王小明 phone=13800138000 owners=张三 stage=visitor grade=A key=yes
2026-11-02 15:00  contact    K000001       张三  phone no-answer
2026-11-02 16:00  contact    K000002       张三  phone reached
2026-11-04 10:30  contact    K000003       张三  phone reached
2026-11-07 11:00  contact    K000004       张三  [superseded by K000005] phone reached; note: 有意向
2026-11-07 11:00  amendment  K000005       张三  [amends K000004] phone no-answer; note: 有意向
2026-11-08 10:00  contact    K000006       张三  phone reached; promise: 2026-11-10 报价
2026-11-10 16:00  contact    K000007       张三  phone reached
2026-11-12 11:00  contact    K000009       张三  sms sent; note: 签约; set: stage=closed
2026-11-12 15:40  contact    K000010       张三  phone reached"
run --data "$D" history C000001 --format json
CHECKS=$((CHECKS + 1))
printf '%s' "$OUT" | python3 -c '
import json, sys
doc = json.load(sys.stdin)
e = doc["entries"]
assert doc["customer_id"] == "C000001" and len(e) == 10, doc
assert e[0]["event"] == "add" and e[0]["changes"]["grade"] == "A", e[0]
assert e[4]["superseded_by"] == "K000005" and e[5]["event"] == "amendment" and e[5]["amends"] == "K000004", e[4:6]
assert e[6]["promise"] == "2026-11-10" and e[8]["set"] == {"stage": "closed"}, e[6:9]
' || fail "history json"

# --- report revisit-rate, 11-02..11-30, worked by hand from the sequence above:
#   C000001 S0.3-2.1      due 11-02  K000002 11-02         on time
#   C000001 S0.3-2.2      due 11-05  K000003 11-04         on time
#   C000001 S0.3-2.3-key  due 11-07  K000004 amended away; K000006 11-08      late
#   C000001 promise       due 11-10  K000007 11-10         on time
#   C000001 S0.3-2.3-key  due 11-11: K000007 came first, so never due (nor 11-13: closed by then)
#   C000001 S0.3-3.1      due 11-12  K000010 11-12 (the SMS K000009 does not count)  on time
#   C000001 S0.3-3.2      due 11-27  nothing               missed
#   C000001 S0.3-3.3      due 11-28  nothing (model home)  missed
#   C000002 S0.3-2.4      due 11-09  K000008 11-11         late
#   C000002 S0.3-2.4      due 11-18  nothing               missed
#   C000002 S0.3-4-milestone due 11-28 (model home, from 11-25)  nothing  missed
# 4 of 10 on time = 40.0%; 张三 4 of 7 = 57.1%; 李四 0 of 3.
run --data "$D" report revisit-rate --from 2026-11-02 --to 2026-11-30
expect_rc 0
expect_out "revisit rate 2026-11-02 .. 2026-11-30: 4 of 10 on time = 40.0%; target 90%: BELOW TARGET
on-time 4, late 2, missed 4; open (due after 2026-11-30) 0

by staff:
staff  due  on-time  late  missed  open  rate
张三   7    4        1     2       0     57.1%
李四   3    0        1     2       0     0.0%

by rule:
rule              due  on-time  late  missed  open  rate
S0.3-2.1          1    1        0     0       0     100.0%
S0.3-2.2          1    1        0     0       0     100.0%
S0.3-2.3-key      1    0        1     0       0     0.0%
S0.3-2.4          2    0        1     1       0     0.0%
S0.3-3.1          1    1        0     0       0     100.0%
S0.3-3.2          1    0        0     1       0     0.0%
S0.3-3.3          1    0        0     1       0     0.0%
S0.3-4-milestone  1    0        0     1       0     0.0%
promise           1    1        0     0       0     100.0%

not on time:
customer  name    owners  rule              due_by      done_at           done_by  status
C000001   王小明  张三    S0.3-2.3-key      2026-11-07  2026-11-08 10:00  张三     late
C000002   李静    李四    S0.3-2.4          2026-11-09  2026-11-11 10:00  李四     late
C000002   李静    李四    S0.3-2.4          2026-11-18                             missed
C000001   王小明  张三    S0.3-3.2          2026-11-27                             missed
C000001   王小明  张三    S0.3-3.3          2026-11-28                             missed
C000002   李静    李四    S0.3-4-milestone  2026-11-28                             missed"
run --data "$D" report revisit-rate --from 2026-11-02 --to 2026-11-30 --by staff --format csv
expect_out "staff,due,on_time,late,missed,open,rate
张三,7,4,1,2,0,0.5714
李四,3,0,1,2,0,0.0000"
run --data "$D" report revisit-rate --from 2026-11-02 --to 2026-11-30 --format csv
expect_out_has "customer_id,name,owners,rule_id,clause,due_by,first_listed,status,done_at,done_by,done_contact
C000001,王小明,张三,S0.3-2.1,第二条(一)1,2026-11-02,2026-11-02,on-time,2026-11-02 16:00,张三,K000002
C000001,王小明,张三,S0.3-2.2,第二条(一)2,2026-11-05,2026-11-03,on-time,2026-11-04 10:30,张三,K000003"
# A period ending before S0.3-2.2 is owed: that item is open, not missed.
run --data "$D" report revisit-rate --from 2026-11-02 --to 2026-11-03 --by rule --format json
CHECKS=$((CHECKS + 1))
printf '%s' "$OUT" | python3 -c '
import json, sys
doc = json.load(sys.stdin)
assert (doc["due"], doc["on_time"], doc["open"], doc["rate"], doc["meets_target"]) == (1, 1, 1, 1.0, True), doc
assert [g["rule"] for g in doc["by_rule"]] == ["S0.3-2.1", "S0.3-2.2"] and "by_staff" not in doc, doc
assert [i["status"] for i in doc["items"]] == ["on-time", "open"], doc["items"]
' || fail "revisit-rate json"
run --data "$D" report revisit-rate --from 2026-10-01 --to 2026-10-31
expect_out "revisit rate 2026-10-01 .. 2026-10-31: nothing was due; target 90%
on-time 0, late 0, missed 0; open (due after 2026-10-31) 0

by staff:
staff  due  on-time  late  missed  open  rate

by rule:
rule  due  on-time  late  missed  open  rate"
# A period of any length costs what its records do (issue 14): 1970 to 9999 replays only the
# days on which the list can change and lists what 2026-2030 lists, all of it owed by then.
OUT=$(timeout 30 "$REVISIT" --data "$D" report revisit-rate --from 1970-01-01 --to 9999-12-31 \
    --format csv 2>"$WORK/.stderr")
RC=$?
expect_rc 0
ALL_TIME=$OUT
run --data "$D" report revisit-rate --from 2026-01-01 --to 2030-12-31 --format csv
expect_eq "$OUT" "$ALL_TIME" "revisit-rate 1970..9999"
expect_out_has "C000001,王小明,张三,S0.3-3.3,第三条3,2027-03-20,2027-03-19,missed,,,"
run --data "$D" report revisit-rate --from 2026-11-30 --to 2026-11-02
expect_rc 2
expect_err "revisit: error: --from 2026-11-30 is after --to 2026-11-02"
run --data "$D" report revisit-rate --from 2026-11-31 --to 2026-12-01
expect_rc 2
expect_err "revisit: error: --from \"2026-11-31\" is not a date; expected YYYY-MM-DD"

# --- Bad input: a clear message, non-zero exit, the journal unchanged.
snapshot "$D"
logc "$D" C00001 "2026-11-20 10:00" phone reached 张三
expect_rc 1
expect_err "revisit: error: unknown customer \"C00001\"; did you mean: C000001 王小明 13800138000; C000002 李静 13900139000"
logc "$D" 王小明 "2026-11-20 10:00" phone reached 张三
expect_rc 1
expect_err "revisit: error: unknown customer \"王小明\"; did you mean: C000001 王小明 13800138000"
logc "$D" 0013900 "2026-11-20 10:00" phone reached 张三
expect_rc 1
expect_err "revisit: error: unknown customer \"0013900\"; did you mean: C000002 李静 13900139000"
logc "$D" C000001 "2026-11-20 10:00" letter reached 张三
expect_rc 1
expect_err "revisit: error: unknown channel \"letter\"; allowed: visit, phone, sms"
logc "$D" C000001 "2026-11-20 10:00" phone reachd 张三
expect_rc 1
expect_err "revisit: error: unknown outcome \"reachd\" (did you mean \"reached\"?); allowed: reached, message-left, no-answer, busy, refused, wrong-number, sent"
run --data "$D" log-call C000001 --channel phone --outcome reached --staff 张三 \
    --at "2026-11-20 10:11" --now "2026-11-20 10:00"
expect_rc 1
expect_err "revisit: error: --at 2026-11-20 10:11 is in the future (now 2026-11-20 10:00)"
run --data "$D" log-call C000001 --channel phone --outcome reached --at "2026-11-20 10:00" --now "2026-11-20 10:00"
expect_rc 1
expect_err "revisit: error: a contact names the staff member who made it (--staff)"
run --data "$D" log-call --staff 张三 --at "2026-11-20 10:00" --now "2026-11-20 10:00"
expect_rc 1
expect_err "revisit: error: missing CUSTOMER: the id of the customer contacted (or --amend RECORD_ID)
revisit: error: missing --channel; allowed: visit, phone, sms
revisit: error: missing --outcome; allowed: reached, message-left, no-answer, busy, refused, wrong-number, sent"
run --data "$D" log-call C000001 --channel phone --outcome reached --staff 张三 --at "2026-11-20 25:00"
expect_rc 2
expect_err "revisit: error: --at \"2026-11-20 25:00\" is not a time; expected \"YYYY-MM-DD HH:MM\" or YYYY-MM-DD"
logc "$D" C000001 "2026-11-20 10:00" phone reached 张三 --promise +2x --promise-note 报价
expect_rc 2  # a malformed date, as --at above (issue 14 item 14 e)
expect_err "revisit: error: --promise \"+2x\" is not a date; expected YYYY-MM-DD or +Nd"
logc "$D" C000001 "2026-11-20 10:00" phone reached 张三 --promise-note 报价
expect_rc 1
expect_err "revisit: error: --promise-note goes with --promise DATE or --callback TIME"
logc "$D" C000001 "2026-11-20 10:00" phone reached 张三 --set stage=vip
expect_rc 1
expect_err "revisit: error: \"vip\" is not an allowed value of \"stage\"; allowed: call-in, visitor, closed"
logc "$D" C000001 "2026-11-20 10:00" phone reached 张三 --finding quality --finding-note 裂缝
expect_rc 1
expect_err "revisit: error: unknown finding \"quality\": the rules file declares no findings (add a \"findings:\" section)"
run --data "$D" log-call --amend K000099 --outcome reached --now "2026-11-20 10:00"
expect_rc 1
expect_err "revisit: error: --amend K000099: the journal has no contact record \"K000099\""
run --data "$D" log-call --amend K000004 --outcome reached --now "2026-11-20 10:00"
expect_rc 1
expect_err "revisit: error: --amend K000004: record K000004 was already amended by K000005; amend K000005 instead"
run --data "$D" log-call C000002 --amend K000005 --outcome reached --now "2026-11-20 10:00"
expect_rc 1
expect_err "revisit: error: --amend K000005: record K000005 is for customer C000001, not C000002"
run --data "$D" log-call --amend K000005 --outcome no-answer --now "2026-11-20 10:00"
expect_rc 1
expect_err "revisit: error: --amend K000005: nothing to change: every given value is already that of record K000005"
run --data "$D" log-call --amend K000005 --at "2026-11-21 10:00" --now "2026-11-20 10:00"
expect_rc 1
expect_err "revisit: error: --at 2026-11-21 10:00 is in the future (now 2026-11-20 10:00)"
run --data "$D" history C00001
expect_rc 1
expect_err "revisit: error: unknown customer \"C00001\"; did you mean: C000001 王小明 13800138000; C000002 李静 13900139000"
expect_unchanged "$D"

# Within the 10-minute tolerance a contact is accepted.
run --data "$D" log-call C000002 --channel phone --outcome busy --staff 李四 \
    --at "2026-11-30 10:10" --now "2026-11-30 10:00"
expect_rc 0
expect_out "K000011"

# --- Findings (S0.1-10) with the rules extended by findings: and revisit_rate:.
mkdir "$WORK/rules" && cp -r "$SRC/rules/calendars" "$WORK/rules/"
{ cat "$SRC/rules/sales-center.yaml"; cat <<'YAML'
findings:
  quality: {label: 产品质量, departments: [技术质检部], clause: 第十条}
  service: {label: 经营服务, departments: [生产部, 销售部], clause: 第十条}
revisit_rate: {target: 0.95, clause: "4.4"}
YAML
} > "$WORK/rules/findings.yaml"
"$REVISIT" init "$WORK/f" --rules "$WORK/rules/findings.yaml" || fail "init with findings"
F="$WORK/f"
"$REVISIT" --data "$F" add-customer --name 王小明 --phone 13800138000 --owner 张三 \
    --set stage=closed --at "2026-11-02 10:00" >/dev/null
logc "$F" C000001 "2026-11-02 15:00" phone reached 张三 --finding quality --finding-note 墙面裂缝
expect_out "K000001"
logc "$F" C000001 "2026-11-05 15:00" visit reached 张三 --finding service --finding-note "交房手续慢"
expect_out "K000002"
logc "$F" C000001 "2026-11-21 15:00" phone reached 张三 --finding service --finding-note 下月再说
snapshot "$F"
logc "$F" C000001 "2026-11-22 15:00" phone reached 张三 --finding servce
expect_rc 1
expect_err "revisit: error: unknown finding \"servce\" (did you mean \"service\"?); allowed: quality, service"
logc "$F" C000001 "2026-11-22 15:00" phone reached 张三 --finding-note 无
expect_rc 1
expect_err "revisit: error: --finding-note goes with --finding KIND"
expect_unchanged "$F"
run --data "$F" report findings --from 2026-11-01 --to 2026-11-15
expect_rc 0
expect_out "department  findings
技术质检部  1
生产部      1
销售部      1

department  at                customer  name    staff  finding  note
技术质检部  2026-11-02 15:00  C000001   王小明  张三   quality  墙面裂缝
生产部      2026-11-05 15:00  C000001   王小明  张三   service  交房手续慢
销售部      2026-11-05 15:00  C000001   王小明  张三   service  交房手续慢"
run --data "$F" report findings --from 2026-11-01 --to 2026-11-30 --format csv
expect_out "department,finding,label,clause,at,contact,customer_id,name,staff,note
技术质检部,quality,产品质量,第十条,2026-11-02 15:00,K000001,C000001,王小明,张三,墙面裂缝
生产部,service,经营服务,第十条,2026-11-05 15:00,K000002,C000001,王小明,张三,交房手续慢
生产部,service,经营服务,第十条,2026-11-21 15:00,K000003,C000001,王小明,张三,下月再说
销售部,service,经营服务,第十条,2026-11-05 15:00,K000002,C000001,王小明,张三,交房手续慢
销售部,service,经营服务,第十条,2026-11-21 15:00,K000003,C000001,王小明,张三,下月再说"
run --data "$F" report findings --from 2026-11-01 --to 2026-11-30 --format json
CHECKS=$((CHECKS + 1))
printf '%s' "$OUT" | python3 -c '
import json, sys
doc = json.load(sys.stdin)
assert [(d["department"], d["count"]) for d in doc["departments"]] == [("技术质检部", 1), ("生产部", 2), ("销售部", 2)], doc
assert doc["departments"][1]["findings"][1]["note"] == "下月再说", doc
' || fail "findings json"
run --data "$F" report findings --from 2026-12-01 --to 2026-12-31
expect_out "no findings 2026-12-01 .. 2026-12-31"
# The target and clause come from revisit_rate: in the rules file. S0.3-3.1 was done on the
# day (K000001); the visit K000002 (11-05) did for S0.3-3.2, so it fell due half a month
# later, 11-20, and was done 11-21 (K000003): 1 of 2.
run --data "$F" report revisit-rate --from 2026-11-02 --to 2026-11-21 --by rule
expect_out "revisit rate 2026-11-02 .. 2026-11-21: 1 of 2 on time = 50.0%; target 95% (4.4): BELOW TARGET
on-time 1, late 1, missed 0; open (due after 2026-11-21) 0

by rule:
rule      due  on-time  late  missed  open  rate
S0.3-3.1  1    1        0     0       0     100.0%
S0.3-3.2  1    0        1     0       0     0.0%

not on time:
customer  name    owners  rule      due_by      done_at           done_by  status
C000001   王小明  张三    S0.3-3.2  2026-11-20  2026-11-21 15:00  张三     late"

# --- Report CSV for spreadsheets: names, staff and notes that start with = + - @ get a leading
#     apostrophe (numbers such as -3 stay); --raw gives them as stored.
"$REVISIT" --data "$F" add-customer --name "=1+2" --phone 13800138001 --owner "-3" \
    --set stage=closed --at "2026-12-01 10:00" >/dev/null || fail "add =1+2"
logc "$F" C000002 "2026-12-01 15:00" phone reached "@张三" --finding quality --finding-note "+A1"
expect_out "K000004"
run --data "$F" report findings --from 2026-12-01 --to 2026-12-31 --format csv
expect_out "department,finding,label,clause,at,contact,customer_id,name,staff,note
技术质检部,quality,产品质量,第十条,2026-12-01 15:00,K000004,C000002,'=1+2,'@张三,'+A1"
run --data "$F" report findings --from 2026-12-01 --to 2026-12-31 --format csv --raw
expect_out "department,finding,label,clause,at,contact,customer_id,name,staff,note
技术质检部,quality,产品质量,第十条,2026-12-01 15:00,K000004,C000002,=1+2,@张三,+A1"
run --data "$F" report revisit-rate --from 2026-12-01 --to 2026-12-01 --format csv
expect_out "customer_id,name,owners,rule_id,clause,due_by,first_listed,status,done_at,done_by,done_contact
C000002,'=1+2,-3,S0.3-3.1,第三条1,2026-12-01,2026-12-01,on-time,2026-12-01 15:00,'@张三,K000004"
run --data "$F" report revisit-rate --from 2026-12-01 --to 2026-12-01 --by staff --format csv
expect_out "staff,due,on_time,late,missed,open,rate
-3,1,1,0,0,0,1.0000"
run --data "$F" report findings --from 2026-12-01 --to 2026-12-31 --raw
expect_rc 2
expect_err "revisit: error: --raw goes with --format csv"
