# Shared helpers for end-to-end tests. Each test script is run by ctest as
#   bash tests/e2e/NAME.sh <path-to-revisit> <source-dir>
# and sources this file. Work happens in a fresh temporary directory that is kept
# (and named on stderr) when a check fails.
set -u
REVISIT=$1
SRC=$2
WORK=$(mktemp -d "${TMPDIR:-/tmp}/revisit-e2e.XXXXXX")
FAILURES=0
CHECKS=0
export REVISIT_DATA=
unset REVISIT_DATA

finish() {
    if [ "$FAILURES" -gt 0 ]; then
        echo "$FAILURES of $CHECKS checks failed; work directory kept: $WORK" >&2
        exit 1
    fi
    rm -rf "$WORK"
    echo "$CHECKS checks passed"
}
trap finish EXIT

fail() {
    FAILURES=$((FAILURES + 1))
    echo "FAIL (line ${BASH_LINENO[1]}): $*" >&2
}

# run ARGS...: runs revisit, leaving stdout in $OUT, stderr in $ERR, exit code in $RC.
run() {
    OUT=$("$REVISIT" "$@" 2>"$WORK/.stderr")
    RC=$?
    ERR=$(cat "$WORK/.stderr")
}

expect_rc() {
    CHECKS=$((CHECKS + 1))
    [ "$RC" -eq "$1" ] || fail "expected exit $1, got $RC; stderr: $ERR"
}

expect_out() {
    CHECKS=$((CHECKS + 1))
    [ "$OUT" == "$1" ] || fail "stdout differs:
--- expected
$1
--- got
$OUT"
}

expect_err() {
    CHECKS=$((CHECKS + 1))
    [ "$ERR" == "$1" ] || fail "stderr differs:
--- expected
$1
--- got
$ERR"
}

expect_out_has() {
    CHECKS=$((CHECKS + 1))
    case "$OUT" in *"$1"*) ;; *) fail "stdout lacks \"$1\"; got:
$OUT" ;; esac
}

expect_err_has() {
    CHECKS=$((CHECKS + 1))
    case "$ERR" in *"$1"*) ;; *) fail "stderr lacks \"$1\"; got:
$ERR" ;; esac
}

expect_eq() {  # expect_eq EXPECTED ACTUAL WHAT
    CHECKS=$((CHECKS + 1))
    [ "$1" == "$2" ] || fail "$3: expected \"$1\", got \"$2\""
}

# snapshot DIR / expect_unchanged DIR: a data directory is byte-for-byte as it was.
snapshot() { (cd "$1" && find . -type f ! -name .lock -print0 | sort -z | xargs -0 sha256sum) > "$WORK/.snapshot"; }
expect_unchanged() {
    CHECKS=$((CHECKS + 1))
    local now
    now=$(cd "$1" && find . -type f ! -name .lock -print0 | sort -z | xargs -0 sha256sum)
    [ "$now" == "$(cat "$WORK/.snapshot")" ] || fail "data directory $1 changed"
}

# new_data NAME RULES: a fresh data directory for a shipped rules file.
new_data() {
    "$REVISIT" init "$WORK/$1" --rules "$SRC/rules/$2.yaml" || fail "init $1 failed"
    echo "$WORK/$1"
}
