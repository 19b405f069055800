# Two add-customer loops at once into one data directory: every customer exactly once.
source "$(dirname "$0")/lib.sh"
D=$(new_data d sales-center)
N=150
add_loop() {  # add_loop PREFIX PHONE_BASE
    for i in $(seq 1 $N); do
        "$REVISIT" --data "$D" add-customer --name "客户$1$i" --phone "$(( $2 + i ))" --owner 张三 \
            --set stage=call-in --at "2026-11-20 10:00" >/dev/null 2>>"$WORK/errors.$1" || echo "$1$i" >> "$WORK/failed"
    done
}
add_loop A 13500000000 &
add_loop B 13600000000 &
wait
CHECKS=$((CHECKS + 1))
[ -s "$WORK/failed" ] && fail "some adds failed: $(head -5 "$WORK/failed"); $(cat "$WORK"/errors.* | head -5)"
run --data "$D" export customers
expect_rc 0
expect_eq "$((2 * N))" "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)" "customers exported"
expect_eq "$((2 * N))" "$(printf '%s\n' "$OUT" | tail -n +2 | cut -d, -f1 | sort -u | wc -l)" "distinct ids"
expect_eq "$((2 * N))" "$(printf '%s\n' "$OUT" | tail -n +2 | cut -d, -f2 | sort -u | wc -l)" "distinct names"
