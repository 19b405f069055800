# due's schedule cache (.cache/schedule.bin, lib/store/schedule_cache): the call list is
# byte-for-byte what the journals folded whole give, whatever state the cache is in.
source "$(dirname "$0")/lib.sh"

D=$(new_data dc sales-center)
DAYS="2026-11-20 2026-11-21 2026-11-24 2026-11-30 2026-12-08 2027-01-15"

# due_all DATA: the csv call list on each of DAYS, and json on one, as one text.
due_all() {
    local day
    for day in $DAYS; do
        echo "== $day"
        "$REVISIT" --data "$1" due --today "$day" --format csv 2>>"$WORK/.due-stderr" || echo "exit $?"
    done
    "$REVISIT" --data "$1" due --today 2026-11-24 --format json --explain 2>>"$WORK/.due-stderr" || echo "exit $?"
}

# fresh DATA: due_all on a copy of DATA without its cache.
fresh() {
    rm -rf "$WORK/copy"
    cp -a "$1" "$WORK/copy"
    rm -rf "$WORK/copy/.cache"
    due_all "$WORK/copy"
}

# expect_same WHAT: due on $D (with whatever cache it has) equals due without a cache.
expect_same() {
    local cached uncached
    : >"$WORK/.due-stderr"
    cached=$(due_all "$D")
    local warnings
    warnings=$(grep -v "calendars/.*has no holidays" "$WORK/.due-stderr")
    uncached=$(fresh "$D")
    CHECKS=$((CHECKS + 1))
    [ "$cached" == "$uncached" ] || fail "$1: due with the cache differs from due without:
$(diff <(echo "$uncached") <(echo "$cached") | head -40)"
    CHECKS=$((CHECKS + 1))
    [ -z "$warnings" ] || fail "$1: unexpected warnings: $warnings"
    CHECKS=$((CHECKS + 1))
    [ -n "$(echo "$cached" | grep -v '^==' | grep -v '^customer_id,' | head -1)" ] || fail "$1: nothing due at all"
}

add "$D" C1 "2026-11-20 09:00" stage=call-in quality=yes
add "$D" C2 "2026-11-20 10:00" stage=visitor grade=A key=yes
add "$D" C3 "2026-11-02 10:00" stage=visitor grade=C
add "$D" C4 "2026-11-02 10:00" stage=visitor grade=C dislikes-calls=yes
contact "$D" C1 "2026-11-20 10:00" phone no-answer
contact "$D" C1 "2026-11-20 15:00" phone reached
contact "$D" C2 "2026-11-20 16:00" visit reached --promise 2026-11-25 --promise-note 报价
contact "$D" C3 "2026-11-09 10:00" phone reached --set grade=B

[ ! -e "$D/.cache" ] || fail "a cache before any due"
run --data "$D" due --today 2026-11-24 --format csv
expect_rc 0
CHECKS=$((CHECKS + 1))
[ -f "$D/.cache/schedule.bin" ] || fail "due did not save .cache/schedule.bin"
expect_same "freshly built"
expect_same "unchanged"

# Tails: adds, updates of cached customers, contacts, --set, amendments.
add "$D" C5 "2026-11-21 09:00" stage=call-in quality=yes
contact "$D" C5 "2026-11-21 10:00" phone reached
"$REVISIT" --data "$D" update-customer C1 --set stage=visitor --set grade=B --at "2026-11-22 09:00" >/dev/null ||
    fail "update-customer C1"
contact "$D" C2 "2026-11-22 10:00" phone reached --set objection=yes
contact "$D" C4 "2026-11-12 10:00" phone reached
expect_same "after adds, updates and contacts"
"$REVISIT" --data "$D" log-call --amend K000002 --outcome no-answer --now "2026-11-22 18:00" >/dev/null ||
    fail "amend K000002 (cached)"
"$REVISIT" --data "$D" log-call --amend K000006 --outcome busy --now "2026-11-22 18:00" >/dev/null ||
    fail "amend K000006 (a tail record)"
expect_same "after amendments of a cached and of a tail contact"
"$REVISIT" --data "$D" log-call --amend K000004 --set grade=A --now "2026-11-22 18:01" >/dev/null ||
    fail "amend K000004 (a cached --set)"
expect_same "after an amendment of a cached attribute change"
"$REVISIT" --data "$D" update-customer C3 --set grade=D --at "2026-11-09 10:00" >/dev/null ||
    fail "update-customer C3 at the time of a cached --set"
expect_same "after an update at the same minute as a cached --set"
"$REVISIT" --data "$D" update-customer C5 --name 新名字 --owner 王五 --at "2026-11-23 09:00" >/dev/null ||
    fail "update-customer C5"
contact "$D" C5 "2026-11-23 10:00" visit reached --set stage=visitor --set grade=A
expect_same "after a rename and a visit of a customer added in a tail"

# A damaged cache: due prints the same list, exit 0, quietly.
CACHE=$D/.cache/schedule.bin
rm -rf "$D/.cache"  # a cache of the journals as they are, to compare rebuilt ones with
run --data "$D" due --today 2026-11-24 --format csv
GOOD=$OUT
cp "$CACHE" "$WORK/good.bin"
SIZE=$(stat -c %s "$WORK/good.bin")

damaged() {  # damaged WHAT: due with the damaged cache in place
    run --data "$D" due --today 2026-11-24 --format csv
    expect_rc 0
    expect_out "$GOOD"
    CHECKS=$((CHECKS + 1))
    case "$ERR" in *"schedule cache"*) fail "$1: a warning: $ERR" ;; esac
    cmp -s "$CACHE" "$WORK/good.bin" || { CHECKS=$((CHECKS + 1)); fail "$1: not rebuilt to the same file"; }
}
for n in 0 1 8 40 83 84 100 $((SIZE / 2)) $((SIZE - 9)) $((SIZE - 1)); do
    cp "$WORK/good.bin" "$CACHE"
    truncate -s "$n" "$CACHE"
    damaged "cut to $n bytes"
done
for at in 0 9 12 20 24 44 48 68 76 $((SIZE - 4)); do  # magic, version, rules, marks, offsets, end mark
    cp "$WORK/good.bin" "$CACHE"
    printf '\xa5' | dd of="$CACHE" bs=1 seek="$at" conv=notrunc status=none
    damaged "byte $at changed"
done
head -c 20000 /dev/urandom >"$CACHE"
damaged "random bytes"
{ printf 'RVSCHED1'; head -c 20000 /dev/urandom; } >"$CACHE"
damaged "random bytes after the magic"
cp "$WORK/good.bin" "$CACHE"
cat "$WORK/good.bin" >>"$CACHE"
damaged "written twice"
rm -f "$CACHE"
mkdir "$CACHE"
run --data "$D" due --today 2026-11-24 --format csv
expect_rc 0
expect_out "$GOOD"
expect_err_has "revisit: warning: the schedule cache was not saved"
rmdir "$CACHE"

# .cache is a file: the cache cannot be saved: a warning, the same list, exit 0, the file kept.
rm -rf "$D/.cache"
echo "not a directory" >"$D/.cache"
run --data "$D" due --today 2026-11-24 --format csv
expect_rc 0
expect_out "$GOOD"
expect_err_has "revisit: warning: the schedule cache was not saved"
expect_eq "not a directory" "$(cat "$D/.cache")" ".cache left alone"
run --data "$D" due --today 2026-11-24 --format table
expect_rc 0
expect_err_has "schedule cache was not saved"
rm -f "$D/.cache"

# A dangling .cache symlink, then a .cache symlink to a file.
ln -s "$WORK/nowhere" "$D/.cache"
run --data "$D" due --today 2026-11-24 --format csv
expect_rc 0
expect_out "$GOOD"
rm -f "$D/.cache"

# Not root: a read-only .cache (root ignores the mode: skipped).
if [ "$(id -u)" != 0 ]; then
    mkdir -p "$D/.cache"
    rm -f "$CACHE"
    chmod 500 "$D/.cache"
    run --data "$D" due --today 2026-11-24 --format csv
    expect_rc 0
    expect_out "$GOOD"
    expect_err_has "schedule cache was not saved"
    chmod 700 "$D/.cache"
fi

# Rules with another channel list: the cache is folded again, the list is what a fresh fold gives.
rm -rf "$D/.cache"
run --data "$D" due --today 2026-11-24 --format csv
python3 - "$D/rules.yaml" <<'EOF'
import sys
p = sys.argv[1]
text = open(p, encoding="utf-8").read()
anchor = "  - {id: visit, label: 上门}"
assert anchor in text
open(p, "w", encoding="utf-8").write(text.replace(anchor, "  - {id: letter, label: 信}\n" + anchor, 1))
EOF
expect_same "after a channel was added before the others"

# Errors in a tail name the journal and the line, as without a cache.
run --data "$D" due --today 2026-11-24 --format csv
cp "$D/customers.csv" "$WORK/customers.bak"
LINES=$(wc -l <"$D/customers.csv")
printf '2026-11-25 09:00,update,C99,,,,grade=A,x,manual\n' >>"$D/customers.csv"
run --data "$D" due --today 2026-11-24 --format csv
CHECKS=$((CHECKS + 1))
[ "$RC" -ne 0 ] || fail "an update of an unknown customer in a tail: exit 0"
expect_err_has "customers.csv:$((LINES + 1)): update of unknown customer \"C99\""
WITH_CACHE=$ERR
rm -rf "$D/.cache"
run --data "$D" due --today 2026-11-24 --format csv
expect_eq "$WITH_CACHE" "$ERR" "the same error without a cache"
cp "$WORK/customers.bak" "$D/customers.csv"
run --data "$D" due --today 2026-11-24 --format csv
expect_rc 0
CLINES=$(wc -l <"$D/contacts.csv")
printf 'K000999,2026-11-25 09:00,C99,phone,reached,张三,,,,,,,,,2026-11-25 09:00\n' >>"$D/contacts.csv"
run --data "$D" due --today 2026-11-24 --format csv
CHECKS=$((CHECKS + 1))
[ "$RC" -ne 0 ] || fail "a contact for an unknown customer in a tail: exit 0"
expect_err_has "contacts.csv:$((CLINES + 1)): contact K000999 is for unknown customer \"C99\""
