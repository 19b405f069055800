# due with rules/group-service.yaml (SEEDS.md S3-targets): the member club's targets.
source "$(dirname "$0")/lib.sh"
D=$(new_data g group-service)

# Prospects before opening: monthly (chosen); members hear of the opening 14 days ahead.
add "$D" P1 "2026-10-15 10:00" stage=prospect member=yes salutation=刘女士
expect_due "$D" 2026-11-14 "" --customer P1
expect_due "$D" 2026-11-15 "P1 S3-targets-prospect 0 phone" --customer P1
contact "$D" P1 "2026-11-15 10:00" phone reached
contact "$D" P1 "2027-03-25 10:00" phone reached
expect_reason "$D" 2027-04-03 P1 S3-targets-opening ""
expect_reason "$D" 2027-04-04 P1 S3-targets-opening "2027-04-18 0"
run --data "$D" due --today 2027-04-04 --customer P1 --format csv
expect_out_has "P1,客户P1,13900000001,张三;李四,sms,2027-04-18,0,20,S3-targets-opening,5.9,"
expect_out_has "刘女士您好，首期开盘将于2027-04-18开放，海客会会员可优先预约。客服热线:400-000-0000"

# Unclosed visitors after opening: every two weeks from the visit.
add "$D" V1 "2026-11-01 10:00" stage=visitor
expect_due "$D" 2026-11-14 "" --customer V1
expect_due "$D" 2026-11-15 "V1 S3-targets-visitor 0 phone" --customer V1

# Owners after handover: quarterly from the handover date.
add "$D" O1 "2026-01-01 10:00" stage=owner handover=2026-08-20
expect_due "$D" 2026-11-19 "" --customer O1
expect_due "$D" 2026-11-20 "O1 S3-targets-owner 0 phone" --customer O1

# Members get a holiday SMS the day before; non-members don't.
add "$D" M1 "2026-01-01 10:00" stage=owner handover=2026-08-20 member=yes
contact "$D" M1 "2026-09-20 10:00" phone reached
expect_due "$D" 2026-09-24 "M1 S3-holiday 0 sms" --customer M1
expect_due "$D" 2026-09-24 "" --customer O1
