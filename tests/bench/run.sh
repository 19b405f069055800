#!/usr/bin/env bash
# Benchmark: build Release, generate sales-center data directories of 10k, 100k and 1M
# customers with ten contacts each, and time the commands a sales center runs every day.
#
#   bash tests/bench/run.sh              # 10k 100k 1m
#   bash tests/bench/run.sh 10k 100k     # only these sizes
#
# For each size it prints the median wall time and CPU time (user+sys) of several runs and
# the peak resident memory (/usr/bin/time %M) of
#   due --today 2026-11-23 --format csv   (the whole call list, written to /dev/null)
#   show, history (one customer), export customers, report revisit-rate and findings (22
#   days), complaint list
#   log-call, add-customer, complaint open (each a new record, on a copy of the directory)
# then the same `due` question asked of an indexed sqlite3 database holding the same
# journals ("last counting contact per customer vs an interval per grade"), and how each
# number grows from one size to the next. docs/performance.md has the results.
#
# Environment:
#   BENCH_WORK     where generated directories and databases are cached (/tmp/revisit-bench)
#   BENCH_BUILD    the Release build directory (<source>/build-bench)
#   BENCH_RUNS     runs of `due` per size (7; 5 at 1M)
#   BENCH_WRITES   runs of each write per size (15; 5 at 1M)
#   BENCH_MEM_MB   address-space limit for each measured command, so a runaway size fails
#                  instead of exhausting a shared machine (12288); 0 = none
# Not a test: ctest does not run it.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${BENCH_WORK:-/tmp/revisit-bench}
BUILD=${BENCH_BUILD:-$SRC/build-bench}
MEM_MB=${BENCH_MEM_MB:-12288}
TODAY=2026-11-23
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10k 100k 1m)

command -v sqlite3 >/dev/null || { echo "run.sh: needs sqlite3 (apt-get install sqlite3)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "run.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

echo "== build (Release) in $BUILD"
cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j2 --target revisit >/dev/null
REVISIT=$BUILD/cli/revisit
mkdir -p "$WORK"

echo "== machine"
echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory: $(free -g | awk '/^Mem:/ {print $2}') GB; $(uname -sr); $(g++ --version | head -1)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows wall times, not CPU times)"
echo "revisit $(git -C "$SRC" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$SRC" diff --quiet HEAD -- lib cli 2>/dev/null || echo ' + uncommitted changes in lib/ cli/')"

customers_of() {
    case $1 in
        *k) echo $((${1%k} * 1000)) ;;
        *m) echo $((${1%m} * 1000000)) ;;
        *) echo "$1" ;;
    esac
}

# generated SIZE: the cached data directory of SIZE, made when missing or when generate.py
# changed since it was made.
generated() {
    local n dir stamp
    n=$(customers_of "$1")
    dir=$WORK/data-$1
    stamp="$(sha256sum "$SRC/tests/bench/generate.py" "$SRC/rules/sales-center.yaml" | sha256sum | cut -c1-16) $n $((n * 10))"
    if [ ! -f "$dir/.bench-stamp" ] || [ "$(cat "$dir/.bench-stamp")" != "$stamp" ]; then
        rm -rf "$dir" "$WORK/sqlite-$1.db"
        local t0=$EPOCHREALTIME
        python3 "$SRC/tests/bench/generate.py" --customers "$n" --contacts $((n * 10)) --out "$dir" >&2
        echo "generated $dir in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}') s" >&2
        echo "$stamp" > "$dir/.bench-stamp"
    fi
    echo "$dir"
}

# measure LABEL RUNS CMD...: runs CMD RUNS times (stdout to /dev/null) and sets
# WALL/CPU (medians, seconds) and PEAK (max resident, MB); "{i}" in an argument becomes a
# number new on every run. Wall time includes starting /usr/bin/time (about 1 ms).
SEQ=10000000  # 8 digits: "199{i}" is a mobile number
measure() {
    local label=$1 runs=$2
    shift 2
    local walls=() cpus=() peak=0 i t0 t1 m u s a args
    for ((i = 0; i < runs; i++)); do
        SEQ=$((SEQ + 1))
        args=()
        for a in "$@"; do args+=("${a//\{i\}/$SEQ}"); done
        t0=$EPOCHREALTIME
        if ! (
            [ "$MEM_MB" -eq 0 ] || ulimit -v $((MEM_MB * 1024))
            /usr/bin/time -f "%M %U %S" -o "$WORK/.time" "${args[@]}" >/dev/null 2>"$WORK/.stderr"
        ); then
            echo "run.sh: $label failed (limit ${MEM_MB} MB address space): $(tail -3 "$WORK/.stderr")" >&2
            WALL=fail CPU=fail PEAK=fail
            return 1
        fi
        t1=$EPOCHREALTIME
        read -r m u s < <(tail -1 "$WORK/.time")
        walls+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", b - a}')")
        cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')")
        [ "$m" -gt "$peak" ] && peak=$m
    done
    WALL=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
    CPU=$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
    PEAK=$((peak / 1024))
}

# sqlite_db SIZE DIR: an indexed database of the journals (cached).
sqlite_db() {
    local db=$WORK/sqlite-$1.db
    if [ ! -f "$db" ]; then
        local t0=$EPOCHREALTIME
        rm -f "$db.tmp"
        sqlite3 "$db.tmp" <<SQL
CREATE TABLE customers_raw(at, op, id, name, phone, owners, attributes, by, source);
CREATE TABLE contacts(id, at, customer, channel, outcome, staff, note, signature, promise,
    promise_note, finding, finding_note, "set", amends, logged_at);
.import --csv --skip 1 $2/customers.csv customers_raw
.import --csv --skip 1 $2/contacts.csv contacts
CREATE TABLE customers AS
  SELECT id, name, phone, owners, at AS created,
         CASE WHEN instr(attributes, 'grade=') > 0
              THEN substr(attributes, instr(attributes, 'grade=') + 6, 1) END AS grade
  FROM customers_raw WHERE op = 'add';
CREATE UNIQUE INDEX customers_id ON customers(id);
CREATE INDEX contacts_customer ON contacts(customer, outcome, at);
ANALYZE;
SQL
        mv "$db.tmp" "$db"
        echo "loaded $db in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}') s (once; not timed below)" >&2
    fi
    echo "$db"
}

# The simple `due`: customers whose last counting contact (or creation) plus the interval
# of their grade (A 3 days, B and C a week, others half a month) is today or earlier.
SQLITE_DUE="
WITH last AS (
  SELECT customer, MAX(at) AS last_at FROM contacts
  WHERE outcome IN ('reached', 'refused', 'sent') AND at < '2026-11-24'
  GROUP BY customer)
SELECT c.id, c.name, c.phone, c.owners,
       date(COALESCE(l.last_at, c.created),
            '+' || CASE c.grade WHEN 'A' THEN 3 WHEN 'B' THEN 7 WHEN 'C' THEN 7 ELSE 15 END || ' days') AS due_by
FROM customers c LEFT JOIN last l ON l.customer = c.id
WHERE due_by <= '$TODAY'
ORDER BY due_by, c.id;"

declare -A R
for size in "${SIZES[@]}"; do
    n=$(customers_of "$size")
    echo "== $size: $n customers, $((n * 10)) contacts"
    dir=$(generated "$size")
    runs=${BENCH_RUNS:-$([ "$n" -ge 1000000 ] && echo 5 || echo 7)}
    WRITES=${BENCH_WRITES:-$([ "$n" -ge 1000000 ] && echo 5 || echo 15)}
    # The first run folds the journals whole and saves .cache/schedule.bin; later runs read it.
    rm -rf "$dir/.cache"
    measure "due (no cache) $size" 1 "$REVISIT" --data "$dir" due --today $TODAY --format csv || true
    R[$size,cold]=$WALL R[$size,cold_mb]=$PEAK
    echo "due without a cache (folds the journals, saves the cache): $WALL s wall; peak $PEAK MB"
    R[$size,items]=$("$REVISIT" --data "$dir" due --today $TODAY --format csv | tail -n +2 | wc -l)
    R[$size,mb]=$(du -sm "$dir" | cut -f1)
    measure "due $size" "$runs" "$REVISIT" --data "$dir" due --today $TODAY --format csv || true
    R[$size,due]=$WALL R[$size,due_cpu]=$CPU R[$size,due_mb]=$PEAK
    echo "due: ${R[$size,items]} lines; median $WALL s wall, $CPU s CPU; peak $PEAK MB"

    # The readers (issue: every command at 1M). show and history read one customer through
    # the indexes: the first run writes .cache/*.idx, untimed; the others read one customer.
    "$REVISIT" --data "$dir" show C000001 >/dev/null
    READERS=(show history export rate findings complaints)
    measure "show $size" "$runs" "$REVISIT" --data "$dir" show C000001 || true
    R[$size,show]=$WALL R[$size,show_mb]=$PEAK
    measure "history $size" "$runs" "$REVISIT" --data "$dir" history C000001 || true
    R[$size,history]=$WALL R[$size,history_mb]=$PEAK
    measure "export $size" 3 "$REVISIT" --data "$dir" export customers --format csv || true
    R[$size,export]=$WALL R[$size,export_mb]=$PEAK
    measure "revisit-rate $size" 1 "$REVISIT" --data "$dir" report revisit-rate --from 2026-11-01 --to 2026-11-22 || true
    R[$size,rate]=$WALL R[$size,rate_mb]=$PEAK
    measure "findings $size" 3 "$REVISIT" --data "$dir" report findings --from 2026-11-01 --to 2026-11-22 || true
    R[$size,findings]=$WALL R[$size,findings_mb]=$PEAK
    measure "complaint list $size" 3 "$REVISIT" --data "$dir" complaint list --today $TODAY || true
    R[$size,complaints]=$WALL R[$size,complaints_mb]=$PEAK
    for r in "${READERS[@]}"; do echo "$r: median ${R[$size,$r]} s wall; peak ${R[$size,${r}_mb]} MB"; done

    # Writes go to a copy, so the cached directory stays as generated.
    copy=$WORK/write-$size
    rm -rf "$copy"
    cp -a "$dir" "$copy"
    measure "log-call $size" "$WRITES" "$REVISIT" --data "$copy" log-call C000001 --channel phone \
        --outcome reached --staff 张晓梅 --note "bench {i}" --at "2026-11-22 17:00" --now "2026-11-22 17:30" || true
    R[$size,log_call]=$WALL R[$size,log_call_mb]=$PEAK
    echo "log-call: median $WALL s wall, $CPU s CPU; peak $PEAK MB"
    measure "add-customer $size" "$WRITES" "$REVISIT" --data "$copy" add-customer --name "测试{i}" \
        --phone "199{i}" --owner 张晓梅 --set stage=call-in --at "2026-11-22 17:00" || true
    R[$size,add_customer]=$WALL R[$size,add_customer_mb]=$PEAK
    echo "add-customer: median $WALL s wall, $CPU s CPU; peak $PEAK MB"
    measure "complaint open $size" "$WRITES" "$REVISIT" --data "$copy" complaint open C000002 \
        --category sales --summary "bench {i}" --staff 张晓梅 --at "2026-11-22 17:00" --now "2026-11-22 17:30" || true
    R[$size,complaint_open]=$WALL R[$size,complaint_open_mb]=$PEAK
    echo "complaint open: median $WALL s wall, $CPU s CPU; peak $PEAK MB"
    measure "due after writes $size" "$runs" "$REVISIT" --data "$copy" due --today $TODAY --format csv || true
    R[$size,due_tail]=$WALL
    echo "due after those writes (cache + journal tails): median $WALL s wall; peak $PEAK MB"
    rm -rf "$copy"

    db=$(sqlite_db "$size" "$dir")
    R[$size,sql_items]=$(sqlite3 "$db" "$SQLITE_DUE" | wc -l)
    measure "sqlite due $size" "$runs" sqlite3 "$db" "$SQLITE_DUE" || true
    R[$size,sql]=$WALL R[$size,sql_mb]=$PEAK
    echo "sqlite3 due: ${R[$size,sql_items]} lines; median $WALL s wall; peak $PEAK MB"
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.1f", a / b; else printf "-" }'; }
ms() { awk -v a="$1" 'BEGIN { if (a ~ /^[0-9.]+$/) printf "%.0f", a * 1000; else printf "%s", a }'; }

echo
echo "== results (wall: median; CPU: user+sys median; peak: max RSS)"
printf '| %-5s | %-9s | %-9s | %-12s | %-8s | %-9s | %-12s | %-16s | %-17s | %-9s | %-14s |\n' \
    size "journals" "due lines" "due wall (s)" "due CPU" "due peak" "log-call ms" "add-customer ms" "complaint open ms" "sqlite (s)" "revisit/sqlite"
printf '|%s|\n' "-------|-----------|-----------|--------------|----------|-----------|--------------|------------------|-------------------|-----------|----------------"
for size in "${SIZES[@]}"; do
    printf '| %-5s | %-9s | %-9s | %-12s | %-8s | %-9s | %-12s | %-16s | %-17s | %-9s | %-14s |\n' \
        "$size" "${R[$size,mb]} MB" "${R[$size,items]}" "${R[$size,due]}" "${R[$size,due_cpu]}" "${R[$size,due_mb]} MB" \
        "$(ms "${R[$size,log_call]}") (${R[$size,log_call_mb]} MB)" "$(ms "${R[$size,add_customer]}") (${R[$size,add_customer_mb]} MB)" \
        "$(ms "${R[$size,complaint_open]}") (${R[$size,complaint_open_mb]} MB)" "${R[$size,sql]}" "$(ratio "${R[$size,due]}" "${R[$size,sql]}")"
done
echo
echo "| size  | due without a cache: wall (s), peak | due after the writes: wall (s) |"
echo "|-------|--------------------------------------|--------------------------------|"
for size in "${SIZES[@]}"; do
    printf '| %-5s | %-36s | %-30s |\n' "$size" "${R[$size,cold]} s, ${R[$size,cold_mb]} MB" "${R[$size,due_tail]}"
done
echo
echo "| size  | show | history | export customers | revisit-rate (22 days) | findings | complaint list |"
echo "|-------|------|---------|------------------|------------------------|----------|----------------|"
for size in "${SIZES[@]}"; do
    row="| $size |"
    for r in show history export rate findings complaints; do row+=" ${R[$size,$r]} s, ${R[$size,${r}_mb]} MB |"; done
    echo "$row"
done
if [ ${#SIZES[@]} -gt 1 ]; then
    echo
    echo "== growth from one size to the next (x10 data each step)"
    for ((k = 1; k < ${#SIZES[@]}; k++)); do
        a=${SIZES[k - 1]} b=${SIZES[k]}
        echo "$a -> $b: due wall x$(ratio "${R[$b,due]}" "${R[$a,due]}"), CPU x$(ratio "${R[$b,due_cpu]}" "${R[$a,due_cpu]}"), peak x$(ratio "${R[$b,due_mb]}" "${R[$a,due_mb]}");" \
             "log-call x$(ratio "${R[$b,log_call]}" "${R[$a,log_call]}"), add-customer x$(ratio "${R[$b,add_customer]}" "${R[$a,add_customer]}")," \
             "complaint open x$(ratio "${R[$b,complaint_open]}" "${R[$a,complaint_open]}"); sqlite x$(ratio "${R[$b,sql]}" "${R[$a,sql]}")"
        row="$a -> $b readers:"
        for r in show history export rate findings complaints; do row+=" $r x$(ratio "${R[$b,$r]}" "${R[$a,$r]}")"; done
        echo "$row"
    done
fi
echo
echo "targets at 1M customers / 10M contacts: due <= 1.0 s median and <= 512 MB peak; each write <= 50 ms"
