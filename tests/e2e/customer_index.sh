# Journal indexes (issue 7): writers look customers up in .cache/customers.idx and
# .cache/contacts.idx instead of reading every journal. Whatever happens to .cache/ (deleted,
# damaged, not writable, a journal edited by hand), answers stay those of the journals and
# duplicates are still refused.
source "$(dirname "$0")/lib.sh"

D=$(new_data idx cement)
AT="2026-11-20 10:00"

# --- journals larger than the 1 MiB a command scans without an index
python3 - "$WORK/big.csv" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("name,phone,owners,grade,region\n")
    for n in range(1, 14001):
        f.write(f"客户{n},{13000000000 + n},张三;李四,A,吉林省通化市\n")
PY
run --data "$D" import customers "$WORK/big.csv" --at "2026-01-05 09:00"
expect_rc 0
[ "$(stat -c %s "$D/customers.csv")" -gt 1100000 ] || fail "customers.csv is smaller than intended"
[ -e "$D/.cache" ] && fail "import made an index of a journal that was small when it began"

# contacts.csv as log-call writes it, written here at once: a few set attributes, one of them
# amended; ids K000001... in order.
python3 - "$D/contacts.csv" "$D/.seq-contacts.csv" <<'PY'
import sys
rows = []
for n in range(1, 9001):
    customer, note, set_, amends = f"C{(n * 7) % 14000 + 1:06}", f"第{n}次回访，客户说：\"用货正常\"", "", ""
    if n == 4000: customer, set_ = "C000500", "focus=yes"
    if n == 5000: customer, set_ = "C000600", "focus=yes"
    if n == 5001: customer, set_, amends = "C000600", "focus=", "K005000"
    rows.append(f'K{n:06},2026-03-01 10:00,{customer},phone,reached,张三,"{note.replace(chr(34), chr(34) * 2)}",,,,,,{set_},{amends},2026-03-01 10:05\n')
with open(sys.argv[1], "a", encoding="utf-8") as f:
    f.writelines(rows)
open(sys.argv[2], "w").write("9000\n")
PY
[ "$(stat -c %s "$D/contacts.csv")" -gt 1100000 ] || fail "contacts.csv is smaller than intended"

# --- the first write builds customers.idx; duplicates are refused through it
run --data "$D" add-customer --name 新客户 --phone 13900000001 --owner 张三 --owner 李四 --at "$AT"
expect_rc 0
expect_out "C014001"
expect_eq "700 600" "$(stat -c %a "$D/.cache") $(stat -c %a "$D/.cache/customers.idx")" ".cache modes"

# refuse_duplicates: an existing phone and an existing id, from the start, middle and end.
refuse_duplicates() {
    run --data "$D" add-customer --name 重复 --phone 13000008000 --owner 张三 --owner 李四 --at "$AT"
    expect_rc 1
    expect_err "revisit: error: phone 13000008000 already belongs to customer C008000 (客户8000); use --allow-duplicate if this is really another customer"
    run --data "$D" add-customer --name 重复 --phone 13900000001 --owner 张三 --owner 李四 --at "$AT"
    expect_rc 1
    expect_err_has "already belongs to customer C014001 (新客户)"
    run --data "$D" add-customer --id C000001 --name 重复 --phone 13911111111 --owner 张三 --owner 李四 --at "$AT"
    expect_rc 1
    expect_err "revisit: error: customer C000001 already exists (客户1)"
    run --data "$D" update-customer C000002 --phone 13000013999 --at "$AT"
    expect_rc 1
    expect_err_has "phone 13000013999 already belongs to customer C013999 (客户13999)"
}
refuse_duplicates

run --data "$D" update-customer C007000 --name 改名七千 --phone 13812345678 --at "$AT"
expect_rc 0
# the old phone is free now, the new one taken
run --data "$D" add-customer --name 新号 --phone 13000007000 --owner 张三 --owner 李四 --at "$AT"
expect_rc 0
expect_out "C014002"
run --data "$D" add-customer --name 重复 --phone 13812345678 --owner 张三 --owner 李四 --at "$AT"
expect_rc 1
expect_err_has "already belongs to customer C007000 (改名七千)"

# unknown customers still get their did-you-mean hints (a scan, on the error path only)
run --data "$D" log-call 客户7 --channel phone --outcome reached --staff 张三 --at "$AT" --now "$AT"
expect_rc 1
expect_err "revisit: error: unknown customer \"客户7\"; did you mean: C000007 客户7 13000000007"

# --- the index damaged, cut short, deleted, or replaced by a file: same answers
for damage in garbage truncate delete; do
    case $damage in
        garbage) printf 'not an index' > "$D/.cache/customers.idx" ;;
        truncate) truncate -s 1000 "$D/.cache/customers.idx" ;;
        delete) rm -rf "$D/.cache" ;;
    esac
    refuse_duplicates
    expect_eq "RVIDX" "$(head -c 5 "$D/.cache/customers.idx")" "customers.idx rebuilt after $damage"
done
rm -rf "$D/.cache"
printf 'not a directory' > "$D/.cache"
refuse_duplicates
run --data "$D" add-customer --name 无缓存 --phone 13900000003 --owner 张三 --owner 李四 --at "$AT"
expect_rc 0
expect_out "C014003"
expect_eq "not a directory" "$(cat "$D/.cache")" ".cache left alone"
rm -f "$D/.cache"
run --data "$D" add-customer --name 重建 --phone 13900000004 --owner 张三 --owner 李四 --at "$AT"
expect_rc 0
expect_out "C014004"

# --- customers.csv edited by hand behind the index's back (the fingerprint notices)
python3 - "$D/customers.csv" <<'PY'
import sys
p = sys.argv[1]
text = open(p, encoding="utf-8").read()
text = text.replace(",C000003,客户3,13000000003,", ",C000003,客户3,13099999993,", 1)
open(p, "w", encoding="utf-8").write(text)
PY
run --data "$D" add-customer --name 重复 --phone 13099999993 --owner 张三 --owner 李四 --at "$AT"
expect_rc 1
expect_err_has "already belongs to customer C000003 (客户3)"
run --data "$D" add-customer --name 旧号 --phone 13000000003 --owner 张三 --owner 李四 --at "$AT"
expect_rc 0
expect_out "C014005"

# --- log-call and its amendments through contacts.idx
run --data "$D" log-call C000500 --channel phone --outcome reached --staff 张三 --at "$AT" --now "$AT"
expect_rc 0
expect_out "K009001"
run --data "$D" log-call --amend K004500 --note 更正 --now "$AT"
expect_rc 0
expect_out "K009002"
[ -f "$D/.cache/contacts.idx" ] || fail "contacts.idx not built"
run --data "$D" log-call --amend K004500 --note 再更正 --now "$AT"
expect_rc 1
expect_err "revisit: error: --amend K004500: record K004500 was already amended by K009002; amend K009002 instead"
run --data "$D" log-call --amend K005000 --note 更正 --now "$AT"
expect_rc 1
expect_err "revisit: error: --amend K005000: record K005000 was already amended by K005001; amend K005001 instead"
run --data "$D" log-call --amend K009999 --note 更正 --now "$AT"
expect_rc 1
expect_err "revisit: error: --amend K009999: the journal has no contact record \"K009999\""
printf 'damaged' > "$D/.cache/contacts.idx"
run --data "$D" log-call --amend K009002 --note 三更正 --now "$AT"
expect_rc 0
expect_out "K009003"

# --- complaint open folds the one customer's state: contacts' set, amendments, complaints
# on_open_set focus=yes: C000500 is focus already (K004000); C000600's was amended away.
run --data "$D" complaint open C000500 --category quality --summary 强度不够 --staff 张三 --at "$AT" --now "$AT"
expect_rc 0
expect_out "P000001"
run --data "$D" complaint open C000600 --category quality --summary 强度不够 --staff 张三 --at "$AT" --now "$AT"
expect_rc 0
run --data "$D" complaint open C000600 --category service --summary 服务差 --staff 张三 --at "$AT" --now "$AT"
expect_rc 0
expect_eq ",focus=yes," "$(python3 -c '
import csv, sys
print(",".join(r["set"] for r in list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))[-3:]))' "$D/complaints.csv")" \
    "focus set by each complaint open"
run --data "$D" complaint open 客户60 --category quality --summary x --staff 张三 --at "$AT" --now "$AT"
expect_rc 1
expect_err "revisit: error: unknown customer \"客户60\"; did you mean: C000060 客户60 13000000060"

# --- and every customer as a whole read (no index) sees it
run --data "$D" show C007000
expect_rc 0
expect_out_has "改名七千"
expect_eq "14005" "$("$REVISIT" --data "$D" export customers | python3 -c 'import csv,sys; print(len(list(csv.DictReader(sys.stdin))))')" "customers exported"

# --- show and history read one customer through the indexes (issue 13): the first read
# writes contacts.idx, the next answers from it, the same; a correction is still marked.
rm -rf "$D/.cache"
run --data "$D" history C000600
expect_rc 0
expect_out_has "[superseded by K005001]"
expect_out_has "[amends K005000]"
FIRST=$OUT
[ -e "$D/.cache/contacts.idx" ] || fail "history did not index contacts.csv"
run --data "$D" history C000600
expect_eq "$FIRST" "$OUT" "history through contacts.idx"
run --data "$D" show C000500
expect_rc 0
expect_out_has "focus     yes"
# No .cache/ can be made (a file is in the way): the same answers, read the slow way.
rm -rf "$D/.cache" && touch "$D/.cache"
run --data "$D" history C000600
expect_rc 0
expect_eq "$FIRST" "$OUT" "history when no index can be written"
rm -f "$D/.cache"
