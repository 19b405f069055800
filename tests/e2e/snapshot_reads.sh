#!/usr/bin/env bash
# Readers read a snapshot (docs/file-formats.md, "Readers and writers"): a reader in the
# middle of a long read holds no lock, so staff go on writing; the next reader sees what
# they wrote; the cache a rebuilding reader saves is used with what was appended since; a
# damaged id counter never hands out an id that exists; temporaries of dead processes go.
source "$(dirname "$0")/lib.sh"
command -v flock >/dev/null || { echo "snapshot_reads.sh: needs flock (util-linux)" >&2; exit 1; }

D=$WORK/d
cp -r "$SRC/samples/sales-center" "$D"
chmod -R go-rwx "$D"
# 3000 more customers: export's output then fills a pipe (64 KiB) and stops it mid-read.
python3 - "$WORK/more.csv" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("name,phone,owners,stage,grade\n")
    for i in range(3000):
        f.write(f"客户{i},139{i:08d},李建国,visitor,B\n")
PY
run --data "$D" import customers "$WORK/more.csv" --at "2026-11-01 09:00" --now "2026-11-01 09:00"
expect_rc 0
rm -rf "$D/.cache"

# A reader stopped mid-read (export into a pipe nobody reads) while it rebuilds the cache.
mkfifo "$WORK/pipe"
"$REVISIT" --data "$D" export customers --format csv > "$WORK/pipe" 2>"$WORK/export.err" &
EXPORT=$!
exec 3<"$WORK/pipe"  # opened for reading, not read: export blocks once the pipe is full
# Blocked: asleep in pipe_write, or (where wchan is hidden) more than the pipe holds written
# and no more coming.
blocked() {
    case "$(cat /proc/$EXPORT/wchan 2>/dev/null)" in *pipe_write) return 0 ;; esac
    local a b
    a=$(awk '/^wchar/ {print $2}' /proc/$EXPORT/io 2>/dev/null)
    sleep 0.2
    b=$(awk '/^wchar/ {print $2}' /proc/$EXPORT/io 2>/dev/null)
    [ -n "$a" ] && [ "$a" -ge 65536 ] && [ "$a" = "$b" ]
}
for _ in $(seq 100); do
    blocked && break
    sleep 0.1
done
CHECKS=$((CHECKS + 1))
blocked || fail "export is not blocked writing its rows: $(cat /proc/$EXPORT/wchan 2>/dev/null)"
# It holds no lock: an exclusive lock is free at once, and writers finish.
CHECKS=$((CHECKS + 1))
flock -n -x "$D/.lock" true || fail "a reader in the middle of export holds the lock"
ids=""
for c in C000002 C000003 C000004; do
    run --data "$D" log-call $c --channel phone --outcome reached --staff 刘洋 \
        --at "2026-11-22 10:00" --now "2026-11-22 10:00"
    expect_rc 0
    ids="$ids $OUT"
done
expect_eq " K000428 K000429 K000430" "$ids" "ids of the calls logged during the export"
run --data "$D" add-customer --name 新客 --phone 13600000001 --owner 李建国 --set stage=visitor \
    --set grade=A --at "2026-11-22 10:05" --now "2026-11-22 10:05"
expect_rc 0
expect_eq C003037 "$OUT" "customer added during the export"
cat <&3 > "$WORK/export.csv"
exec 3<&-
wait $EXPORT
expect_eq 0 "$?" "export exit code"
# It wrote the customers as they were when it began: not the one added meanwhile.
expect_eq 3037 "$(wc -l < "$WORK/export.csv")" "export lines (header and 3036 customers)"
expect_eq 0 "$(grep -c 新客 "$WORK/export.csv")" "the customer added after the snapshot"
CHECKS=$((CHECKS + 1))
[ -f "$D/.cache/schedule.bin" ] || fail "the rebuilding reader saved no cache"

# The next reader uses that cache and folds in what was written since.
run --data "$D" history C000003
expect_out_has "K000429"
run --data "$D" show C003037
expect_rc 0
run --data "$D" due --today 2026-11-22 --customer C003037 --format csv
expect_rc 0
expect_out_has "C003037,新客"

# A restored (old) id counter never hands out an id that exists, for contacts and complaints.
echo 4 > "$D/.seq-contacts.csv"
run --data "$D" log-call C000002 --channel phone --outcome reached --staff 刘洋 \
    --at "2026-11-22 11:00" --now "2026-11-22 11:00"
expect_rc 0
expect_out "K000431"
expect_eq 1 "$(grep -c '^K000005,' "$D/contacts.csv")" "records with id K000005"
P=$WORK/p
"$REVISIT" init "$P" --rules "$SRC/rules/decoration.yaml" > /dev/null
run --data "$P" add-customer --name 业主 --phone 13600000009 --owner 张晓梅 --set stage=building --at "2026-11-20 09:00" --now "2026-11-20 09:00"
expect_rc 0
for i in 1 2 3; do
    run --data "$P" complaint open C000001 --category quality --summary "第$i次" \
        --staff 张晓梅 --at "2026-11-22 11:0$i" --now "2026-11-22 11:0$i"
    expect_rc 0
done
expect_out "P000003"
echo 1 > "$P/.seq-complaints.csv"
run --data "$P" complaint open C000001 --category quality --summary 又一次 \
    --staff 张晓梅 --at "2026-11-22 11:05" --now "2026-11-22 11:05"
expect_rc 0
expect_out "P000004"

# Temporaries a killed process left (its pid is gone) are removed by the next writer; one of a
# live process is not.
sleep 0 & DEAD=$!
wait $DEAD
for f in .seq-contacts.csv.tmp-$DEAD complaints.csv.tmp-$DEAD .cache/schedule.bin.tmp-$DEAD \
    .cache/customers.idx.tmp-$DEAD .cache/schedule.bin.tmp-$$; do
    echo left > "$D/$f"
done
run --data "$D" due --today 2026-11-22 --format csv  # a reader removes nothing
expect_eq 5 "$(find "$D" -name '*.tmp-*' | wc -l)" "temporaries after a reader"
run --data "$D" log-call C000002 --channel sms --outcome sent --staff 刘洋 \
    --at "2026-11-22 12:00" --now "2026-11-22 12:00"
expect_rc 0
expect_eq "$D/.cache/schedule.bin.tmp-$$" "$(find "$D" -name '*.tmp-*')" "temporaries after a writer"

# A read of everyone that must fold the journals whole shows how far it is on a terminal, and
# says nothing of it when stderr is not one (cron).
rm -rf "$D/.cache"
run --data "$D" due --today 2026-11-22 --format csv
expect_rc 0
expect_eq 0 "$(printf '%s' "$ERR" | grep -c 'rebuilding')" "progress lines off a terminal"
if command -v script >/dev/null; then
    rm -rf "$D/.cache"
    size=$(( ($(stat -c %s "$D/customers.csv") + $(stat -c %s "$D/contacts.csv")) / 1024 ))
    TTY=$(script -qec "'$REVISIT' --data '$D' export customers --format csv > /dev/null" /dev/null | tr '\r' '\n')
    expect_eq "rebuilding .cache/schedule.bin, KiB of journals read: 100% ($size of $size)" \
        "$(printf '%s\n' "$TTY" | grep -o 'rebuilding[^:]*: 100% ([0-9,]* of [0-9,]*)' | tail -1 | sed 's/\([0-9]\),\([0-9]\)/\1\2/g')" \
        "the last progress line of a rebuild on a terminal"
fi

# So do the long reports: revisit-rate by days replayed, findings by contacts.csv read.
run --data "$D" report revisit-rate --from 2026-11-01 --to 2026-11-22 --format csv
expect_rc 0
expect_eq 0 "$(printf '%s' "$ERR" | grep -c 'replaying')" "revisit-rate progress off a terminal"
if command -v script >/dev/null; then
    TTY=$(script -qec "'$REVISIT' --data '$D' report revisit-rate --from 2026-11-01 --to 2026-11-22 --format csv > /dev/null" /dev/null | tr '\r' '\n')
    expect_eq "replaying the period, days: 100% (22 of 22)" \
        "$(printf '%s\n' "$TTY" | grep -o 'replaying[^:]*: 100% ([0-9]* of [0-9]*)' | tail -1)" \
        "the last progress line of revisit-rate on a terminal"
    size=$(( $(stat -c %s "$D/contacts.csv") / 1024 ))
    TTY=$(script -qec "'$REVISIT' --data '$D' report findings --from 2026-11-01 --to 2026-11-22 > /dev/null" /dev/null | tr '\r' '\n')
    expect_eq "reading contacts.csv, KiB of journals read: 100% ($size of $size)" \
        "$(printf '%s\n' "$TTY" | grep -o 'reading contacts.csv[^:]*: 100% ([0-9,]* of [0-9,]*)' | tail -1 | sed 's/\([0-9]\),\([0-9]\)/\1\2/g')" \
        "the last progress line of findings on a terminal"
fi
