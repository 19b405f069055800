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

# due_on DATA DATE [ARGS...]: the call list as "customer rules overdue channel" lines.
due_on() {
    local data=$1 day=$2
    shift 2
    "$REVISIT" --data "$data" due --today "$day" --format csv "$@" 2>>"$WORK/.due-stderr" |
        python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
for r in rows:
    print(r["customer_id"], r["rule_ids"], r["days_overdue"], r["channel"])'
}

# expect_due DATA DATE EXPECTED [ARGS...]: the list on DATE is exactly EXPECTED.
expect_due() {
    local data=$1 day=$2 expected=$3
    shift 3
    local got
    got=$(due_on "$data" "$day" "$@")
    CHECKS=$((CHECKS + 1))
    [ "$got" == "$expected" ] || fail "due on $day:
--- expected
$expected
--- got
$got"
}

# add DATA ID AT ATTR=VALUE...: adds a customer with a unique phone.
PHONE_SEQ=0
add() {
    local data=$1 id=$2 at=$3
    shift 3
    PHONE_SEQ=$((PHONE_SEQ + 1))
    local args=(--data "$data" add-customer --id "$id" --name "客户$id" --phone "$((13900000000 + PHONE_SEQ))"
                --owner 张三 --owner 李四 --at "$at")
    for kv in "$@"; do args+=(--set "$kv"); done
    "$REVISIT" "${args[@]}" >/dev/null || fail "add $id failed"
}

# contact DATA ID AT CHANNEL OUTCOME [ARGS...]
contact() {
    local data=$1 id=$2 at=$3 channel=$4 outcome=$5
    shift 5
    "$REVISIT" --data "$data" log-call "$id" --channel "$channel" --outcome "$outcome" --staff 张三 \
        --at "$at" --now "2027-12-31 00:00" "$@" >/dev/null || fail "log-call $id $at failed"
}

# expect_reason DATA DATE CUSTOMER RULE "DUE_BY OVERDUE": one reason of a merged line.
expect_reason() {
    local got
    got=$("$REVISIT" --data "$1" due --today "$2" --customer "$3" --format json 2>/dev/null |
        python3 -c '
import json, sys
rule = sys.argv[1]
for item in json.load(sys.stdin)["items"]:
    for r in item["reasons"]:
        if r["rule_id"] == rule:
            print(r["due_by"], r["days_overdue"])' "$4")
    CHECKS=$((CHECKS + 1))
    [ "$got" == "$5" ] || fail "$4 for $3 on $2: expected \"$5\", got \"$got\""
}
