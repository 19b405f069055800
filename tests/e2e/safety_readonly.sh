# Readers on a data directory they may read but not write (issue 14 item 7): every reader
# works, reads what the owner reads, and changes nothing; writers are refused with exit 3.
# Permission bits do not stop root, so as root the reader runs as nobody (setpriv, else su)
# on a copy made readable to others; as another user the copy is made read-only to its owner.
source "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
    as_reader() { "$@"; }
    readonly_copy() { chmod -R a-w "$1"; }
elif command -v setpriv >/dev/null && setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups true 2>/dev/null; then
    as_reader() { setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$@"; }
    readonly_copy() { chmod -R go+rX,go-w "$1"; }
elif command -v su >/dev/null && su nobody -s /bin/sh -c true 2>/dev/null; then
    as_reader() { su nobody -s /bin/sh -c "$(printf '%q ' "$@")"; }
    readonly_copy() { chmod -R go+rX,go-w "$1"; }
else
    echo "skipped: running as root without setpriv or su to drop to nobody, so permission bits cannot be tested" >&2
    exit 0
fi
chmod 0711 "$WORK"  # the reader may pass through, not list
BIN=$WORK/bin/revisit  # a copy the reader may run wherever the build directory is
mkdir -p "$WORK/bin" && cp "$REVISIT" "$BIN" && chmod 0755 "$WORK/bin" "$BIN"

# read_as_owner DIR ARGS... / read_as_reader DIR ARGS...: OUT, ERR, RC as run() sets them.
read_as_owner() { local d=$1; shift; run --data "$d" "$@"; }
read_as_reader() {
    local d=$1; shift
    OUT=$(as_reader "$BIN" --data "$d" "$@" 2>"$WORK/.stderr")
    RC=$?
    ERR=$(cat "$WORK/.stderr")
}
files() { (cd "$1" && find . -print0 | sort -z | xargs -0 stat -c '%n %s %a %Y' && find . -type f -print0 | sort -z | xargs -0 sha256sum); }

D=$(new_data d cement)  # cement: has complaints
for i in 1 2 3; do
    "$REVISIT" --data "$D" add-customer --name "客户$i" --phone "1380000000$i" --owner 张三 --owner 李四 \
        --set grade=$( [ $i = 3 ] && echo B || echo A) --at "2026-01-0$i 10:00" >/dev/null || fail "add $i"
done
for i in 1 2 3; do
    "$REVISIT" --data "$D" log-call C00000$i --channel phone --outcome reached --staff 张三 --note "第$i次" \
        --finding quality --finding-note "裂缝$i" --at "2026-05-0$i 10:00" --now "2026-05-0$i 10:00" >/dev/null ||
        fail "log-call $i"
done
"$REVISIT" --data "$D" complaint open C000002 --category quality --summary 漏水 --staff 张三 \
    --at "2026-05-04 10:00" --now "2026-05-04 10:00" >/dev/null 2>&1 || fail "complaint open"
P=$WORK/p  # a sample as `cp -r` copies it: no .lock
cp -r "$SRC/samples/property" "$P"
S=$WORK/s  # a survey of d's customers, for survey-stats --by
mkdir -m 0755 "$S"
printf '%s\n' "id: ro-test" "project: 一期" "sent_on: 2026-03-01" "surveyed: [C000001, C000002, C000003]" \
    "scale: {min: 1, max: 5}" "dimensions:" "  - name: 工程质量" "    questions: [{id: q1}]" \
    "responses: responses.csv" > "$S/survey.yaml"
printf 'respondent,q1\nC000001,5\nC000003,3\n' > "$S/responses.csv"
chmod 0644 "$S"/*

READERS=(
    "$D|due --today 2026-06-15 --format csv"
    "$D|show C000001"
    "$D|export customers"
    "$D|export customers --format json"
    "$D|history C000002"
    "$D|report revisit-rate --from 2026-05-01 --to 2026-05-31"
    "$D|report findings --from 2026-05-01 --to 2026-05-31"
    "$D|complaint list --today 2026-06-15"
    "$D|complaint stats --from 2026-05-01 --to 2026-05-31 --today 2026-06-15"
    "$D|survey-stats $S/survey.yaml --by grade"
    "$P|due --today 2026-06-15"
)
# check_readers WHAT: every reader on the read-only copies gives the owner's output and
# exit 0 (stderr aside: due may say it could not save its cache), and changes no file.
check_readers() {
    local what=$1 entry dir args before_d before_p
    before_d=$(files "$RO_D") before_p=$(files "$RO_P")
    for entry in "${READERS[@]}"; do
        dir=${entry%%|*} args=${entry#*|}
        # shellcheck disable=SC2086
        read_as_owner "$dir" $args
        local expected=$OUT copy=$RO_P
        [ "$dir" = "$D" ] && copy=$RO_D
        expected=${expected//$dir/$copy}  # survey-stats names its rules file
        dir=$copy
        # shellcheck disable=SC2086
        read_as_reader "$dir" $args
        CHECKS=$((CHECKS + 1))
        [ "$RC" -eq 0 ] || fail "$what: $args: expected exit 0, got $RC: $ERR"
        expect_eq "$expected" "$OUT" "$what: output of $args"
    done
    expect_eq "$before_d" "$(files "$RO_D")" "$what: files of the read-only copy of d"
    expect_eq "$before_p" "$(files "$RO_P")" "$what: files of the read-only copy of p"
}

# 1. A copy with its .lock (as `cp -a` of a directory in use): locked through a read-only
#    descriptor. No .cache: due cannot save one, says so, and carries on.
RO_D=$WORK/ro-d RO_P=$WORK/ro-p
cp -a "$D" "$RO_D" && rm -rf "$RO_D/.cache" && readonly_copy "$RO_D"
cp -a "$P" "$RO_P" && "$REVISIT" --data "$RO_P" show C000001 >/dev/null && readonly_copy "$RO_P"
CHECKS=$((CHECKS + 1))
[ -f "$RO_D/.lock" ] && [ -f "$RO_P/.lock" ] || fail "the copies should have a .lock"
check_readers "with .lock"
read_as_reader "$RO_D" due --today 2026-06-15 --format csv
expect_err_has "revisit: warning: the schedule cache was not saved (cannot create $RO_D/.cache: Permission denied); due reads the whole journals until it can be"

# 2. No .lock, and none can be made: read without a lock.
chmod -R u+w "$RO_D" "$RO_P"
rm -f "$RO_D/.lock" "$RO_P/.lock"
readonly_copy "$RO_D" && readonly_copy "$RO_P"
check_readers "without .lock"
CHECKS=$((CHECKS + 1))
[ ! -e "$RO_D/.lock" ] || fail "a reader made $RO_D/.lock"

# 3. A .lock the reader may not open at all: read without a lock too.
chmod u+w "$RO_D" && : > "$RO_D/.lock" && chmod 0600 "$RO_D/.lock" && readonly_copy "$RO_D" && chmod go-r "$RO_D/.lock"
check_readers "with an unreadable .lock"

# 4. A writer killed half-way left a marker and a torn record the reader may not repair: it
#    reads up to the marker, as it does with write access.
chmod -R u+w "$RO_D"
size=$(stat -c %s "$RO_D/contacts.csv")
printf '%s\n' "$size" > "$RO_D/.pending-contacts.csv"
printf 'K000004,2026-05-09 10:00,C000001,phone,rea' >> "$RO_D/contacts.csv"
readonly_copy "$RO_D"
read_as_owner "$D" export customers
expected=$OUT
read_as_reader "$RO_D" export customers
expect_rc 0
expect_eq "$expected" "$OUT" "export of a read-only directory with an unfinished append"
read_as_owner "$D" history C000001
expected=$OUT
read_as_reader "$RO_D" history C000001
expect_rc 0
expect_eq "$expected" "$OUT" "history of a read-only directory with an unfinished append"

# 5. Writers are refused, exit 3, naming the lock file; nothing changes.
before=$(files "$RO_P")
read_as_reader "$RO_P" add-customer --name 新 --phone 13900000001 --owner 张三 --at "2026-06-01 10:00"
expect_rc 3
expect_err "revisit: warning: $RO_P is readable by others (mode 0$(stat -c %a "$RO_P")): chmod -R go-rwx $RO_P
revisit: error: cannot open lock file $RO_P/.lock: Permission denied"
expect_eq "$before" "$(files "$RO_P")" "files after a refused write"
chmod -R u+w "$RO_D" "$RO_P"  # so that the work directory can be removed
