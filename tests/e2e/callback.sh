# log-call --callback (issue 15): the customer asked to be called back at a time. Stored in
# the promise column, due on its day with that time as the call window, listed for
# do-not-disturb customers too, merged with other reasons, cleared by a later counting
# contact; every due format shows it, history and the revisit rate too. Refusals write nothing.
source "$(dirname "$0")/lib.sh"

D=$(new_data d sales-center)
run --data "$D" add-customer --name 王小明 --phone 13800138000 --owner 张晓梅 \
    --set stage=visitor --set grade=A --at "2026-11-02 10:00"
expect_out "C000001"
# A leader's referral: no rule calls them (S0.3-2.6), but they asked for the call.
run --data "$D" add-customer --name 李领导 --phone 13800138001 --owner 张晓梅 \
    --set stage=visitor --set referral=leader --at "2026-11-02 10:00"
expect_out "C000002"

call() {  # call CUSTOMER AT OUTCOME [ARGS...]
    local customer=$1 at=$2 outcome=$3
    shift 3
    run --data "$D" log-call "$customer" --channel phone --outcome "$outcome" --staff 张晓梅 \
        --at "$at" --now "$at" "$@"
}

# --- refused: nothing written, usage errors exit 2 -----------------------------------------
snapshot "$D"
call C000002 "2026-11-03 10:00" reached --callback tomorrow
expect_rc 2
expect_err 'revisit: error: --callback "tomorrow" is not a time; expected "YYYY-MM-DD HH:MM", +Nd or +Nh'
expect_unchanged "$D"
call C000002 "2026-11-03 10:00" reached --callback 2026-11-06
expect_rc 2
expect_err 'revisit: error: --callback "2026-11-06" is not a time; expected "YYYY-MM-DD HH:MM", +Nd or +Nh'
expect_unchanged "$D"
call C000002 "2026-11-03 10:00" reached --callback +1000d
expect_rc 2
expect_err 'revisit: error: --callback "+1000d" is not a time; expected "YYYY-MM-DD HH:MM", +Nd or +Nh'
expect_unchanged "$D"
call C000002 "2026-11-03 10:00" reached --callback +1d --promise +2d
expect_rc 2
expect_err "revisit: error: --callback and --promise cannot both be given: a contact holds one promise, a reply by a day (--promise) or a call back at a time (--callback)"
expect_unchanged "$D"
call C000002 "2026-11-03 10:00" reached --callback "2026-11-03 09:59"
expect_rc 1
expect_err "revisit: error: --callback 2026-11-03 09:59 is not after the contact (2026-11-03 10:00)"
expect_unchanged "$D"
call C000002 "2026-11-03 10:00" reached --callback +400d
expect_rc 1
expect_err "revisit: error: --callback 2027-12-08 10:00 is more than a year after the contact (2026-11-03 10:00)"
expect_unchanged "$D"
call C000009 "2026-11-03 10:00" reached --callback +2h --promise-note 看房
expect_rc 1
expect_err_has 'revisit: error: unknown customer "C000009"'
expect_unchanged "$D"
call C000002 "2026-11-03 10:00" reached --promise-note 看房
expect_rc 1
expect_err "revisit: error: --promise-note goes with --promise DATE or --callback TIME"
expect_unchanged "$D"

# --- recorded: the time is stored in the promise column -------------------------------------
call C000002 "2026-11-03 10:00" reached --callback "2026-11-06 15:00" --promise-note 周五下午方便
expect_rc 0
expect_out "K000001"
call C000001 "2026-11-02 15:00" no-answer --callback +1d  # 2026-11-03 15:00
expect_out "K000002"
expect_eq "K000001,2026-11-03 10:00,C000002,phone,reached,张晓梅,,,2026-11-06 15:00,周五下午方便,,,,,2026-11-03 10:00
K000002,2026-11-02 15:00,C000001,phone,no-answer,张晓梅,,,2026-11-03 15:00,,,,,,2026-11-02 15:00" \
    "$(tail -n 2 "$D/contacts.csv")" "contacts.csv rows"

# --- due: on its day (not before), the time as the window, merged, overdue after -----------
HEADER="customer  name    phone        owner   channel  due_by      overdue  window  rules              attempts                        reason"
run --data "$D" due --today 2026-11-02 --customer C000001
expect_out "customer  name    phone        owner   channel  due_by      overdue  window                   rules     attempts                        reason
C000001   王小明  13800138000  张晓梅  phone    2026-11-02           10:00-11:30 15:30-17:00  S0.3-2.1  1× no-answer, last 11-02 15:00  A、B类来访客户当日电话回访，再次确认需求、解决抗性"
run --data "$D" due --today 2026-11-05
expect_out "$HEADER
C000001   王小明  13800138000  张晓梅  phone    2026-11-02  +3d      15:00   S0.3-2.1,callback  1× no-answer, last 11-02 15:00  A、B类来访客户当日电话回访，再次确认需求、解决抗性；预约回电 15:00"
run --data "$D" due --today 2026-11-06
expect_out "$HEADER
C000001   王小明  13800138000  张晓梅  phone    2026-11-02  +4d      15:00   S0.3-2.1,callback  1× no-answer, last 11-02 15:00  A、B类来访客户当日电话回访，再次确认需求、解决抗性；预约回电 15:00
C000002   李领导  13800138001  张晓梅  phone    2026-11-06           15:00   callback                                           预约回电 15:00：周五下午方便"
run --data "$D" due --today 2026-11-06 --customer C000002 --format csv
expect_out "customer_id,name,phone,owners,channel,due_by,days_overdue,priority,rule_ids,clauses,reasons,call_window,message,attempts,last_attempt
C000002,李领导,13800138001,张晓梅,phone,2026-11-06,0,70,callback,,预约回电 15:00：周五下午方便,15:00,,0,"
run --data "$D" due --today 2026-11-06 --customer C000002 --explain
expect_out_has "  callback: contact K000001 on 2026-11-03 10:00: the customer asked to be called back at 2026-11-06 15:00 -> no counting contact since -> due by 2026-11-06"
got=$("$REVISIT" --data "$D" due --today 2026-11-06 --customer C000002 --format json 2>/dev/null |
    python3 -c 'import json, sys
i = json.load(sys.stdin)["items"][0]
print(i["call_window"], i["reasons"][0]["rule_id"], i["reasons"][0]["reason"])')
expect_eq "15:00 callback 预约回电 15:00：周五下午方便" "$got" "json"
# 15:00 in Asia/Shanghai, half an hour.
got=$("$REVISIT" --data "$D" due --today 2026-11-06 --customer C000002 --format ics 2>/dev/null |
    grep -a '^DTSTART\|^DTEND' | tr -d '\r')
expect_eq "DTSTART:20261106T070000Z
DTEND:20261106T073000Z" "$got" "ics"
got=$("$REVISIT" --data "$D" due --today 2026-11-06 --customer C000002 --format html 2>/dev/null |
    grep -o '<span class="nw">[^<]*</span>' | sort -u)
expect_eq '<span class="nw">15:00</span>' "$got" "html window"

# --- a no-answer leaves it; a later counting contact clears it ------------------------------
call C000002 "2026-11-06 15:00" no-answer
expect_out "K000003"
run --data "$D" due --today 2026-11-07 --customer C000002 --format csv
expect_out "customer_id,name,phone,owners,channel,due_by,days_overdue,priority,rule_ids,clauses,reasons,call_window,message,attempts,last_attempt
C000002,李领导,13800138001,张晓梅,phone,2026-11-06,1,70,callback,,预约回电 15:00：周五下午方便,15:00,,1,2026-11-06 15:00 phone no-answer"
call C000002 "2026-11-07 10:00" reached
expect_out "K000004"
run --data "$D" due --today 2026-11-09 --customer C000002
expect_rc 0
expect_out ""
# The saved fold holds the callback too: a second run reads the cache, the same list.
run --data "$D" due --today 2026-11-09 --format csv
FIRST=$OUT
expect_eq "yes" "$([ -f "$D/.cache/schedule.bin" ] && echo yes)" "cache saved"
run --data "$D" due --today 2026-11-09 --format csv
expect_eq "$FIRST" "$OUT" "due from the cache"
expect_out_has "C000001,王小明,13800138000,张晓梅,phone,2026-11-02,7,70,S0.3-2.1;callback,第二条(一)1,A、B类来访客户当日电话回访，再次确认需求、解决抗性；预约回电 15:00,15:00,,1,"
# A replayed day sees only what had happened by its end: the callback still open on 11-06.
run --data "$D" due --today 2026-11-06 --customer C000002 --format csv
expect_out_has "C000002,李领导,13800138001,张晓梅,phone,2026-11-06,0,70,callback,"

# --- history and the revisit rate ------------------------------------------------------------
run --data "$D" history C000002
expect_out "C000002 李领导 13800138001
at                event    ref           by       details
2026-11-02 10:00  add      add-customer  unknown  name=李领导 phone=13800138001 owners=张晓梅 stage=visitor referral=leader
2026-11-03 10:00  contact  K000001       张晓梅   phone reached; callback: 2026-11-06 15:00 周五下午方便
2026-11-06 15:00  contact  K000003       张晓梅   phone no-answer
2026-11-07 10:00  contact  K000004       张晓梅   phone reached"
# Callbacks count in the rate as promises do (rule id callback): C000002's was made late.
run --data "$D" report revisit-rate --from 2026-11-01 --to 2026-11-09 --by rule --format csv
expect_out_has "callback,2,0,1,1,0,0.0000"

# An amendment keeps the callback unless --promise or --callback is given.
run --data "$D" log-call --amend K000002 --note 改约 --now "2026-11-09 09:00"
expect_out "K000005"
expect_eq "2026-11-03 15:00" "$(tail -n 1 "$D/contacts.csv" | cut -d, -f9)" "amended: callback kept"
run --data "$D" log-call --amend K000005 --callback "2026-11-10 16:30" --now "2026-11-09 09:05"
expect_out "K000006"
expect_eq "2026-11-10 16:30" "$(tail -n 1 "$D/contacts.csv" | cut -d, -f9)" "amended: callback moved"
run --data "$D" due --today 2026-11-09 --customer C000001 --format csv
expect_out_has ",S0.3-2.1,第二条(一)1,A、B类来访客户当日电话回访，再次确认需求、解决抗性,10:00-11:30 15:30-17:00,"
run --data "$D" due --today 2026-11-10 --customer C000001 --format csv
expect_out_has ",S0.3-2.1;callback,第二条(一)1,A、B类来访客户当日电话回访，再次确认需求、解决抗性；预约回电 16:30,16:30,"
