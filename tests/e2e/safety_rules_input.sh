# Mistakes in what a rules file names and in the files around it (issue 14 items 1, 13, 14):
# each is refused at the place it is made, with what exists and a did-you-mean, and leaves
# every file as it was.
source "$(dirname "$0")/lib.sh"
R=$WORK/r
mkdir -p "$R/calendars"
cp "$SRC/rules/calendars/cn.yaml" "$R/calendars/"
# rules_with FILE SED: a copy of the cement rules, edited by SED.
rules_with() { sed "$2" "$SRC/rules/cement.yaml" > "$1"; }
D=$(new_data d cement)
"$REVISIT" --data "$D" add-customer --name 张三 --phone 13911112222 --owner 张三 --owner 李四 \
    --set grade=A --at "2026-10-01 10:00" >/dev/null || fail "add-customer"
"$REVISIT" --data "$D" log-call C000001 --channel phone --outcome reached --staff 张三 \
    --at "2026-10-02 10:00" --now "2026-10-02 10:00" >/dev/null || fail "log-call"
cp "$D/rules.yaml" "$WORK/rules.good"

# --- item 1: a time zone the host's zone database lacks
for zone in "Asia/Shanghia|unknown time zone \"Asia/Shanghia\" (did you mean \"Asia/Shanghai\"?)" \
    "Mars/Olympus|unknown time zone \"Mars/Olympus\": not in the time zone database (/usr/share/zoneinfo); use a name such as Asia/Shanghai or UTC" \
    "42|unknown time zone \"42\": not in the time zone database (/usr/share/zoneinfo); use a name such as Asia/Shanghai or UTC"; do
    name=${zone%%|*} message=${zone#*|}
    rules_with "$R/tz.yaml" "s|^timezone: .*|timezone: $name|"
    run rules check "$R/tz.yaml"
    expect_rc 1
    expect_err "$R/tz.yaml:4:11: $message
  timezone: $name
            ^
revisit: error: 1 problem(s) found"
    run init "$WORK/new" --rules "$R/tz.yaml"
    expect_rc 1
    expect_err "revisit: error: $R/tz.yaml:4:11: $message
  timezone: $name
            ^"
    [ -e "$WORK/new" ] && fail "init made $WORK/new"
    # Every command that loads the rules, readers and writers.
    cp "$R/tz.yaml" "$D/rules.yaml"
    snapshot "$D"
    for args in "due --today 2026-10-05" "show C000001" "export customers" \
        "log-call C000001 --channel phone --outcome reached --staff 张三 --at 2026-10-03" \
        "add-customer --name 李四 --phone 13911113333 --owner 张三 --owner 李四 --set grade=A --at 2026-10-03"; do
        # shellcheck disable=SC2086
        run --data "$D" $args
        expect_rc 1
        expect_err "revisit: error: $D/rules.yaml:4:11: $message
  timezone: $name
            ^"
    done
    expect_unchanged "$D"
    cp "$WORK/rules.good" "$D/rules.yaml"
done

# A valid zone other than the default, and the user's TZ does not matter: the rules' zone is used.
rules_with "$R/utc.yaml" "s|^timezone: .*|timezone: UTC|"
run rules check "$R/utc.yaml"
expect_rc 0
expect_err ""

# A host without tzdata (TZDIR, which the C library reads too, points at nothing): a clear
# error naming the package, never a clock silently in UTC.
mkdir -p "$WORK/empty-zoneinfo"
TZDIR=$WORK/empty-zoneinfo run rules check "$SRC/rules/cement.yaml"
expect_rc 1
expect_err "$SRC/rules/cement.yaml:4:11: time zone \"Asia/Shanghai\" cannot be checked: there is no time zone database in $WORK/empty-zoneinfo; install the package tzdata
  timezone: Asia/Shanghai
            ^
revisit: error: 1 problem(s) found"
TZDIR=$WORK/empty-zoneinfo run init "$WORK/new" --rules "$SRC/rules/cement.yaml"
expect_rc 1
expect_err_has "time zone \"Asia/Shanghai\" cannot be checked: there is no time zone database in $WORK/empty-zoneinfo; install the package tzdata"
[ -e "$WORK/new" ] && fail "init made $WORK/new"
# Rules without a timezone (Asia/Shanghai by default): the clock is not read in UTC either.
sed '/^timezone:/d' "$WORK/rules.good" > "$D/rules.yaml"
snapshot "$D"
TZDIR=$WORK/empty-zoneinfo run --data "$D" due
expect_rc 1
expect_err "revisit: error: cannot read the clock in time zone \"Asia/Shanghai\": there is no time zone database in $WORK/empty-zoneinfo; install the package tzdata"
expect_unchanged "$D"
TZDIR=$WORK/empty-zoneinfo run --data "$D" due --today 2026-10-05
expect_rc 0
cp "$WORK/rules.good" "$D/rules.yaml"

# --- item 13: a calendar the directory lacks, at the rules file's line and column
rules_with "$R/cal.yaml" "s|^calendar: .*|calendar: cnn|"
run rules check "$R/cal.yaml"
expect_rc 1
expect_err "$R/cal.yaml:5:11: unknown calendar \"cnn\" (did you mean \"cn\"?); calendars in $R/calendars: cn
  calendar: cnn
            ^
revisit: error: 1 problem(s) found"
run init "$WORK/new" --rules "$R/cal.yaml"
expect_rc 1
expect_err "revisit: error: $R/cal.yaml:5:11: unknown calendar \"cnn\" (did you mean \"cn\"?); calendars in $R/calendars: cn
  calendar: cnn
            ^"
[ -e "$WORK/new" ] && fail "init made $WORK/new"
# In a data directory: the commands that use the calendar.
sed "s|^calendar: .*|calendar: cnn|" "$WORK/rules.good" > "$D/rules.yaml"
snapshot "$D"
for args in "due --today 2026-10-05" "report revisit-rate --from 2026-10-01 --to 2026-10-31"; do
    # shellcheck disable=SC2086
    run --data "$D" $args
    expect_rc 1
    expect_err "revisit: error: $D/rules.yaml:5:11: unknown calendar \"cnn\" (did you mean \"cn\"?); calendars in $D/calendars: cn
  calendar: cnn
            ^"
done
expect_unchanged "$D"
# Nothing to suggest, and no calendar at all.
mkdir -p "$WORK/r2/calendars"
rules_with "$WORK/r2/tw.yaml" "s|^calendar: .*|calendar: tw|"
run rules check "$WORK/r2/tw.yaml"
expect_rc 1
expect_err "$WORK/r2/tw.yaml:5:11: unknown calendar \"tw\": $WORK/r2/calendars holds no calendar (NAME.yaml); make one with \"revisit calendar import\" (docs/calendar.md)
  calendar: tw
            ^
revisit: error: 1 problem(s) found"
# calendar import still makes the calendar the rules name.
cp "$WORK/rules.good" "$D/rules.yaml"

# --- item 14 (a): a tab in the indentation is named, where it is (yaml-cpp: "illegal map value")
printf 'company: x\nowners:\n\tmin: 2\n' > "$R/tab.yaml"
run rules check "$R/tab.yaml"
expect_rc 1
expect_err "$R/tab.yaml:3:1: tab character in indentation; indent with spaces
          min: 2
  ^
revisit: error: 1 problem(s) found"
# In a data directory, every command says the same, and nothing changes.
sed 's/^  min: 2 /\tmin: 2 /' "$WORK/rules.good" > "$D/rules.yaml"
line=$(grep -n "$(printf '^\tmin: 2')" "$D/rules.yaml" | cut -d: -f1)
[ -n "$line" ] || fail "no tab line in the rules"
snapshot "$D"
run --data "$D" due --today 2026-10-05
expect_rc 1
expect_err_has "revisit: error: $D/rules.yaml:$line:1: tab character in indentation; indent with spaces"
expect_unchanged "$D"
cp "$WORK/rules.good" "$D/rules.yaml"

# --- item 14 (b): an unclosed "[" where it opens, not where the parser gave up (3:9)
printf 'company: x\nchannels: [phone, sms\noutcomes:\n  - {id: reached, counts: true}\n' > "$R/bracket.yaml"
run rules check "$R/bracket.yaml"
expect_rc 1
expect_err "$R/bracket.yaml:2:11: \"[\" is never closed: a list ends with \"]\"
  channels: [phone, sms
            ^
revisit: error: 1 problem(s) found"
printf 'company: x\nattributes:\n  grade: {type: enum, values: [A, B}\n' > "$R/bracket.yaml"
run rules check "$R/bracket.yaml"
expect_rc 1
expect_err "$R/bracket.yaml:3:31: \"[\" is closed by \"}\" on line 3: a list ends with \"]\"
  grade: {type: enum, values: [A, B}
                              ^
revisit: error: 1 problem(s) found"

# --- item 14 (c): a deleted customers.csv is named as missing, not blamed on contacts.csv:2
cp -a "$D" "$WORK/nocust"
N=$WORK/nocust
rm "$N/customers.csv"
snapshot "$N"
for args in "due --today 2026-10-05" "show C000001" "history C000001" "export customers" \
    "log-call C000001 --channel phone --outcome reached --staff 张三 --at 2026-10-03"; do
    # shellcheck disable=SC2086
    run --data "$N" $args
    expect_rc 3
    expect_err "revisit: error: $N/customers.csv is missing, but $N/contacts.csv holds records of its customers; restore customers.csv from a backup"
done
expect_unchanged "$N"
# A directory whose journals hold nothing yet is not damaged: the first add makes the file.
E=$(new_data e cement)
rm "$E/customers.csv"
run --data "$E" add-customer --name 王五 --phone 13911114444 --owner 张三 --owner 李四 --set grade=A --at "2026-10-01 10:00"
expect_rc 0
expect_out "C000001"

# --- item 14 (d): a cache that cannot be saved is named as .cache/schedule.bin, not its
# temporary file (here .cache is a file, so nothing can be made in it, even by root)
cp -a "$WORK/rules.good" "$D/rules.yaml"
rm -rf "$D/.cache" && echo x > "$D/.cache"
run --data "$D" due --today 2026-10-05
expect_rc 0
expect_err "revisit: warning: the schedule cache was not saved (cannot write $D/.cache/schedule.bin: Not a directory); due reads the whole journals until it can be"
rm "$D/.cache"

# --- item 14 (e): a malformed --promise is a usage error (exit 2) as a malformed --at is;
# a well-formed one before the contact is refused with exit 1 as before
snapshot "$D"
call() { run --data "$D" log-call C000001 --channel phone --outcome reached --staff 张三 --now "2026-10-03 10:00" "$@"; }
call --at "2026-10-3x 10:00"
expect_rc 2
expect_err "revisit: error: --at \"2026-10-3x 10:00\" is not a time; expected \"YYYY-MM-DD HH:MM\" or YYYY-MM-DD"
for p in 2026-13-01 +xd +1000d; do
    call --at "2026-10-03 10:00" --promise "$p"
    expect_rc 2
    expect_err "revisit: error: --promise \"$p\" is not a date; expected YYYY-MM-DD or +Nd"
done
call --at "2026-10-03 10:00" --promise 2026-10-01
expect_rc 1
expect_err "revisit: error: --promise 2026-10-01 is before the contact (2026-10-03)"
expect_unchanged "$D"
call --at "2026-10-03 10:00" --promise +3d
expect_rc 0
expect_out "K000002"
