#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (address and undefined-behaviour sanitizers) in
# their own build directory and runs each for a bounded time on its seed corpus.
#
#   bash tests/fuzz/run.sh            # 60 s per target
#   FUZZ_SECONDS=300 bash tests/fuzz/run.sh fuzz_csv
#
# Needs clang and libFuzzer (Debian: apt-get install -y clang libclang-rt-14-dev). New inputs
# go to a scratch corpus under the build directory (the seeds in tests/fuzz/corpus stay as
# they are); a crash leaves crash-* reproducers there and fails the run. Reproduce one with
#   build-fuzz/tests/fuzz/fuzz_csv build-fuzz/fuzz-work/fuzz_csv/crash-...
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${FUZZ_BUILD:-$SRC/build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(fuzz_csv fuzz_rules fuzz_survey)
command -v clang++ >/dev/null || { echo "fuzz/run.sh: needs clang++ (apt-get install -y clang libclang-rt-14-dev)" >&2; exit 2; }

SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g -O1"
CXX=clang++ cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Debug -DREVISIT_FUZZ=ON \
    -DCMAKE_CXX_FLAGS="$SAN" >/dev/null
cmake --build "$BUILD" -j2 --target "${TARGETS[@]}" >/dev/null

status=0
for t in "${TARGETS[@]}"; do
    work=$BUILD/fuzz-work/$t
    mkdir -p "$work/corpus"
    echo "== $t: ${SECONDS_EACH} s"
    # -rss_limit_mb: a 2-core CI machine; -max_len: journals and rules files are small.
    if ! (cd "$work" && UBSAN_OPTIONS=print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
            "$BUILD/tests/fuzz/$t" -max_total_time="$SECONDS_EACH" -max_len=16384 -rss_limit_mb=2048 \
            -timeout=10 -print_final_stats=1 "$work/corpus" "$SRC/tests/fuzz/corpus/$t" \
            > "$work/log" 2>&1); then
        status=1
        echo "$t FAILED; reproducers: $(ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* 2>/dev/null | tr '\n' ' ')"
        grep -A30 -m1 -E "ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|deadly signal|uncaught exception|Assertion" "$work/log" | head -40
    fi
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|cov: " "$work/log" | tail -3
done
exit $status
