# A past day's list as it was (issue: replay): `due --today DAY` counts only records whose
# event time is on or before the end of DAY, whatever was logged since, and whatever state
# the schedule cache is in (lib/journal/fold.h BookFold as_of, lib/store/schedule_cache).
source "$(dirname "$0")/lib.sh"

# The C-grade visitor of the report: weekly, due by 11-09, listed 3 days overdue on 11-12.
D=$(new_data replay sales-center)
add "$D" C000001 "2026-11-02 10:00" stage=visitor grade=C
contact "$D" C000001 "2026-11-02 10:30" phone reached
expect_due "$D" 2026-11-12 "C000001 S0.3-2.4 3 phone"
contact "$D" C000001 "2026-11-20 10:30" phone reached
expect_due "$D" 2026-11-12 "C000001 S0.3-2.4 3 phone"   # the later call had not happened yet
expect_due "$D" 2026-11-20 ""                           # on its own day it counts
expect_due "$D" 2026-11-12 "C000001 S0.3-2.4 3 phone"   # and the replay holds with a cache
expect_due "$D" 2026-11-27 "C000001 S0.3-2.4;S0.3-4-milestone 0 phone"   # a week after the last
                                                        # call; the model home opens 11-28

# A customer added later does not exist yet; an update made later has not happened yet.
add "$D" C000002 "2026-11-15 09:00" stage=visitor grade=C
"$REVISIT" --data "$D" update-customer C000001 --set grade=A --at "2026-11-21 09:00" >/dev/null ||
    fail "update failed"
expect_due "$D" 2026-11-12 "C000001 S0.3-2.4 3 phone"
run --data "$D" due --today 2026-11-12 --customer C000002
expect_rc 1
expect_err "revisit: error: unknown customer \"C000002\""

# A correction counts whenever it was entered: the corrected call did not happen as written.
R=$(new_data amend sales-center)
add "$R" C000001 "2026-11-02 10:00" stage=visitor grade=C
contact "$R" C000001 "2026-11-02 10:30" phone reached
contact "$R" C000001 "2026-11-09 10:30" phone reached
expect_due "$R" 2026-11-12 ""
"$REVISIT" --data "$R" log-call C000001 --amend K000002 --outcome no-answer --staff 张三 \
    --at "2026-11-09 10:30" --now "2026-11-20 09:00" >/dev/null || fail "amend failed"
expect_due "$R" 2026-11-12 "C000001 S0.3-2.4 3 phone"

# The holiday greeting (第二条(一)5, D grade, the day before 国庆节 2026-10-01) is cleared only
# by a contact inside its window, not by one made after the holiday.
H=$(new_data holiday sales-center)
add "$H" C000001 "2026-09-01 10:00" stage=visitor grade=D
greeting() { due_on "$H" 2026-09-30 | grep -c 'S0.3-2.5-holiday'; }
expect_eq 1 "$(greeting)" "greeting listed on 09-30"
contact "$H" C000001 "2026-10-05 10:00" sms sent
expect_eq 1 "$(greeting)" "greeting still listed on 09-30 after an SMS on 10-05"
contact "$H" C000001 "2026-09-30 10:00" sms sent
expect_eq 0 "$(greeting)" "greeting cleared by the SMS of 09-30"

# A replay reads the journals as they were and leaves the saved fold alone; today's list
# still comes from it.
"$REVISIT" --data "$D" due --today 2026-11-30 --format csv >/dev/null || fail "due failed"
snapshot "$D"
expect_due "$D" 2026-11-12 "C000001 S0.3-2.4 3 phone"
expect_unchanged "$D"
expect_due "$D" 2026-11-30 "C000002 S0.3-2.4 8 phone"   # C000001 is grade A since 11-21
