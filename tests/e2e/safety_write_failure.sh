# A write that fails (file size limit, full disk): a clear "cannot write ..." on stderr, a
# non-zero exit, no partial record, every earlier byte intact (docs/file-formats.md, write
# protocol, step 8). The size limit is `ulimit -f` in a subshell that ignores SIGXFSZ, so
# write(2) fails with EFBIG; a full disk is a tiny tmpfs when a user namespace may mount one.
source "$(dirname "$0")/lib.sh"
D=$(new_data d cement)  # cement: has complaints
for i in 1 2 3; do
    "$REVISIT" --data "$D" add-customer --name "客户$i" --phone "1380000000$i" --owner 张三 --owner 李四 \
        --set grade=A --at "2026-01-0$i 10:00" >/dev/null || fail "add $i"
done
for i in $(seq 1 40); do
    "$REVISIT" --data "$D" log-call C000001 --channel phone --outcome reached --staff 张三 --note "第$i次" \
        --at "2026-11-01 10:00" --now "2026-11-01 10:00" >/dev/null || fail "log-call $i"
done
LONG=$(printf '很长的备注%.0s' $(seq 1 400))  # 6 KB: more than the 1 KB of room left below
OWNERS=()  # 20 owners of 60 bytes: a customer record of more than 1 KB
for i in $(seq 10 29); do OWNERS+=(--owner "员工$i$(printf '名%.0s' $(seq 1 18))"); done

# limited FILE ARGS...: runs revisit with the file size limit just above FILE's size (0 when
# FILE is "-"), so appending more than 1 KB to it fails; sets ERR (stdout and stderr, through
# a pipe: the limit applies to regular files) and RC.
limited() {
    local file=$1 blocks=0
    shift
    [ "$file" = - ] || blocks=$(( $(stat -c %s "$file") / 1024 + 1 ))
    ERR=$( (trap '' XFSZ; ulimit -f "$blocks"; exec "$REVISIT" "$@" 2>&1) )
    RC=$?
}
# Every file of the data directory, by name and content: the id counters (.seq-*) too, and a
# marker or temporary file left behind would show.
files() { (cd "$D" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
# expect_refused FILE: exit 3, "cannot write DIR/FILE: File too large; nothing was written",
# and every file byte-for-byte as before.
expect_refused() {
    expect_rc 3
    expect_err "revisit: error: cannot write $D/$1: File too large; nothing was written"
    expect_eq "$BEFORE" "$(files)" "files after a failed write to $1"
}

BEFORE=$(files)
limited "$D/contacts.csv" --data "$D" log-call C000002 --channel phone --outcome reached --staff 张三 \
    --note "$LONG" --at "2026-11-02 10:00" --now "2026-11-02 10:00"
expect_refused contacts.csv

limited "$D/customers.csv" --data "$D" add-customer --name 新客户 --phone 13800000009 "${OWNERS[@]}" \
    --set grade=B --at "2026-11-02 10:00"
expect_refused customers.csv

limited "$D/customers.csv" --data "$D" update-customer C000002 "${OWNERS[@]}" --at "2026-11-02 10:00"
expect_refused customers.csv

python3 -c '
print("name,phone,owners,grade")
for i in range(500):
    print(f"导入{i},137{i:08d},张三;李四,B")' > "$WORK/import.csv"
limited "$D/customers.csv" --data "$D" import customers "$WORK/import.csv" --at "2026-11-02 10:00"
expect_refused customers.csv

"$REVISIT" --data "$D" complaint open C000003 --category quality --summary 第一次 --staff 张三 \
    --at "2026-11-02 10:00" --now "2026-11-02 10:00" >/dev/null 2>&1 || fail "complaint open"
BEFORE=$(files)
limited "$D/complaints.csv" --data "$D" complaint open C000002 --category quality --summary "$LONG" \
    --staff 张三 --at "2026-11-02 11:00" --now "2026-11-02 11:00"
expect_refused complaints.csv

# No room at all: not even the marker of the append can be written; nothing changes.
limited - --data "$D" log-call C000002 --channel phone --outcome reached --staff 张三 \
    --at "2026-11-02 10:00" --now "2026-11-02 10:00"
expect_refused contacts.csv

# Without the shell ignoring SIGXFSZ: revisit ignores it itself, so the error is the same
# clear one, not a process killed by the signal (exit 153).
ERR=$( (ulimit -f 0; exec "$REVISIT" --data "$D" complaint open C000001 --category quality \
    --summary 无空间 --staff 张三 --at "2026-11-02 10:00" --now "2026-11-02 10:00" 2>&1) )
RC=$?
expect_refused complaints.csv

# A log-call refused because the journal's last line is torn changes no file either.
TORN=$(files)
printf 'K000999,2026-11-02 10:00,C000001' >> "$D/contacts.csv"
BEFORE=$(files)
run --data "$D" log-call C000002 --channel phone --outcome reached --staff 张三 \
    --at "2026-11-02 10:00" --now "2026-11-02 10:00"
expect_rc 1
expect_err "revisit: error: $D/contacts.csv:42: the last record has no line end: it was cut off (by a crash or another program); complete or remove it, then run again; nothing was written"
expect_eq "$BEFORE" "$(files)" "files after a log-call refused for a torn last line"
truncate -s -"$(printf 'K000999,2026-11-02 10:00,C000001' | wc -c)" "$D/contacts.csv"
expect_eq "$TORN" "$(files)" "files after removing the torn line"

# The journals still load, and a write without the limit works, with the next id: no failed
# or refused write above burned one.
run --data "$D" due --today 2026-11-23 --format csv
expect_rc 0
run --data "$D" log-call C000002 --channel phone --outcome reached --staff 张三 --note "$LONG" \
    --at "2026-11-02 10:00" --now "2026-11-02 10:00"
expect_rc 0
expect_out K000041
run --data "$D" complaint open C000002 --category quality --summary 第二次 --staff 张三 \
    --at "2026-11-02 12:00" --now "2026-11-02 12:00"
expect_rc 0
expect_out P000002

# export --output and init write whole files or nothing.
limited - --data "$D" export customers --output "$WORK/export.csv"
CHECKS=$((CHECKS + 1))
[ "$RC" -eq 3 ] || fail "export with no room: expected exit 3, got $RC: $ERR"
expect_err_has "revisit: error: cannot write $WORK/export.csv"
expect_eq "" "$(find "$WORK" -maxdepth 1 -name 'export*')" "files left by a failed export"
limited - init "$WORK/new" --rules "$SRC/rules/sales-center.yaml"
CHECKS=$((CHECKS + 1))
[ "$RC" -eq 3 ] || fail "init with no room: expected exit 3, got $RC: $ERR"
expect_err_has "revisit: error: cannot write"
expect_eq "" "$(find "$WORK" -maxdepth 1 -name '*new*')" "files left by a failed init"

# A full disk: a 256 KB tmpfs in a user and mount namespace, when this machine allows one.
if unshare -rm true 2>/dev/null && unshare -rm sh -c "mount -t tmpfs -o size=256k none '$WORK'" 2>/dev/null; then
    OUT=$(unshare -rm bash -s "$REVISIT" "$SRC" "$WORK" "$LONG$LONG$LONG$LONG" <<'EOF' 2>&1
REVISIT=$1 SRC=$2 WORK=$3 LONG=$4
mount -t tmpfs -o size=256k none "$WORK" || exit 99
D=$WORK/full
"$REVISIT" init "$D" --rules "$SRC/rules/sales-center.yaml" >/dev/null || exit 98
"$REVISIT" --data "$D" add-customer --name 甲 --phone 13800000001 --owner 张三 --set stage=call-in \
    --at "2026-01-01 10:00" >/dev/null || exit 97
"$REVISIT" --data "$D" log-call C000001 --channel phone --outcome reached --staff 张三 \
    --at "2026-11-01 10:00" --now "2026-11-01 10:00" >/dev/null || exit 96
files() { (cd "$D" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
before=$(files)
# Fill the disk, then free two pages: room for the id file, not for a 24 KB record.
dd if=/dev/zero of="$WORK/filler" bs=4k 2>/dev/null
truncate -s -8192 "$WORK/filler"
"$REVISIT" --data "$D" log-call C000001 --channel phone --outcome reached --staff 张三 --note "$LONG" \
    --at "2026-11-02 10:00" --now "2026-11-02 10:00"
echo "rc=$?"
[ "$before" == "$(files)" ] && echo "files intact"
rm "$WORK/filler"
"$REVISIT" --data "$D" due --today 2026-11-23 --format csv >/dev/null 2>&1 && echo "due ok"
EOF
)
    expect_eq "revisit: error: cannot write $WORK/full/contacts.csv: No space left on device; nothing was written
rc=3
files intact
due ok" "$OUT" "log-call on a full disk"
else
    echo "skipped the full-disk case: cannot mount a tmpfs in a user namespace here" >&2
fi
