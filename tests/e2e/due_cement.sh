# due with rules/cement.yaml (SEEDS.md S0.1-*): seasons switch cadence and channel,
# focus and new customers, working days across the National Day holiday, two owners.
source "$(dirname "$0")/lib.sh"
D=$(new_data c cement)

# S0.1-8: every customer is known to at least two staff.
run --data "$D" add-customer --name 独家 --phone 13900000999 --owner 张三
expect_rc 1
expect_err "revisit: error: a customer needs at least 2 different owners (--owner), got 1 [第八条]"
run --data "$D" add-customer --name 独家 --phone 13900000999 --owner 张三 --owner 张三
expect_rc 1
expect_err "revisit: error: a customer needs at least 2 different owners (--owner), got 1 [第八条]"

# S0.1-3 peak season (Apr-Oct): phone weekly, visit every half month.
add "$D" P1 "2026-06-01 09:00" grade=A relation=old
contact "$D" P1 "2026-06-01 10:00" visit reached --note 建档走访
expect_due "$D" 2026-06-07 ""
expect_due "$D" 2026-06-08 "P1 S0.1-3-phone 0 phone"
contact "$D" P1 "2026-06-08 10:00" phone reached
expect_due "$D" 2026-06-15 "P1 S0.1-3-phone 0 phone"
contact "$D" P1 "2026-06-15 10:00" phone reached
expect_due "$D" 2026-06-16 "P1 S0.1-3-visit 0 visit"         # 15 days after the visit
contact "$D" P1 "2026-06-16 10:00" phone reached                 # a call does not replace a visit
expect_due "$D" 2026-06-16 "P1 S0.1-3-visit 0 visit"

# S0.1-3 off-peak (Nov-Mar): phone every half month, visit monthly.
add "$D" W1 "2026-11-02 09:00" grade=B relation=old
contact "$D" W1 "2026-11-02 10:00" visit reached --note 建档走访
expect_due "$D" 2026-11-16 "" --customer W1
expect_due "$D" 2026-11-17 "W1 S0.1-3-phone 0 phone" --customer W1
contact "$D" W1 "2026-11-17 10:00" phone reached
expect_due "$D" 2026-12-01 "" --customer W1
expect_due "$D" 2026-12-02 "W1 S0.1-3-visit;S0.1-3-phone 0 visit" --customer W1  # one line, strongest channel

# S0.1-4: a new customer within 3 working days: received 2026-09-30, the 3rd working day
# is Saturday 2026-10-10 (a make-up working day after National Day).
add "$D" N1 "2026-09-30 16:00" grade=C relation=new
expect_due "$D" 2026-09-30 "N1 S0.1-4-new 0 phone" --customer N1
expect_reason "$D" 2026-10-09 N1 S0.1-4-new "2026-10-10 0"
expect_reason "$D" 2026-10-10 N1 S0.1-4-new "2026-10-10 0"
expect_reason "$D" 2026-10-11 N1 S0.1-4-new "2026-10-10 1"
expect_due "$D" 2026-10-11 "N1 S0.1-3-phone;S0.1-4-new 4 phone" --customer N1   # weekly call since 10-07 too
contact "$D" N1 "2026-10-10 09:00" phone reached
expect_due "$D" 2026-10-10 "" --customer N1

# S0.1-4: focus customers are called weekly even off-peak.
add "$D" F1 "2026-11-02 09:00" grade=A relation=old focus=yes
contact "$D" F1 "2026-11-02 10:00" visit reached --note 建档
expect_due "$D" 2026-11-08 "" --customer F1
expect_due "$D" 2026-11-09 "F1 S0.1-4-focus 0 phone" --customer F1

# S0.1-5: a promised reply is its own due item until answered.
contact "$D" F1 "2026-11-09 10:00" phone reached --promise +3d --promise-note 答复袋装价格
expect_due "$D" 2026-11-11 "" --customer F1
expect_due "$D" 2026-11-12 "F1 promise 0 phone" --customer F1
expect_due "$D" 2026-11-13 "F1 promise 1 phone" --customer F1
contact "$D" F1 "2026-11-13 09:00" phone no-answer
expect_due "$D" 2026-11-13 "F1 promise 1 phone" --customer F1
contact "$D" F1 "2026-11-13 10:00" phone reached
expect_due "$D" 2026-11-13 "" --customer F1
