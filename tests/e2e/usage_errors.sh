# Unknown commands and flags (issue 14 item 12): the word as typed, the command it was typed to,
# the closest command or flag, the help to read, exit 2; nothing in the data directory changes.
source "$(dirname "$0")/lib.sh"

D=$(new_data d sales-center)
snapshot "$D"

run dua
expect_rc 2
expect_err 'revisit: error: unknown command "dua" (did you mean "due"?)
run '"'"'revisit --help'"'"' for usage'

run --data "$D" due --todya 2026-11-02
expect_rc 2
expect_err 'revisit: error: unknown flag "--todya" for "due" (did you mean "--today"?)
run '"'"'revisit due --help'"'"' for usage'

run --data "$D" due --todya=2026-11-02
expect_rc 2
expect_err_has 'unknown flag "--todya" for "due" (did you mean "--today"?)'

# one dash short of a long flag
run --data "$D" due -today 2026-11-02
expect_rc 2
expect_err_has 'unknown flag "-today" for "due" (did you mean "--today"?)'

run --dat "$D" due
expect_rc 2
expect_err 'revisit: error: unknown flag "--dat" (did you mean "--data"?)
run '"'"'revisit --help'"'"' for usage'

# a subcommand of a subcommand, and the flags of one
run --data "$D" complaint opn C000001
expect_rc 2
expect_err 'revisit: error: unknown command "complaint opn" (did you mean "complaint open"?)
run '"'"'revisit complaint --help'"'"' for usage'

run --data "$D" report revisit-rate --form 2026-01-01 --to 2026-01-31
expect_rc 2
expect_err 'revisit: error: unknown flag "--form" for "report revisit-rate" (did you mean "--from"?)
run '"'"'revisit report revisit-rate --help'"'"' for usage'

# a flag's value is not taken for a command: "due" here is the value of --staff
run --data "$D" due --staff due --todya 2026-11-02
expect_rc 2
expect_err_has 'unknown flag "--todya" for "due"'

# nothing close: the commands there are
run xyzzy
expect_rc 2
expect_err_has 'revisit: error: unknown command "xyzzy"; the commands are: init, add-customer, update-customer, show, import, export, log-call, due,'

run --data "$D" complaint frobnicate
expect_rc 2
expect_err_has 'unknown command "complaint frobnicate"; the commands of complaint are: open, update, resolve, close, reopen, list, stats'

run --data "$D" due --frobnicate
expect_rc 2
expect_err 'revisit: error: unknown flag "--frobnicate" for "due"
run '"'"'revisit due --help'"'"' for usage'

run --data "$D" due extra
expect_rc 2
expect_err_has 'revisit: error: unexpected argument "extra" for "due"'

# a command that needs a command
run --data "$D" complaint
expect_rc 2
expect_err 'revisit: error: revisit complaint needs a command: open, update, resolve, close, reopen, list, stats
run '"'"'revisit complaint --help'"'"' for usage'

run
expect_rc 2
expect_err_has 'revisit: error: revisit needs a command: init, add-customer,'

# other usage errors keep CLI11's words and name the command's help
run --data "$D" due --format xml
expect_rc 2
expect_err 'revisit: error: --format: xml not in {table,csv,json,html,ics}
run '"'"'revisit due --help'"'"' for usage'

expect_unchanged "$D"

# a flag a parent command has is known after the subcommand (--data after due)
run due --data "$D" --today 2026-11-02
expect_rc 0
