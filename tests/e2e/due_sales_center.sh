# due with rules/sales-center.yaml: one scenario per rule id of SEEDS.md S0.3-*, checked the
# day before, on the day and after, across weekends and holidays.
source "$(dirname "$0")/lib.sh"

# S0.3-1.1: every call-in customer gets a phone call the same day.
D=$(new_data s11 sales-center)
add "$D" C1 "2026-11-20 09:00" stage=call-in
expect_due "$D" 2026-11-19 ""
expect_due "$D" 2026-11-20 "C1 S0.3-1.1 0 phone"
expect_due "$D" 2026-11-21 "C1 S0.3-1.1 1 phone"
contact "$D" C1 "2026-11-20 15:00" phone no-answer          # an unanswered call does not count
expect_due "$D" 2026-11-20 "C1 S0.3-1.1 0 phone"
contact "$D" C1 "2026-11-20 16:00" phone reached
expect_due "$D" 2026-11-20 ""
expect_due "$D" 2026-11-24 ""                                # not a quality lead: nothing more
expect_due "$D" 2026-11-27 "C1 S0.3-4-milestone 0 sms"       # but the model home (11-28): 第四条2

# S0.3-1.2 and S0.3-1.3: quality call-ins again within 3 days, then weekly until they visit.
D=$(new_data s12 sales-center)
add "$D" Q1 "2026-11-20 09:00" stage=call-in quality=yes
contact "$D" Q1 "2026-11-20 10:00" phone reached
expect_due "$D" 2026-11-20 ""
expect_due "$D" 2026-11-21 "Q1 S0.3-1.2 0 phone"             # from the next day (a Saturday)
expect_due "$D" 2026-11-23 "Q1 S0.3-1.2 0 phone"             # due by day 3
expect_due "$D" 2026-11-24 "Q1 S0.3-1.2 1 phone"
contact "$D" Q1 "2026-11-22 11:00" phone reached
expect_due "$D" 2026-11-28 "Q1 S0.3-4-milestone 0 sms"       # no call due; the model home opens
expect_due "$D" 2026-11-29 "Q1 S0.3-1.3 0 phone"             # a week after the last call
contact "$D" Q1 "2026-11-29 10:30" phone reached
expect_due "$D" 2026-12-05 ""
expect_due "$D" 2026-12-06 "Q1 S0.3-1.3 0 phone"
"$REVISIT" --data "$D" update-customer Q1 --set stage=visitor --set grade=C --at "2026-12-01 14:00"
expect_due "$D" 2026-12-06 ""                                # visited: the call-in schedule stops
expect_due "$D" 2026-12-08 "Q1 S0.3-2.4 0 phone"             # grade C: weekly from the visit

# S0.3-2.1, 2.2, 2.3: A/B visitors same day, again within 3 days, then key every 3 days,
# objection weekly.
D=$(new_data s21 sales-center)
add "$D" K1 "2026-11-20 10:00" stage=visitor grade=A key=yes
add "$D" O1 "2026-11-20 10:00" stage=visitor grade=B objection=yes
expect_due "$D" 2026-11-20 "K1 S0.3-2.1 0 phone
O1 S0.3-2.1 0 phone"
contact "$D" K1 "2026-11-20 16:00" phone reached
contact "$D" O1 "2026-11-20 16:00" visit reached
expect_due "$D" 2026-11-20 ""
expect_due "$D" 2026-11-21 "K1 S0.3-2.2 0 phone
O1 S0.3-2.2 0 phone"
contact "$D" K1 "2026-11-22 10:00" phone reached
contact "$D" O1 "2026-11-23 10:00" phone reached
expect_due "$D" 2026-11-24 ""
expect_due "$D" 2026-11-25 "K1 S0.3-2.3-key;S0.3-4-milestone 0 phone
O1 S0.3-4-milestone 0 sms"                                    # 3 days after the 11-22 call
expect_due "$D" 2026-11-30 "K1 S0.3-2.3-key 5 phone
O1 S0.3-2.3-objection 0 phone"                               # most overdue first
expect_due "$D" 2026-11-30 "K1 S0.3-2.3-key 5 phone" --staff 张三 --customer K1

# S0.3-2.4: grade C weekly; S0.3-5.2: a customer who dislikes calls is called half as often.
D=$(new_data s24 sales-center)
add "$D" C1 "2026-11-02 10:00" stage=visitor grade=C
add "$D" C2 "2026-11-02 10:00" stage=visitor grade=C dislikes-calls=yes
expect_due "$D" 2026-11-08 ""
expect_due "$D" 2026-11-09 "C1 S0.3-2.4 0 phone"
expect_due "$D" 2026-11-15 "C1 S0.3-2.4 6 phone"
expect_due "$D" 2026-11-16 "C1 S0.3-2.4 7 phone
C2 S0.3-2.4 0 phone"

# S0.3-2.5 and S0.3-5.5: grade D gets SMS only, before milestones and holidays; the text
# starts with the salutation (or 尊敬的贵宾) and ends with the project signature.
D=$(new_data s25 sales-center)
add "$D" D1 "2026-09-01 10:00" stage=visitor grade=D salutation=王先生
add "$D" D2 "2026-09-01 10:00" stage=visitor grade=D
expect_due "$D" 2026-09-29 ""
expect_due "$D" 2026-09-30 "D1 S0.3-2.5-holiday 0 sms
D2 S0.3-2.5-holiday 0 sms"                                    # National Day starts 10-01
expect_due "$D" 2026-10-02 ""                                # a greeting after the day is pointless
run --data "$D" due --today 2026-09-30 --format csv
expect_out_has "王先生您好，国庆节快乐！感谢您对项目的关注。【居然o青年城】首席预约电话:400-000-0000 置业顾问:张三"
expect_out_has "尊敬的贵宾，国庆节快乐！"
contact "$D" D1 "2026-09-30 09:00" sms sent
expect_due "$D" 2026-09-30 "D2 S0.3-2.5-holiday 0 sms"
expect_due "$D" 2026-11-24 ""
expect_due "$D" 2026-11-25 "D1 S0.3-2.5-milestone 0 sms
D2 S0.3-2.5-milestone 0 sms"                                  # model home opens 11-28, 3 days ahead

# S0.3-2.6 and S0.3-2.7: leader referrals only before milestones (phone) and on holidays
# (SMS); VIP guests only holiday SMS; neither gets the regular A/B calls.
D=$(new_data s26 sales-center)
add "$D" L1 "2026-09-01 10:00" stage=visitor grade=A referral=leader
add "$D" V1 "2026-09-01 10:00" stage=visitor grade=A referral=vip
expect_due "$D" 2026-09-01 ""
expect_due "$D" 2026-11-24 ""
expect_due "$D" 2026-11-25 "L1 S0.3-2.6 0 phone"
expect_due "$D" 2026-09-30 "L1 S0.3-2.7 0 sms
V1 S0.3-2.7 0 sms"
expect_due "$D" 2026-12-31 ""                                # 元旦 2027 is not in the calendar yet
CHECKS=$((CHECKS + 1))
grep -q "calendars/cn.yaml has no holidays for 2027" "$WORK/.due-stderr" || fail "no warning for an uncovered year"

# S0.3-3.1, 3.2, 3.3: closed deals: same-day congratulation, then half-monthly, and
# construction milestones.
D=$(new_data s31 sales-center)
add "$D" B1 "2026-10-01 10:00" stage=visitor grade=B
contact "$D" B1 "2026-10-01 15:00" phone reached
contact "$D" B1 "2026-10-03 15:00" phone reached
"$REVISIT" --data "$D" update-customer B1 --set stage=closed --at "2026-11-05 11:00"
expect_due "$D" 2026-11-04 ""
expect_due "$D" 2026-11-05 "B1 S0.3-3.1 0 phone"
expect_due "$D" 2026-11-06 "B1 S0.3-3.1 1 phone"
contact "$D" B1 "2026-11-05 17:00" phone reached --note 祝贺成交
expect_due "$D" 2026-11-05 ""
expect_due "$D" 2026-11-19 ""
expect_due "$D" 2026-11-20 "B1 S0.3-3.2 0 phone"
contact "$D" B1 "2026-11-20 10:00" sms sent
expect_due "$D" 2026-12-04 ""
expect_due "$D" 2026-12-05 "B1 S0.3-3.2 0 phone"
expect_due "$D" 2027-03-18 "B1 S0.3-3.2 103 phone"           # 3.3: topping-out 03-20, 1 day's lead
expect_due "$D" 2027-03-19 "B1 S0.3-3.2;S0.3-3.3 104 phone"
expect_due "$D" 2027-03-21 "B1 S0.3-3.2 106 phone"

# A contact that closes the deal is itself the same-day call (S0.3-3.1 satisfied).
D=$(new_data s31b sales-center)
add "$D" B2 "2026-10-01 10:00" stage=visitor grade=C
contact "$D" B2 "2026-11-05 11:00" phone reached --set stage=closed
expect_due "$D" 2026-11-05 ""
expect_due "$D" 2026-11-20 "B2 S0.3-3.2 0 phone"

# S0.3-4: holidays: everyone an SMS, key customers a call.
D=$(new_data s4 sales-center)
add "$D" A1 "2026-09-01 10:00" stage=closed key=yes
add "$D" A2 "2026-09-01 10:00" stage=closed
contact "$D" A1 "2026-09-01 15:00" phone reached
contact "$D" A2 "2026-09-01 15:00" phone reached
contact "$D" A1 "2026-09-16 15:00" phone reached
contact "$D" A2 "2026-09-16 15:00" phone reached
expect_due "$D" 2026-09-23 ""
expect_due "$D" 2026-09-24 "A1 S0.3-4-key 0 phone
A2 S0.3-4-sms 0 sms"
expect_due "$D" 2026-09-25 "A1 S0.3-4-key 0 phone
A2 S0.3-4-sms 0 sms"                                          # Mid-Autumn starts 09-25
run --data "$D" due --today 2026-09-25
expect_out_has "10:00-11:30 15:30-17:00"                     # S0.3-5.3: call windows shown

# --explain shows the chain; output is byte-identical run to run.
run --data "$D" due --today 2026-09-25 --explain
expect_out_has "S0.3-4-key: rule S0.3-4-key (第四条) matches A1 -> holiday 中秋节 starts 2026-09-25; contact from 2026-09-24 (1 day(s) before) -> due by 2026-09-25"
FIRST=$OUT
run --data "$D" due --today 2026-09-25 --explain
expect_eq "$FIRST" "$OUT" "repeated due output"

# S0.3-4 (第四条2): at every important project milestone (here the model home 11-28, the
# opening 12-12, the topping-out 2027-03-20) every customer is revisited: an SMS from 3 days
# before, merged into a call due the same day (one contact a day). Not the do-not-disturb
# groups (a leader referral gets only S0.3-2.6, a VIP guest nothing); grade D and closed
# deals keep their own milestone rules (S0.3-2.5, S0.3-3.3).
M=$(new_data s4m sales-center)
add "$M" V1 "2026-11-01 10:00" stage=visitor grade=C
add "$M" N1 "2026-11-01 10:00" stage=call-in
add "$M" L1 "2026-11-01 10:00" stage=visitor grade=A referral=leader
add "$M" P1 "2026-11-01 10:00" stage=visitor grade=A referral=vip
add "$M" D1 "2026-11-01 10:00" stage=visitor grade=D
add "$M" B1 "2026-11-01 10:00" stage=closed
contact "$M" V1 "2026-11-18 15:00" phone reached              # grade C weekly: next due 11-25
contact "$M" N1 "2026-11-01 15:00" phone reached              # S0.3-1.1 done, not a quality lead
contact "$M" B1 "2026-11-01 15:00" phone reached              # S0.3-3.1 done
contact "$M" B1 "2026-11-16 15:00" phone reached              # S0.3-3.2 done: next 12-01
expect_due "$M" 2026-11-24 ""
expect_due "$M" 2026-11-25 "L1 S0.3-2.6 0 phone
V1 S0.3-2.4;S0.3-4-milestone 0 phone
N1 S0.3-4-milestone 0 sms
D1 S0.3-2.5-milestone 0 sms"
run --data "$M" due --today 2026-11-25 --customer N1 --format csv
expect_out_has ",sms,2026-11-28,0,6,S0.3-4-milestone,第四条2,重要项目节点回访：告知开盘、SP活动、封顶、交房、样板间开放等并邀约,,尊敬的贵宾，样板间开放将于2026-11-28举行，诚邀您莅临。【居然o青年城】首席预约电话:400-000-0000 置业顾问:张三,0,"
contact "$M" V1 "2026-11-25 10:30" phone reached              # the weekly call tells of it too
contact "$M" N1 "2026-11-25 09:00" sms sent
expect_due "$M" 2026-11-26 "L1 S0.3-2.6 0 phone
D1 S0.3-2.5-milestone 0 sms"
expect_due "$M" 2026-11-28 "L1 S0.3-2.6 0 phone
B1 S0.3-3.3 0 phone
D1 S0.3-2.5-milestone 0 sms"
expect_due "$M" 2026-11-29 ""                                # the day is past: no greeting after it
expect_due "$M" 2026-12-08 "B1 S0.3-3.2 7 phone
V1 S0.3-2.4 6 phone"
expect_due "$M" 2026-12-09 "B1 S0.3-3.2 8 phone
V1 S0.3-2.4;S0.3-4-milestone 7 phone
L1 S0.3-2.6 0 phone
N1 S0.3-4-milestone 0 sms
D1 S0.3-2.5-milestone 0 sms"                                  # the opening (12-12): each again
expect_reason "$M" 2027-03-17 N1 S0.3-4-milestone "2027-03-20 0"   # the topping-out too,
expect_reason "$M" 2027-03-17 L1 S0.3-4-milestone ""              # not for a leader referral
expect_reason "$M" 2027-03-17 P1 S0.3-4-milestone ""              # nor a VIP guest

# --staff names an owner: a typo in a cron line is refused (did you mean, else the owners),
# in every format, and changes nothing; a known owner with nothing due is quiet, exit 0.
run --data "$D" due --today 2026-09-10 --staff 李四
expect_rc 0
expect_out ""
expect_err ""
snapshot "$D"
run --data "$D" due --today 2026-09-25 --staff 张三三
expect_rc 1
expect_out ""
expect_err 'revisit: error: --staff "张三三" owns no customer (did you mean "张三"?)'
run --data "$D" due --today 2026-09-25 --staff 不存在 --format csv
expect_rc 1
expect_out ""
expect_err 'revisit: error: --staff "不存在" owns no customer; known: "张三", "李四"'
run --data "$D" due --today 2026-09-25 --staff 不存在 --customer A1 --format json
expect_rc 1
expect_err 'revisit: error: --staff "不存在" owns no customer; known: "张三", "李四"'
expect_unchanged "$D"

# Quiet and scriptable: nothing due prints nothing; csv keeps its header; json is valid.
run --data "$D" due --today 2026-09-10
expect_rc 0
expect_out ""
expect_err ""
run --data "$D" due --today 2026-09-10 --format csv
expect_out "customer_id,name,phone,owners,channel,due_by,days_overdue,priority,rule_ids,clauses,reasons,call_window,message,attempts,last_attempt"
run --data "$D" due --today 2026-09-25 --format json
CHECKS=$((CHECKS + 1))
printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["date"]=="2026-09-25" and len(d["items"])==2, d' || fail "json"
run --data "$D" due --today 2026-9-25
expect_rc 2
expect_err "revisit: error: --today \"2026-9-25\" is not a date; expected YYYY-MM-DD"

# CSV for mail merges and spreadsheets: a cell that starts with = + - @ (or tab, CR) gets a
# leading apostrophe so it is not run as a formula; numbers (-3) stay; --raw keeps the text.
D=$(new_data formulas sales-center)
"$REVISIT" --data "$D" add-customer --id F1 --name "=1+2" --phone 13900000001 --owner "@张三" \
    --owner 李四 --set stage=call-in --at "2026-11-20 09:00" >/dev/null || fail "add F1"
"$REVISIT" --data "$D" add-customer --id F2 --name "-3" --phone 13900000002 --owner "+86" \
    --owner "-李四" --set stage=visitor --set grade=D --set "salutation==A1" \
    --at "2026-09-01 09:00" >/dev/null || fail "add F2"
HEADER="customer_id,name,phone,owners,channel,due_by,days_overdue,priority,rule_ids,clauses,reasons,call_window,message,attempts,last_attempt"
run --data "$D" due --today 2026-11-25 --format csv
expect_rc 0
expect_out "$HEADER
F1,'=1+2,13900000001,'@张三;李四,phone,2026-11-20,5,50,S0.3-1.1;S0.3-4-milestone,第一条1;第四条2,来电当日回访，确定客户质量并邀约来访；重要项目节点回访：告知开盘、SP活动、封顶、交房、样板间开放等并邀约,10:00-11:30 15:30-17:00,,0,
F2,-3,13900000002,'+86;-李四,sms,2026-11-28,0,5,S0.3-2.5-milestone,第二条(一)5,D类客户重要节点短信,,'=A1您好，样板间开放将于2026-11-28举行，诚邀您莅临。【居然o青年城】首席预约电话:400-000-0000 置业顾问:+86,0,"
run --data "$D" due --today 2026-11-25 --format csv --raw
expect_rc 0
expect_out "$HEADER
F1,=1+2,13900000001,@张三;李四,phone,2026-11-20,5,50,S0.3-1.1;S0.3-4-milestone,第一条1;第四条2,来电当日回访，确定客户质量并邀约来访；重要项目节点回访：告知开盘、SP活动、封顶、交房、样板间开放等并邀约,10:00-11:30 15:30-17:00,,0,
F2,-3,13900000002,+86;-李四,sms,2026-11-28,0,5,S0.3-2.5-milestone,第二条(一)5,D类客户重要节点短信,,=A1您好，样板间开放将于2026-11-28举行，诚邀您莅临。【居然o青年城】首席预约电话:400-000-0000 置业顾问:+86,0,"
run --data "$D" due --today 2026-11-25 --format json
expect_out_has '"name": "=1+2",'                             # json is data, not a spreadsheet
run --data "$D" due --today 2026-11-25 --raw
expect_rc 2
expect_err "revisit: error: --raw goes with --format csv"
