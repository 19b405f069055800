# File modes (S2-secret, issue 14 item 16): a data directory is owner-only whatever the umask;
# one copied loosely (cp -r, git) gets one warning line naming the fix on every command, and
# writes give what they write its owner-only mode back; `init --group` shares a directory
# with a team on purpose (setgid, group read-write, others nothing) without the warning.
source "$(dirname "$0")/lib.sh"
RULES=$SRC/rules/cement.yaml
# modes DIR: "MODE NAME" of every entry, sorted.
modes() { (cd "$1" && find . -mindepth 1 -print0 | sort -z | xargs -0 stat -c '%a %n'); }
add() {  # add DIR N: add-customer N
    run --data "$1" add-customer --name "客户$2" --phone "1380000000$2" --owner 张三 --owner 李四 \
        --set grade=A --at "2026-01-0$2 10:00"
}
call() {  # call DIR CUSTOMER
    run --data "$1" log-call "$2" --channel phone --outcome reached --staff 张三 \
        --at "2026-05-01 10:00" --now "2026-05-01 10:00"
}

# --- init: owner-only even under umask 000; no warning
D=$WORK/d
(umask 000 && "$REVISIT" init "$D" --rules "$RULES") || fail "init"
expect_eq "700" "$(stat -c %a "$D")" "mode of a new data directory"
expect_eq "700 ./calendars
600 ./calendars/cn.yaml
600 ./complaints.csv
600 ./contacts.csv
600 ./customers.csv
600 ./rules.yaml" "$(modes "$D")" "modes in a new data directory"
(umask 000 && add "$D" 1 && call "$D" C000001 && [ -z "$ERR" ]) || fail "writes on a new directory: $ERR"
(umask 000 && run --data "$D" due --today 2026-06-15 && [ -z "$ERR" ]) || fail "due: $ERR"
expect_eq "700 ./.cache
600 ./.cache/schedule.bin
600 ./.lock
600 ./.seq-contacts.csv" "$(modes "$D" | grep -v -e calendars -e '\.csv$' -e rules.yaml; modes "$D" | grep '\.seq')" \
    "modes of what commands make under umask 000"

# --- a copy as cp -r makes it from a checkout (0755, 0644): one warning on every command
C=$WORK/copy
cp -r "$D" "$C" && chmod -R go+rX "$C" && rm -r "$C/.cache"
WARN="revisit: warning: $C is readable by others (mode 0755): chmod -R go-rwx $C"
run --data "$D" export customers
EXPORTED=$OUT
run --data "$C" export customers
expect_rc 0
expect_out "$EXPORTED"
expect_err "$WARN"
run --data "$C" show C000001
expect_rc 0
expect_err "$WARN"
# Writers restore owner-only modes on what they write (the directory stays as it is).
add "$C" 2
expect_rc 0
expect_err "$WARN"
call "$C" C000002
expect_err "$WARN"
run --data "$C" complaint open C000002 --category quality --summary 漏水 --staff 张三 \
    --at "2026-05-02 10:00" --now "2026-05-02 10:00"
expect_rc 0
expect_eq "$WARN" "$(grep 'revisit: warning' <<<"$ERR")" "the warning of complaint open"
expect_eq "600 ./.seq-complaints.csv
600 ./.seq-contacts.csv
600 ./complaints.csv
600 ./contacts.csv
600 ./customers.csv" "$(modes "$C" | grep -e '\.csv$')" "modes of the journals after writes to a loose copy"
# Others may pass through but not list: the first entry still open is named.
chmod 0711 "$C"
run --data "$C" export customers
expect_err "revisit: warning: $C/calendars is readable by others (mode 0755): chmod -R go-rwx $C"
chmod 0700 "$C/calendars"
run --data "$C" export customers
expect_err "revisit: warning: $C/rules.yaml is readable by others (mode 0644): chmod -R go-rwx $C"  # cn.yaml is out of reach now
chmod 0750 "$C"
run --data "$C" export customers
expect_err "revisit: warning: $C is readable by its group (mode 0750): chmod -R go-rwx $C"
# The repair the warning names silences it; inside an owner-only directory, file modes are moot.
chmod -R go-rwx "$C"
chmod 0644 "$C/rules.yaml"
run --data "$C" export customers
expect_rc 0
expect_err ""

# --- init --group: a directory a team shares on purpose
G=$(id -gn)
T=$WORK/team
(umask 077 && "$REVISIT" init "$T" --rules "$RULES" --group "$G") || fail "init --group $G"
expect_eq "2770 $G" "$(stat -c '%a %G' "$T")" "mode and group of a shared directory"
expect_eq "2770 ./calendars
660 ./calendars/cn.yaml
660 ./complaints.csv
660 ./contacts.csv
660 ./customers.csv
660 ./rules.yaml" "$(modes "$T")" "modes in a shared directory"
(umask 077 && add "$T" 1 && [ -z "$ERR" ]) || fail "add-customer in a shared directory: $ERR"
(umask 077 && call "$T" C000001 && [ -z "$ERR" ]) || fail "log-call in a shared directory: $ERR"
(umask 077 && run --data "$T" due --today 2026-06-15 && [ -z "$ERR" ]) || fail "due in a shared directory: $ERR"
expect_eq "2770 $G ./.cache
660 $G ./.cache/schedule.bin
660 $G ./.lock
660 $G ./.seq-contacts.csv" "$(cd "$T" && stat -c "%a %G %n" ./.cache ./.cache/schedule.bin ./.lock ./.seq-contacts.csv)" \
    "what commands make in a shared directory, under umask 077"
chmod o+rx "$T" && chmod o+r "$T/customers.csv"
run --data "$T" export customers
expect_err "revisit: warning: $T is readable by others (mode 2775): chmod -R o-rwx $T"
chmod o-r "$T"  # others may pass through: the file they can read by name is named
run --data "$T" export customers
expect_err "revisit: warning: $T/customers.csv is readable by others (mode 0664): chmod -R o-rwx $T"
add "$T" 2
expect_rc 0
expect_eq "660" "$(stat -c %a "$T/customers.csv")" "customers.csv after a write in a shared directory"
chmod o-x "$T"
run --data "$T" export customers
expect_err ""

# Refused: an unknown group; nothing is made.
run init "$WORK/nogroup" --rules "$RULES" --group no-such-group-xyz
expect_rc 1
expect_err "revisit: error: unknown group \"no-such-group-xyz\": no such group on this system"
expect_eq "" "$(find "$WORK" -maxdepth 1 -name '*nogroup*')" "files left by a refused init --group"

# --- a teammate writes: as root, nobody in group nogroup (permission bits do not stop root)
if [ "$(id -u)" -eq 0 ] && setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
    chmod 0711 "$WORK"
    BIN=$WORK/bin/revisit
    mkdir -p "$WORK/bin" && cp "$REVISIT" "$BIN" && chmod 0755 "$WORK/bin" "$BIN"
    mate() { OUT=$(setpriv --reuid=nobody --regid=nogroup --clear-groups "$BIN" "$@" 2>"$WORK/.stderr"); RC=$?; ERR=$(cat "$WORK/.stderr"); }
    S=$WORK/shared
    "$REVISIT" init "$S" --rules "$RULES" --group nogroup || fail "init --group nogroup"
    add "$S" 1
    mate --data "$S" log-call C000001 --channel phone --outcome reached --staff 李四 \
        --at "2026-05-01 10:00" --now "2026-05-01 10:00"
    expect_rc 0
    expect_out K000001
    expect_err ""
    mate --data "$S" add-customer --name 客户2 --phone 13800000002 --owner 张三 --owner 李四 \
        --set grade=A --at "2026-01-02 10:00"
    expect_rc 0
    expect_out C000002
    expect_eq "660 nobody nogroup" "$(stat -c '%a %U %G' "$S/.seq-contacts.csv")" "the counter a teammate made"
    call "$S" C000002
    expect_out K000002
    mate --data "$S" due --today 2026-06-15 --format csv
    expect_rc 0
    expect_err ""
    run --data "$S" due --today 2026-06-15 --format csv
    expect_eq "$OUT" "$(setpriv --reuid=nobody --regid=nogroup --clear-groups "$BIN" --data "$S" due --today 2026-06-15 --format csv 2>/dev/null)" \
        "the owner's and the teammate's call lists"
    expect_eq "" "$(find "$S" ! -group nogroup)" "entries of the shared directory outside its group"
else
    echo "skipped the teammate case: needs root and setpriv to run as nobody" >&2
fi
