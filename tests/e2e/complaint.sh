# Complaints (issue 5) with the shipped rules files: S0.1-4, S0.1-7, S0.1-10 (cement),
# S0.2-3, S0.2-4.3, S1-complaint (property), S2-complaint (decoration), S3-complaint and
# S3-trace (group-service); every refusal leaves the data directory as it was.
source "$(dirname "$0")/lib.sh"

# open DATA CUSTOMER AT ARGS...: `complaint open` entered at AT; the id is in $OUT.
open() {
    local data=$1 customer=$2 at=$3
    shift 3
    run --data "$data" complaint open "$customer" --at "$at" --now "$at" "$@"
}
# step DATA VERB ID AT ARGS...: update, resolve, close or reopen entered at AT.
step() {
    local data=$1 verb=$2 id=$3 at=$4
    shift 4
    run --data "$data" complaint "$verb" "$id" --at "$at" --now "$at" "$@"
}
# column DATA ID NAME: one field of `complaint list --format json` for complaint ID.
column() {
    "$REVISIT" --data "$1" complaint list --format json --today 2027-01-01 | python3 -c '
import json, sys
for c in json.load(sys.stdin):
    if c["id"] == sys.argv[1]:
        v = c[sys.argv[2]]
        print(";".join(v) if isinstance(v, list) else v)' "$2" "$3"
}

# === cement (S0.1-*) =====================================================================
C=$(new_data cement cement)
expect_eq "id,at,event,complaint,customer,subject,category,source,severity,department,staff,escalated_to,deadline,repeat_of,satisfaction,note,set,logged_at" \
    "$(cat "$C/complaints.csv")" "complaints.csv header from init"
add "$C" K1 "2026-09-01 09:00" grade=A relation=old

# S0.1-10 quality -> 技术质检部; S0.1-7 the staff who takes it owns it; received Wednesday
# 2026-09-30, 3 working days: National Day 10-01..07 off, 10-08, 10-09, then the make-up
# Saturday 10-10. S0.1-4: the complainant becomes a focus customer.
open "$C" K1 "2026-09-30 10:00" --category quality --summary "28天强度不达标" --staff 王五
expect_rc 0
expect_out "P000001"
expect_err "revisit: note: P000001 (产品质量) is owned by 王五 to the end [第七条]; routed to 技术质检部; result due by 2026-10-10 [第十条]
revisit: note: customer K1 now focus=yes [第四条]"
expect_eq "P000001-1,2026-09-30 10:00,open,P000001,K1,,quality,direct,normal,技术质检部,王五,,2026-10-10,,,28天强度不达标,focus=yes,2026-09-30 10:00" \
    "$(sed -n 2p "$C/complaints.csv")" "the open row"

# S0.1-4: focus=yes is in the customer's state: the weekly focus rule runs from the complaint.
expect_reason "$C" 2026-10-07 K1 S0.1-4-focus "2026-10-07 0"
# The follow-up comes on the list 1 working day before the deadline (10-09), not before.
expect_reason "$C" 2026-10-08 K1 P000001 ""
expect_reason "$C" 2026-10-09 K1 P000001 "2026-10-10 0"
expect_reason "$C" 2026-10-13 K1 P000001 "2026-10-10 3"
run --data "$C" due --today 2026-10-09 --customer K1 --explain
expect_out_has "投诉跟进 P000001：产品质量，技术质检部处理中，2026-10-10前向客户反馈处理结果（首问负责人：王五）"
expect_out_has "P000001: complaint P000001 (quality) about K1 opened 2026-09-30 10:00; first-contact owner 王五 [第七条] -> routed to 技术质检部; result due by 2026-10-10 -> on the list from 2026-10-09 (1wd before the deadline) -> due by 2026-10-10"

# S0.1-10 service -> 生产部 and 销售部; a second focus=yes changes nothing, so no note.
open "$C" K1 "2026-10-08 09:00" --category service --summary 送货司机态度差 --staff 王五
expect_out "P000002"
expect_err "revisit: note: P000002 (经营服务) is owned by 王五 to the end [第七条]; routed to 生产部, 销售部; result due by 2026-10-12 [第十条]"
# S0.1-7: rerouting by someone else never changes the owner.
step "$C" update P000002 "2026-10-09 09:00" --department 销售部 --note 转销售部处理 --staff 赵六
expect_rc 0
expect_out "P000002-2"
expect_eq "销售部" "$(column "$C" P000002 departments)" "rerouted"
expect_eq "王五" "$(column "$C" P000002 owner)" "owner after rerouting"
run --data "$C" complaint list --owner 王五 --today 2026-10-13
expect_out "id       opened            customer  name    category  departments  owner  severity  status  deadline    overdue  repeat_of
P000001  2026-09-30 10:00  K1        客户K1  quality   技术质检部   王五   normal    open    2026-10-10  +3d      
P000002  2026-10-08 09:00  K1        客户K1  service   销售部       王五   normal    open    2026-10-12  +1d      "
run --data "$C" complaint list --owner 赵六
expect_out ""
expect_rc 0                                                  # took no complaint, but rerouted one
# An --owner nobody has is refused: not an empty list for a typo.
snapshot "$C"
run --data "$C" complaint list --owner 王五五 --format csv
expect_rc 1
expect_out ""
expect_err "revisit: error: --owner \"王五五\" is no customer's owner and no complaint's staff (did you mean \"王五\"?)"
run --data "$C" complaint list --owner 不存在
expect_rc 1
expect_err "revisit: error: --owner \"不存在\" is no customer's owner and no complaint's staff; known: \"张三\", \"李四\", \"王五\", \"赵六\""
expect_unchanged "$C"

# A major complaint is escalated as the rules file says, with its shorter deadline.
open "$C" K1 "2026-10-09 10:00" --category quality --summary 批量退货 --staff 王五 --severity major
expect_err "revisit: note: P000003 (产品质量) is owned by 王五 to the end [第七条]; routed to 技术质检部; result due by 2026-10-10 [第十条]
revisit: note: P000003 is major: escalated to 上级领导 [第五条]
revisit: note: P000003 repeats P000001: the same problem complained about again; handled with priority [第七条]"

# === property (S0.2-3, S0.2-4.3, S1-complaint) ===========================================
P=$(new_data property property)
add "$P" O1 "2026-08-01 09:00" stage=owner unit=3-1-201
add "$P" O2 "2026-08-01 09:00" stage=owner unit=3-1-201    # another owner of the same unit
add "$P" O3 "2026-08-01 09:00" stage=owner unit=5-2-101
open "$P" O1 "2026-09-01 10:00" --category engineering --summary 卫生间漏水 --staff 客服小陈
expect_out "P000001"
# S0.2-3 forwarded by a superior; S0.2-4.3 the same problem, the same unit, to another
# department: a repeat, linked and raised in priority.
open "$P" O2 "2026-09-15 10:00" --category engineering --summary 楼上漏水仍未解决 --staff 物业小李 \
    --source superior --department 物业管理处
expect_rc 0
expect_out "P000002"
expect_err "revisit: note: P000002 (工程质量) is owned by 物业小李 to the end [顾客投诉]; routed to 物业管理处; result due by 2026-09-18 [3.2]
revisit: note: P000002 repeats P000001: the same problem complained about again; handled with priority [4.3]"
expect_eq "superior" "$(column "$P" P000002 source)" "source"
expect_eq "3-1-201" "$(column "$P" P000002 subject)" "subject from the unit attribute"
expect_eq "P000001" "$(column "$P" P000002 repeat_of)" "repeat_of"
expect_eq "P000002" "$(column "$P" P000001 repeated_by)" "repeated_by"
# Another unit, or another category: not a repeat.
open "$P" O3 "2026-09-16 10:00" --category engineering --summary 外墙渗水 --staff 客服小陈
expect_eq "" "$(column "$P" P000003 repeat_of)" "another unit"
# S1-complaint: a major complaint goes to the customer-service lead, 1 working day.
open "$P" O3 "2026-09-16 11:00" --category property-service --summary 保安打人 --staff 客服小陈 --severity major
expect_err "revisit: note: P000004 (物业管理服务) is owned by 客服小陈 to the end [顾客投诉]; routed to 物业管理处; result due by 2026-09-17 [3.2]
revisit: note: P000004 is major: escalated to 客户服务分管领导 [顾客投诉]"
# On the call list: priority base 60, +20 in a repeat group, +20 major.
run --data "$P" due --today 2026-09-18 --format csv --customer O2
expect_out_has ",80,P000002,3.2,"
run --data "$P" due --today 2026-09-18 --format csv --customer O3
expect_out_has ",80,P000004;P000003,3.2,"

# === decoration (S2-complaint) ============================================================
D=$(new_data decoration decoration)
add "$D" H1 "2026-09-01 09:00" stage=building
open "$D" H1 "2026-09-30 15:00" --category quality --summary 瓷砖空鼓 --staff 客服小王
expect_err "revisit: note: P000001 (工程质量) is owned by 客服小王 to the end [七(三)]; routed to 施工部; result due by 2026-10-10 [七(三)4]"
step "$D" resolve P000001 "2026-10-09 17:00" --resolution 返工重铺
expect_rc 0
expect_out "P000001-2"
# Resolved Friday 10-09: the satisfaction revisit is 1 working day later, the make-up Saturday.
expect_reason "$D" 2026-10-09 H1 P000001 ""
expect_reason "$D" 2026-10-10 H1 P000001 "2026-10-10 0"
run --data "$D" due --today 2026-10-12 --customer H1
expect_out_has "投诉处理满意度回访 P000001：工程质量，处理结果：返工重铺"
step "$D" close P000001 "2026-10-12 10:00" --satisfaction partly --note 颜色略有差异
expect_out "P000001-3"
expect_reason "$D" 2026-10-12 H1 P000001 ""
# Reopened: a new 3-working-day deadline from the reopen, the owner unchanged.
step "$D" reopen P000001 "2026-10-13 09:00" --note 又出现空鼓
expect_out "P000001-4"
expect_err "revisit: note: P000001 reopened; result due by 2026-10-16"
expect_eq "open 2026-10-16 客服小王" "$(column "$D" P000001 status) $(column "$D" P000001 deadline) $(column "$D" P000001 owner)" "reopened"

# === group-service (S3-complaint, S3-trace) ===============================================
G=$(new_data group group-service)
add "$G" G1 "2026-09-01 09:00" stage=owner
add "$G" G2 "2026-09-01 09:00" stage=owner
# Three kinds, nothing else.
snapshot "$G"
open "$G" G1 "2026-09-07 10:00" --category quality --summary x --staff 小周
expect_rc 1
expect_err "revisit: error: unknown category \"quality\"; allowed: engineering-quality, service-attitude, sales-promise"
expect_unchanged "$G"
# P1 engineering quality 09-07 (Mon), 5wd -> 09-14; resolved 09-10 (3 working days): on time, closed satisfied.
open "$G" G1 "2026-09-07 10:00" --category engineering-quality --summary 墙面裂缝 --staff 小周
step "$G" resolve P000001 "2026-09-10 16:00" --resolution 修补
step "$G" close P000001 "2026-09-14 10:00" --satisfaction satisfied
# P2 service attitude 09-08 (Tue), 3wd -> 09-11; resolved 09-14 (4 working days): late, closed unsatisfied.
open "$G" G2 "2026-09-08 10:00" --category service-attitude --summary 置业顾问不回电话 --staff 小吴
step "$G" update P000002 "2026-09-09 10:00" --note 已约谈置业顾问
step "$G" resolve P000002 "2026-09-14 10:00" --resolution 更换置业顾问
step "$G" close P000002 "2026-09-15 10:00" --satisfaction unsatisfied
# P3 sales promise 09-09 (Wed), major, 5wd -> 09-16; never resolved: overdue on 09-30.
open "$G" G2 "2026-09-09 10:00" --category sales-promise --summary 赠送车位未兑现 --staff 小吴 --severity major
# P4 engineering quality again for G1 (a repeat), 09-28 (Mon), 5wd: 09-29, 09-30, 10-08,
# 10-09 and the make-up Saturday 10-10; open, not yet late on 09-30.
open "$G" G1 "2026-09-28 10:00" --category engineering-quality --summary 裂缝复发 --staff 小周
# P5 outside the period.
open "$G" G1 "2026-10-08 10:00" --category service-attitude --summary 电话无人接 --staff 小周
# S3-trace: every step is a row, in order.
expect_eq "open resolve close open update resolve close open open open" \
    "$(tail -n +2 "$G/complaints.csv" | cut -d, -f3 | tr '\n' ' ' | sed 's/ $//')" "journal events"
expect_eq "P000002-1 P000002-2 P000002-3 P000002-4" \
    "$(grep -o '^P000002-[0-9]*' "$G/complaints.csv" | tr '\n' ' ' | sed 's/ $//')" "event ids"
# S3-complaint: analysis of the complaint database, checked by hand: 4 complaints in
# September, 1 repeat (P4), on time 1 (P1) of 3 judged (P1, late P2, overdue P3), median of
# 3 and 4 working days = 3.5.
run --data "$G" complaint stats --from 2026-09-01 --to 2026-09-30 --today 2026-09-30
expect_rc 0
expect_out "complaints opened 2026-09-01 to 2026-09-30: 4
repeats: 1; escalated: 1
now: open 2, resolved 0, closed 2
on time: 1 of 3 (33.3%); late 1, overdue 1
median working days to resolve: 3.5

category             label     count
engineering-quality  工程质量  2
service-attitude     服务态度  1
sales-promise        销售承诺  1

department    count
市场营销部    2
工程部        2
物业公司      0
集团营销中心  0

source  count
direct  4

severity  count
normal    3
major     1

satisfaction  count
satisfied     1
partly        0
unsatisfied   1"
run --data "$G" complaint stats --from 2026-09-01 --to 2026-09-30 --today 2026-09-30 --format json
expect_out_has '"on_time_rate": 0.3333333333333333,'
expect_out_has '"median_working_days_to_resolve": 3.5,'
run --data "$G" complaint stats --from 2026-09-01 --to 2026-09-30 --today 2026-09-30 --format csv
expect_out_has "summary,on_time_rate,,33.3%"
expect_out_has "department,工程部,工程部,2"
# list filters: open ones, overdue ones, by department.
run --data "$G" complaint list --open --today 2026-09-30 --format csv
expect_out "id,opened,customer,name,category,departments,owner,severity,status,deadline,overdue,repeat_of,provisional
P000003,2026-09-09 10:00,G2,客户G2,sales-promise,市场营销部,小吴,major,open,2026-09-16,14,,0
P000004,2026-09-28 10:00,G1,客户G1,engineering-quality,工程部,小周,normal,open,2026-10-10,0,P000001,0"
run --data "$G" complaint list --overdue --today 2026-09-30 --format csv
expect_out "id,opened,customer,name,category,departments,owner,severity,status,deadline,overdue,repeat_of,provisional
P000003,2026-09-09 10:00,G2,客户G2,sales-promise,市场营销部,小吴,major,open,2026-09-16,14,,0"
run --data "$G" complaint list --department 工程部 --today 2026-09-30 --format csv
expect_eq "3" "$(printf '%s\n' "$OUT" | wc -l)" "two complaints routed to 工程部"

# === bad input: a clear message, exit 1, nothing written ==================================
snapshot "$G"
open "$G" G3 "2026-10-09 10:00" --category sales-promise --summary x --staff 小周
expect_rc 1
expect_err "revisit: error: unknown customer \"G3\"; did you mean: G1 客户G1 13900000006; G2 客户G2 13900000007"
open "$G" G1 "2026-10-09 10:00" --category sales-promis --summary x --staff 小周 --department 工程 --source boss
expect_rc 1
expect_err "revisit: error: unknown category \"sales-promis\" (did you mean \"sales-promise\"?); allowed: engineering-quality, service-attitude, sales-promise
revisit: error: unknown source \"boss\"; allowed: direct
revisit: error: unknown department \"工程\"; allowed: 市场营销部, 工程部, 物业公司, 集团营销中心"
open "$G" G1 "2026-10-09 10:00" --category sales-promise --summary "  " --staff 小周 --severity huge
expect_rc 1
expect_err "revisit: error: unknown severity \"huge\"; allowed: normal, major
revisit: error: a complaint needs --summary: what the customer complained about"
run --data "$G" complaint open G1 --category sales-promise --summary x --staff 小周 --at "2026-10-09 12:00" --now "2026-10-09 10:00"
expect_rc 1
expect_err "revisit: error: --at 2026-10-09 12:00 is in the future (now 2026-10-09 10:00)"
step "$G" close P000001 "2026-10-09 10:00" --satisfaction satisfied
expect_rc 1
expect_err "revisit: error: complaint P000001 is already closed"
step "$G" update P000001 "2026-10-09 10:00" --note 补充
expect_rc 1
expect_err "revisit: error: complaint P000001 is closed; reopen it first (revisit complaint reopen P000001)"
step "$G" resolve P000003 "2026-10-09 10:00"
expect_rc 1
expect_err "revisit: error: resolving a complaint needs --resolution: the result given to the customer"
step "$G" close P000003 "2026-10-09 10:00" --satisfaction satisfied
expect_rc 1
expect_err "revisit: error: complaint P000003 is not resolved yet; resolve it first (revisit complaint resolve P000003 --resolution TEXT)"
step "$G" reopen P000003 "2026-10-09 10:00"
expect_rc 1
expect_err "revisit: error: complaint P000003 is already open"
step "$G" update P000003 "2026-10-09 10:00"
expect_rc 1
expect_err "revisit: error: nothing to update: give --note or --department"
step "$G" update P000003 "2026-09-08 10:00" --department 市场营销部 --note x
expect_rc 1
expect_err "revisit: error: --at 2026-09-08 10:00 is before the last event of complaint P000003 (2026-09-09 10:00)
revisit: error: complaint P000003 is already routed to 市场营销部"
step "$G" resolve P00003 "2026-10-09 10:00" --resolution x
expect_rc 1
expect_err "revisit: error: unknown complaint \"P00003\" (did you mean \"P000003\"?)"
step "$G" close P000002 "2026-10-09 10:00"
expect_rc 1
expect_err "revisit: error: complaint P000002 is already closed"
step "$G" reopen P000002 "2026-10-09 10:00" --staff "a
b"
expect_rc 1
expect_err "revisit: error: --staff must be a single line"
run --data "$G" complaint list --department 工程
expect_rc 1
expect_err "revisit: error: unknown department \"工程\"; allowed: 市场营销部, 工程部, 物业公司, 集团营销中心"
run --data "$G" complaint stats --from 2026-10-01 --to 2026-09-01
expect_rc 2
expect_err "revisit: error: --from 2026-10-01 is after --to 2026-09-01"
run --data "$G" complaint stats --from 2026-10-01
expect_rc 2
expect_unchanged "$G"

# A closed complaint needs a satisfaction level from the list.
step "$G" resolve P000003 "2026-10-09 10:00" --resolution 车位已兑现
expect_rc 0
snapshot "$G"
step "$G" close P000003 "2026-10-09 11:00"
expect_rc 1
expect_err "revisit: error: closing a complaint needs --satisfaction: the customer's view of the result (satisfied, partly or unsatisfied)"
step "$G" close P000003 "2026-10-09 11:00" --satisfaction happy
expect_rc 1
expect_err "revisit: error: unknown satisfaction \"happy\"; allowed: satisfied, partly, unsatisfied"
expect_unchanged "$G"

# Rules without a complaints section.
S=$(new_data sales sales-center)
add "$S" S1 "2026-09-01 09:00" stage=visitor grade=A
snapshot "$S"
open "$S" S1 "2026-09-02 09:00" --category quality --summary x --staff 小周
expect_rc 1
expect_err "revisit: error: the rules file has no \"complaints:\" section; add one to record complaints (docs/complaints.md)"
expect_unchanged "$S"

# A broken journal names its line.
printf 'P000009-2,2026-10-09 10:00,close,P000009,G1,,,,,,小周,,,,satisfied,,,2026-10-09 10:00\n' >> "$G/complaints.csv"
run --data "$G" due --today 2026-10-09
expect_rc 1
expect_err "revisit: error: $G/complaints.csv:13: close of unknown complaint \"P000009\""

# === a large complaints.csv: read through .cache/complaints.idx ===========================
# Complaint commands read only the events of the complaints they touch, and of those about
# the same customer or unit; whatever happens to the index, the answers stay the journal's.
L=$(new_data large property)
add "$L" L1 "2026-01-05 09:00" stage=owner unit=1-1-101
add "$L" L2 "2026-01-05 09:00" stage=owner unit=1-1-101  # another owner of the same unit
# 900 complaints every 2 hours from 2026-01-10 by 300 owners; P000100 and P000890 are L2's.
# Complaint N is open (N % 3 == 0), resolved (1) or closed (2).
python3 - "$L" <<'PY'
import datetime, sys
d = sys.argv[1]
base = datetime.datetime(2026, 1, 10, 9, 0)
fmt = lambda t: t.strftime("%Y-%m-%d %H:%M")
with open(f"{d}/customers.csv", "a", encoding="utf-8") as f:
    for n in range(1, 301):
        f.write(f'2026-01-05 09:00,add,X{n:03},业主{n},{13700000000 + n},客服小陈,"stage=owner\nunit={n % 50}-2-202",test,test\n')
rows = []
for n in range(1, 901):
    p, t = f"P{n:06}", base + datetime.timedelta(hours=2 * (n - 1))
    customer, unit = ("L2", "1-1-101") if n in (100, 890) else (f"X{n % 300 + 1:03}", f"{(n % 300 + 1) % 50}-2-202")
    due = (t + datetime.timedelta(days=5)).strftime("%Y-%m-%d")
    rows.append(f"{p}-1,{fmt(t)},open,{p},{customer},{unit},engineering,direct,normal,工程部,客服小陈,,{due},,,第{n}次投诉：漏水,,{fmt(t)}\n")
    if n % 3 >= 1:
        r = t + datetime.timedelta(days=1)
        rows.append(f"{p}-2,{fmt(r)},resolve,{p},{customer},,engineering,,,工程部,客服小陈,,,,,已维修,,{fmt(r)}\n")
    if n % 3 == 2:
        c = t + datetime.timedelta(days=2)
        rows.append(f"{p}-3,{fmt(c)},close,{p},{customer},,engineering,,,工程部,客服小陈,,,,satisfied,,,{fmt(c)}\n")
with open(f"{d}/complaints.csv", "a", encoding="utf-8") as f:
    f.writelines(rows)
open(f"{d}/.seq-complaints.csv", "w").write("900\n")
PY
[ "$(stat -c %s "$L/complaints.csv")" -gt 200000 ] || fail "complaints.csv is smaller than intended"

# The unit's earlier complaints are found through the index, although another owner made them.
open "$L" L1 "2026-04-01 10:00" --category engineering --summary 又漏水 --staff 客服小陈
expect_rc 0
expect_out "P000901"
expect_err_has "revisit: note: P000901 repeats P000100, P000890: the same problem complained about again"
expect_eq "600" "$(stat -c %a "$L/.cache/complaints.idx")" "complaints.idx written, owner only"
step "$L" resolve P000003 "2026-04-01 11:00" --resolution 已维修
expect_out "P000003-2"
step "$L" close P000004 "2026-04-01 11:00" --satisfaction partly
expect_out "P000004-3"
step "$L" reopen P000005 "2026-04-01 11:00" --note 又坏了
expect_out "P000005-4"
expect_err "revisit: note: P000005 reopened; result due by 2026-04-07"

# Refusals read the same events; nothing is written.
snapshot "$L"
step "$L" close P000006 "2026-04-01 12:00" --satisfaction satisfied
expect_rc 1
expect_err "revisit: error: complaint P000006 is not resolved yet; resolve it first (revisit complaint resolve P000006 --resolution TEXT)"
step "$L" update P000002 "2026-04-01 12:00" --note 补充
expect_rc 1
expect_err "revisit: error: complaint P000002 is closed; reopen it first (revisit complaint reopen P000002)"
step "$L" resolve P000901 "2026-03-01 12:00" --resolution x
expect_rc 1
expect_err "revisit: error: --at 2026-03-01 12:00 is before the last event of complaint P000901 (2026-04-01 10:00)"
step "$L" resolve P00901 "2026-04-01 12:00" --resolution x  # the hint reads every id
expect_rc 1
expect_err "revisit: error: unknown complaint \"P00901\" (did you mean \"P000901\"?)"
expect_unchanged "$L"

# The index damaged, cut short, deleted, or replaced by a file: the same answers.
for damage in garbage truncate delete file; do
    case $damage in
        garbage) printf 'not an index' > "$L/.cache/complaints.idx" ;;
        truncate) truncate -s 1000 "$L/.cache/complaints.idx" ;;
        delete) rm -rf "$L/.cache" ;;
        file) rm -rf "$L/.cache" && printf 'not a directory' > "$L/.cache" ;;
    esac
    step "$L" close P000006 "2026-04-01 12:00" --satisfaction satisfied
    expect_rc 1
    expect_err_has "complaint P000006 is not resolved yet"
    open "$L" L2 "2026-04-01 12:00" --category engineering --summary "仍然漏水（$damage）" --staff 客服小陈
    expect_rc 0
    expect_err_has "repeats P000100, P000890, P000901"
done
expect_eq "not a directory" "$(cat "$L/.cache")" ".cache left alone"
rm -f "$L/.cache"
run --data "$L" complaint list --open --format csv --today 2026-04-02
expect_rc 0
expect_eq "305" "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)" "open: 300, less P000003 resolved, P000005 reopened, 5 new"

# A row of the complaint a command touches is checked when it is read, even where the index's
# fingerprints do not look (an edit by hand that keeps the length).
python3 - "$L/complaints.csv" <<'PY'
import sys
p = sys.argv[1]
text = open(p, encoding="utf-8").read()
open(p, "w", encoding="utf-8").write(text.replace("\nP000400-1,2026-", "\nP000400-1,2O26-", 1))
PY
step "$L" resolve P000400 "2026-04-01 13:00" --resolution x
expect_rc 1
expect_err_has "revisit: error: $L/complaints.csv:"
expect_err_has ": bad at \"2O26-"

# complaint list --format csv for spreadsheets: a name or staff that starts with = + - @ gets
# a leading apostrophe; --raw gives them as stored.
X=$(new_data formulas cement)
"$REVISIT" --data "$X" add-customer --id K1 --name "=1+2" --phone 13900000001 --owner "-张三" \
    --owner 李四 --set grade=A --set relation=old --at "2026-09-01 09:00" >/dev/null || fail "add =1+2"
open "$X" K1 "2026-09-30 10:00" --category quality --summary x --staff "@王五"
expect_out "P000001"
run --data "$X" complaint list --today 2026-10-13 --format csv
expect_out_has "
P000001,2026-09-30 10:00,K1,'=1+2,quality,技术质检部,'@王五,normal,open,2026-10-10,3,"
run --data "$X" complaint list --today 2026-10-13 --format csv --raw --owner @王五
expect_out_has "
P000001,2026-09-30 10:00,K1,=1+2,quality,技术质检部,@王五,normal,open,2026-10-10,3,"
run --data "$X" complaint list --today 2026-10-13 --raw
expect_rc 2
expect_err "revisit: error: --raw goes with --format csv"
