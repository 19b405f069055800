# due with rules/property.yaml (S0.2-*, S1-*) and rules/decoration.yaml (S2-*).
source "$(dirname "$0")/lib.sh"

# --- property
P=$(new_data p property)
add "$P" O1 "2026-01-05 09:00" project=二期 unit=3-2-1501 handover=2026-06-30
# S0.2-3: a repair is followed by a revisit within 3 days.
"$REVISIT" --data "$P" update-customer O1 --set repair-done=2026-11-20 --at "2026-11-20 17:00"
expect_due "$P" 2026-11-19 ""
expect_due "$P" 2026-11-23 "O1 S0.2-3-repair 0 phone"
expect_due "$P" 2026-11-24 "O1 S0.2-3-repair 1 phone"
# S0.2-4.1: a visit record needs the customer's signature; a phone record names the staff.
snapshot "$P"
run --data "$P" log-call O1 --channel visit --outcome reached --staff 王芳 --at "2026-11-23 10:00" --now "2026-11-23 12:00"
expect_rc 1
expect_err "revisit: error: a visit record needs --signature [4.1]"
expect_unchanged "$P"
contact "$P" O1 "2026-11-23 10:00" visit reached --signature 业主签字
expect_due "$P" 2026-11-23 ""
# S0.2-3 satisfaction revisit every 6 months from handover (chosen cadence); the signed
# visit above counts, so O1's next one is six months after it.
add "$P" O3 "2026-01-05 09:00" project=一期 handover=2026-05-15
expect_due "$P" 2026-11-14 "" --customer O3
expect_due "$P" 2026-11-15 "O3 S0.2-3-satisfaction 0 phone" --customer O3
expect_reason "$P" 2027-05-23 O1 S0.2-3-satisfaction "2027-05-23 0"
# S0.2-3 suggestions: revisit within 5 working days.
add "$P" O2 "2026-01-05 09:00" project=一期
"$REVISIT" --data "$P" update-customer O2 --set suggestion-open=yes --at "2026-09-28 09:00"
# 09-29, 09-30, (National Day), 10-08, 10-09, and Saturday 10-10 (make-up day) is the 5th.
expect_due "$P" 2026-10-10 "O2 S0.2-3-suggestion 0 phone" --customer O2
expect_due "$P" 2026-10-11 "O2 S0.2-3-suggestion 1 phone" --customer O2
# S1-supervision: the supervision group hears of construction stages a week ahead.
add "$P" G1 "2026-01-05 09:00" project=二期 supervision-group=yes
add "$P" G2 "2026-01-05 09:00" project=一期 supervision-group=yes
expect_due "$P" 2026-12-07 "" --customer G1
expect_due "$P" 2026-12-08 "G1 S1-supervision 0 phone" --customer G1
expect_due "$P" 2026-12-08 "" --customer G2                   # milestone of another project

# --- decoration
C=$(new_data c decoration)
# S2-reply: an inquiry is answered within 24 hours (chosen X).
add "$C" I1 "2026-11-20 15:00" stage=inquiry
expect_due "$C" 2026-11-20 "I1 S2-reply 0 phone"
expect_due "$C" 2026-11-21 "I1 S2-reply 0 phone"
expect_due "$C" 2026-11-22 "I1 S2-reply 1 phone"
# S2-appoint: reconfirm 24 hours before the appointment, by phone or WeChat, confirmed.
add "$C" A1 "2026-11-10 10:00" stage=appointment appointment=2026-11-25
expect_due "$C" 2026-11-23 "" --customer A1
expect_due "$C" 2026-11-24 "A1 S2-appoint 0 phone" --customer A1
contact "$C" A1 "2026-11-24 10:00" wechat reached
expect_due "$C" 2026-11-24 "A1 S2-appoint 0 phone" --customer A1   # reached but not confirmed
contact "$C" A1 "2026-11-24 11:00" wechat confirmed
expect_due "$C" 2026-11-24 "" --customer A1
# S2-design: measurement result within 2 working days, first design within 7.
add "$C" M1 "2026-09-20 10:00" stage=measured measured=2026-09-29
expect_reason "$C" 2026-10-09 M1 S2-design-measure "2026-10-08 1"   # 09-30, then 10-08 after the holiday
expect_reason "$C" 2026-10-09 M1 S2-design-first "2026-10-14 0"     # 09-30 10-08 10-09 10-10 10-12 10-13 10-14
contact "$C" M1 "2026-10-09 10:00" phone reached
expect_due "$C" 2026-10-09 "M1 S2-design-first 0 visit" --customer M1
# S2-aftersale: after a repair, a revisit within 3 days.
add "$C" R1 "2026-01-10 10:00" stage=completed completed=2026-01-20
"$REVISIT" --data "$C" update-customer R1 --set repair-done=2026-11-21 --at "2026-11-21 18:00"
contact "$C" R1 "2026-11-20 10:00" phone reached
expect_due "$C" 2026-11-24 "R1 S2-aftersale-repair 0 phone" --customer R1

# S1-revisit: a year after handover, and only once the project's occupancy exceeds 50%, each
# owner is due a questionnaire revisit (一期 is 64% occupied, 二期 31%).
P=$(new_data p2 property)
add "$P" Q1 "2025-10-01 09:00" project=一期 handover=2025-11-15
add "$P" Q2 "2025-10-01 09:00" project=二期 handover=2025-11-15
expect_reason "$P" 2026-11-14 Q1 S1-revisit ""
expect_reason "$P" 2026-11-15 Q1 S1-revisit "2026-12-15 0"
expect_reason "$P" 2026-12-16 Q1 S1-revisit "2026-12-15 1"
expect_reason "$P" 2026-11-15 Q2 S1-revisit ""
contact "$P" Q1 "2026-11-20 10:00" letter sent --note 问卷已寄出
expect_reason "$P" 2026-11-20 Q1 S1-revisit ""
