# Four processes log 1,000 calls each into one data directory at once: contacts.csv ends up
# with exactly 4,000 whole records, ids unique and sequential, and every call each process
# was told succeeded is there with its own note (docs/file-formats.md, write protocol).
source "$(dirname "$0")/lib.sh"
D=$(new_data d sales-center)
PROCS=4
CALLS=${SAFETY_CALLS:-1000}
for c in 1 2 3 4; do
    add "$D" "C00000$c" "2026-01-0$c 10:00" stage=visitor grade=A
done

log_loop() {  # log_loop P: CALLS log-calls, "NOTE ID" per success in ids.P, failures in failed.P
    local p=$1 j id
    for ((j = 1; j <= CALLS; j++)); do
        # Each process spreads over all four customers, so writers contend for the same ones.
        if id=$("$REVISIT" --data "$D" log-call "C00000$(( (j + p) % 4 + 1 ))" --channel phone \
                --outcome reached --staff "员工$p" --note "p$p-$j" --at "2026-11-22 10:00" \
                --now "2026-11-22 10:00" 2>>"$WORK/errors.$p"); then
            echo "p$p-$j $id" >> "$WORK/ids.$p"
        else
            echo "p$p-$j" >> "$WORK/failed.$p"
        fi
    done
}
START=$SECONDS
for ((p = 1; p <= PROCS; p++)); do log_loop "$p" & done
wait
echo "$((PROCS * CALLS)) log-calls by $PROCS processes took $((SECONDS - START)) s" >&2

CHECKS=$((CHECKS + 1))
if compgen -G "$WORK/failed.*" >/dev/null; then
    fail "some log-calls failed: $(cat "$WORK"/failed.* | head -3); $(cat "$WORK"/errors.* | head -3)"
fi

# Every row parses, ids are unique, every success is recorded with its own note.
CHECKS=$((CHECKS + 1))
problems=$(python3 - "$D/contacts.csv" "$PROCS" "$CALLS" "$WORK"/ids.* <<'EOF'
import csv, sys
path, procs, calls, id_files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
problems = []
with open(path, encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f, strict=True))
header, rows = rows[0], rows[1:]
if any(len(r) != len(header) for r in rows):
    problems.append("rows with a wrong number of fields: %d" % sum(len(r) != len(header) for r in rows))
if len(rows) != procs * calls:
    problems.append("expected %d records, found %d" % (procs * calls, len(rows)))
by_note = {}
ids = [r[header.index("id")] for r in rows]
if len(set(ids)) != len(ids):
    problems.append("duplicate ids: %d" % (len(ids) - len(set(ids))))
if sorted(ids) != ["K%06d" % i for i in range(1, len(ids) + 1)]:
    problems.append("ids are not K000001..K%06d" % len(ids))
for r in rows:
    by_note[r[header.index("note")]] = r[header.index("id")]
told = 0
for name in id_files:
    for line in open(name, encoding="utf-8"):
        note, got = line.split()
        told += 1
        if by_note.get(note) != got:
            problems.append("%s: printed %s, journal has %s" % (note, got, by_note.get(note)))
if told != procs * calls:
    problems.append("%d successes printed an id, expected %d" % (told, procs * calls))
print("\n".join(problems[:10]))
EOF
)
[ -z "$problems" ] || fail "contacts.csv: $problems"

expect_eq "$((PROCS * CALLS))" "$(tr -d '\n' < "$D/.seq-contacts.csv")" ".seq-contacts.csv"
run --data "$D" due --today 2026-11-23 --format csv
expect_rc 0
run --data "$D" history C000001
expect_rc 0
