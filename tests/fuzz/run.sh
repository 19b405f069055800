#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (address and undefined-behaviour sanitizers, the
# top-level REVISIT_SANITIZE option) in their own build directory and runs each for a bounded
# time on a copy of its seed corpus. .ci/run calls it with FUZZ_WORK set to a temporary
# directory.
#
#   bash tests/fuzz/run.sh            # 60 s per target
#   FUZZ_SECONDS=300 bash tests/fuzz/run.sh fuzz_csv
#
# Environment: FUZZ_SECONDS (per target, default 60), FUZZ_BUILD (default build-fuzz),
# FUZZ_WORK (where each target's corpus, log and reproducers go; default build-fuzz/fuzz-work),
# FUZZ_PARALLEL=1 (run the targets side by side instead of one after another).
#
# Needs clang and libFuzzer (Debian: apt-get install -y clang libclang-rt-14-dev). The seeds in
# tests/fuzz/corpus are copied into FUZZ_WORK/TARGET/corpus, which is the only corpus the
# fuzzer writes to, so the repository is never modified. A crash, leak, timeout or
# out-of-memory leaves crash-* (leak-*, timeout-*, oom-*) reproducers in FUZZ_WORK/TARGET and
# fails the run (exit 1). Reproduce one with
#   build-fuzz/tests/fuzz/fuzz_csv build-fuzz/fuzz-work/fuzz_csv/crash-...
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${FUZZ_BUILD:-$SRC/build-fuzz}
WORK=${FUZZ_WORK:-$BUILD/fuzz-work}
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(fuzz_csv fuzz_rules fuzz_survey)
command -v clang++ >/dev/null || { echo "fuzz/run.sh: needs clang++ (apt-get install -y clang libclang-rt-14-dev)" >&2; exit 2; }

# Only lib/ and the targets are built (not cli/ nor the unit tests): -O1 and line tables only
# keep the build short; fuzzer-no-link adds libFuzzer's coverage instrumentation to lib/.
CXX=clang++ cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link" \
    -DREVISIT_SANITIZE=ON -DREVISIT_FUZZ=ON >/dev/null
cmake --build "$BUILD" -j2 --target "${TARGETS[@]}" >/dev/null

# fuzz TARGET: one target for SECONDS_EACH on a copy of its seeds; exit code in WORK/TARGET/rc.
fuzz() {
    local t=$1 work=$WORK/$1 rc=0
    rm -f "$work/rc"
    mkdir -p "$work/corpus"
    cp "$SRC/tests/fuzz/corpus/$t"/* "$work/corpus/"
    # -rss_limit_mb: a 2-core CI machine; -max_len: journals and rules files are small.
    # libFuzzer catches sanitizer reports itself (and writes the reproducer): no abort_on_error.
    (cd "$work" && UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
        "$BUILD/tests/fuzz/$t" -max_total_time="$SECONDS_EACH" -max_len=16384 -rss_limit_mb=2048 \
        -timeout=10 -print_final_stats=1 "$work/corpus" > "$work/log" 2>&1) || rc=$?
    echo "$rc" > "$work/rc"
}
if [ "${FUZZ_PARALLEL:-0}" = 1 ]; then
    # All targets at once (CI: three targets share two cores for SECONDS_EACH of wall time).
    echo "== ${TARGETS[*]}: ${SECONDS_EACH} s, side by side"
    for t in "${TARGETS[@]}"; do fuzz "$t" & done
    wait
else
    for t in "${TARGETS[@]}"; do echo "== $t: ${SECONDS_EACH} s"; fuzz "$t"; done
fi

status=0 failed=0
for t in "${TARGETS[@]}"; do
    work=$WORK/$t
    if [ "$(cat "$work/rc" 2>/dev/null)" != 0 ]; then
        status=1 failed=$((failed + 1))
        echo "$t FAILED (log: $work/log); reproducers: $(ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* 2>/dev/null | tr '\n' ' ')"
        grep -A30 -m1 -E "ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|deadly signal|uncaught exception|Assertion" "$work/log" | head -40 || true
    fi
    echo "$t: $(grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$work/log" | tr -s ' \n' ' ')"
done
echo "fuzz: $((${#TARGETS[@]} - failed)) passed, $failed failed"
exit $status
