# --output never writes into a data directory (issue 14 item 2): not the one in use, not any
# other (rules.yaml and customers.csv), not through a symbolic link or "..", not in a
# subdirectory. The error names the file and the directory; nothing changes.
source "$(dirname "$0")/lib.sh"

D=$(new_data d cement)
"$REVISIT" --data "$D" add-customer --name 张三 --phone 13911113333 --owner 甲 --owner 乙 \
    --at "2026-11-01 09:00" --now "2026-11-01 09:00" >/dev/null || fail "add-customer"
O=$(new_data other property)  # another data directory, not the one in use
cp -r "$SRC/samples/property-survey" "$WORK/survey"
ln -s "$D" "$WORK/link"
mkdir "$WORK/out"
refused() {  # refused DIR-AS-NAMED OUTPUT ARGS...: the command is refused, DIR unchanged
    local dir=$1 output=$2
    shift 2
    run "$@"
    expect_rc 1
    expect_err "revisit: error: --output $output is inside the data directory $dir, whose files only revisit itself writes; nothing was written: choose a file outside it"
}

for f in customers.csv contacts.csv rules.yaml new.csv calendars/cn.yaml .cache/x no/such/dir/x; do
    snapshot "$D"
    refused "$D" "$D/$f" --data "$D" export customers --output "$D/$f"
    expect_unchanged "$D"
done
snapshot "$D"
refused "$D" "$WORK/link/customers.csv" --data "$D" export customers -o "$WORK/link/customers.csv"
refused "$D" "$WORK/out/../d/customers.csv" --data "$D" export customers -o "$WORK/out/../d/customers.csv"
cd "$D" || exit 1
refused . customers.csv --data . export customers -o customers.csv
cd "$WORK" || exit 1
expect_unchanged "$D"
# Another data directory than the one in use: named by its real path.
snapshot "$O"
refused "$(cd "$O" && pwd -P)" "$O/customers.csv" --data "$D" export customers --output "$O/customers.csv"
expect_unchanged "$O"

# survey-stats, with and without --data.
snapshot "$D"
refused "$D" "$D/contacts.csv" --data "$D" survey-stats "$WORK/survey/survey.yaml" --format csv -o "$D/contacts.csv"
refused "$(cd "$D" && pwd -P)" "$WORK/link/contacts.csv" survey-stats "$WORK/survey/survey.yaml" --format csv -o "$WORK/link/contacts.csv"
expect_unchanged "$D"

# Outside a data directory it writes as before, also next to one.
run --data "$D" export customers --output "$WORK/out/customers.csv"
expect_rc 0
expect_eq "id,name,phone,owners,created
C000001,张三,13911113333,甲;乙,2026-11-01 09:00" "$(cut -d, -f1-5 "$WORK/out/customers.csv")" "export --output"
run survey-stats "$WORK/survey/survey.yaml" --format csv -o "$WORK/survey/report.csv"
expect_rc 0
CHECKS=$((CHECKS + 1))
[ -s "$WORK/survey/report.csv" ] || fail "survey-stats -o wrote nothing"
