# The sample data directories (samples/, made by samples/make_samples.py) hold the shipped
# rules file and calendar unchanged, so what the docs say about a rules file works on its
# sample: a rules file that drifted from its sample fails here with the command that fixes it.
source "$(dirname "$0")/lib.sh"

FIX="regenerate them: python3 samples/make_samples.py build/cli/revisit"
for rules in "$SRC"/rules/*.yaml; do
    kind=$(basename "$rules" .yaml)
    S="$SRC/samples/$kind"
    CHECKS=$((CHECKS + 1))
    if [ ! -d "$S" ]; then
        fail "rules/$kind.yaml has no sample samples/$kind; $FIX"
        continue
    fi
    CHECKS=$((CHECKS + 1))
    cmp -s "$rules" "$S/rules.yaml" || fail "samples/$kind/rules.yaml differs from rules/$kind.yaml; $FIX"
    for cal in "$SRC"/rules/calendars/*.yaml; do
        CHECKS=$((CHECKS + 1))
        cmp -s "$cal" "$S/calendars/$(basename "$cal")" ||
            fail "samples/$kind/calendars/$(basename "$cal") differs from rules/calendars; $FIX"
    done
    # Every command works on it, the complaint commands too (a copy: they write).
    cp -r "$S" "$WORK/$kind"
    chmod -R go-rwx "$WORK/$kind"
    run rules check "$WORK/$kind/rules.yaml"
    expect_rc 0
    run --data "$WORK/$kind" due --today 2026-11-23 --format csv
    expect_rc 0
    run --data "$WORK/$kind" complaint list --today 2026-11-23
    expect_rc 0
    expect_out ""
    grep -q '^complaints:' "$rules" || continue
    # The rules file records complaints: so does its sample.
    category=$(sed -n '/^  categories:/{n;s/^ *- id: *//p;q}' "$rules")
    run --data "$WORK/$kind" complaint open C000001 --category "$category" --summary 样例 \
        --staff 张晓梅 --at "2026-11-20 10:00" --now "2026-11-20 10:00"
    expect_rc 0
    expect_out "P000001"
    run --data "$WORK/$kind" complaint stats --from 2026-11-01 --to 2026-11-30 --today 2026-11-30 --format json
    expect_rc 0
    expect_out_has '"total": 1,'
done
