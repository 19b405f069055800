# Customer input as a new user gives it (issue 14 items 3, 5, 9, 10, 11): colliding import
# columns, creation times in the future, phones typed full-width, GB18030 spreadsheets and
# files with many bad rows. Every refusal names what is wrong and changes no file.
source "$(dirname "$0")/lib.sh"

D=$(new_data d cement)
I=$WORK/in.csv
NOW=(--now "2026-11-20 10:00")

# --- 9: phones typed with a Chinese input method are the half-width numbers
run --data "$D" add-customer --name 张三 --phone "１３９１１１１３３３３" --owner 甲 --owner 乙 --at "2026-11-01 09:00" "${NOW[@]}"
expect_rc 0
expect_out "C000001"
run --data "$D" add-customer --name 李四 --phone "＋８６　１３９－２２２２－３３３３" --owner 甲 --owner 乙 --at "2026-11-01 09:00" "${NOW[@]}"
expect_rc 0
run --data "$D" update-customer C000002 --phone "（０１０）６５５２　９９８８" --at "2026-11-02 09:00" "${NOW[@]}"
expect_rc 0
snapshot "$D"
# The same numbers, whichever width: the duplicate is found.
run --data "$D" add-customer --name 王五 --phone 139-1111-3333 --owner 甲 --owner 乙 --at "2026-11-03 09:00" "${NOW[@]}"
expect_rc 1
expect_err "revisit: error: phone 13911113333 already belongs to customer C000001 (张三); use --allow-duplicate if this is really another customer"
run --data "$D" add-customer --name 王五 --phone "０１０－６５５２９９８８" --owner 甲 --owner 乙 --at "2026-11-03 09:00" "${NOW[@]}"
expect_rc 1
expect_err "revisit: error: phone 010-65529988 already belongs to customer C000002 (李四); use --allow-duplicate if this is really another customer"
expect_unchanged "$D"
printf 'name,phone,owners\n王五,１３７\xe3\x80\x80００１３\xe3\x80\x80７０００,甲;乙\n赵六,"１３９１１１１３３３３",甲;乙\n' > "$I"
run --data "$D" import customers "$I" --at "2026-11-03 09:00" "${NOW[@]}"
expect_rc 1
expect_err "revisit: error: $I:3: phone 13911113333 already belongs to customer C000001 (张三); use --allow-duplicate if this is really another customer
  赵六,\"１３９１１１１３３３３\",甲;乙
revisit: error: $I: 1 problem(s); nothing was imported"
expect_unchanged "$D"
printf 'name,phone,owners\n王五,１３７\xe3\x80\x80００１３\xe3\x80\x80７０００,甲;乙\n' > "$I"
run --data "$D" import customers "$I" --at "2026-11-03 09:00" "${NOW[@]}"
expect_rc 0
run --data "$D" export customers
expect_rc 0
OUT=$(printf '%s\n' "$OUT" | cut -d, -f1-5)  # the attributes are the rules file's
expect_out "id,name,phone,owners,created
C000001,张三,13911113333,甲;乙,2026-11-01 09:00
C000002,李四,010-65529988,甲;乙,2026-11-01 09:00
C000003,王五,13700137000,甲;乙,2026-11-03 09:00"

# --- 5: a customer created in the future: refused as log-call refuses --at
snapshot "$D"
run --data "$D" add-customer --name 未来 --phone 13600000001 --owner 甲 --owner 乙 --at "2099-01-01 10:00" "${NOW[@]}"
expect_rc 1
expect_err "revisit: error: --at 2099-01-01 10:00 is in the future (now 2026-11-20 10:00)"
run --data "$D" add-customer --name 未来 --phone 13600000001 --owner 甲 --owner 乙 --at "2026-11-20 10:11" "${NOW[@]}"
expect_rc 1
expect_err "revisit: error: --at 2026-11-20 10:11 is in the future (now 2026-11-20 10:00)"
run --data "$D" log-call C000001 --channel phone --outcome reached --staff 甲 --at "2026-11-20 10:11" "${NOW[@]}"
expect_err "revisit: error: --at 2026-11-20 10:11 is in the future (now 2026-11-20 10:00)"
# Against the clock when there is no --now (this test runs before 2099).
run --data "$D" add-customer --name 未来 --phone 13600000001 --owner 甲 --owner 乙 --at "2099-01-01 10:00"
expect_rc 1
expect_err_has "revisit: error: --at 2099-01-01 10:00 is in the future (now 20"
run --data "$D" update-customer C000001 --set grade=A --at "2099-01-01 10:00" "${NOW[@]}"
expect_rc 1
expect_err "revisit: error: --at 2099-01-01 10:00 is in the future (now 2026-11-20 10:00)"
printf 'name,phone,owners,created\n甲一,13600000001,甲;乙,2026-11-20 10:10\n乙二,13600000002,甲;乙,2099-01-01 10:00\n' > "$I"
run --data "$D" import customers "$I" "${NOW[@]}"
expect_rc 1
expect_err "revisit: error: $I:3:20: created 2099-01-01 10:00 is in the future (now 2026-11-20 10:00)
  乙二,13600000002,甲;乙,2099-01-01 10:00
                         ^
revisit: error: $I: 1 problem(s); nothing was imported"
printf 'name,phone,owners\n甲一,13600000001,甲;乙\n' > "$I"
run --data "$D" import customers "$I" --at "2099-01-01 10:00" "${NOW[@]}"
expect_rc 1
expect_err "revisit: error: --at 2099-01-01 10:00 is in the future (now 2026-11-20 10:00)
revisit: error: $I: 1 problem(s); nothing was imported"
expect_unchanged "$D"

# --- 3: two columns that give one field
printf 'name,phone,owners,name\n甲一,13600000001,甲;乙,乙二\n' > "$I"
run --data "$D" import customers "$I" --at "2026-11-04 09:00" "${NOW[@]}"
expect_rc 1
expect_err "revisit: error: $I:1:19: columns 1 \"name\" and 4 \"name\" both give \"name\"; keep one of them
  name,phone,owners,name
                    ^
revisit: error: $I: 1 problem(s); nothing was imported"
printf '姓名,name,phone,owners\n甲一,乙二,13600000001,甲;乙\n' > "$I"
run --data "$D" import customers "$I" --map 姓名=name --at "2026-11-04 09:00" "${NOW[@]}"
expect_rc 1
expect_err "revisit: error: $I:1:4: columns 1 \"姓名\" (--map 姓名=name) and 2 \"name\" both give \"name\"; keep one of them
  姓名,name,phone,owners
       ^
revisit: error: $I: 1 problem(s); nothing was imported"
expect_unchanged "$D"

# --- 11: every structurally bad row, with a cap; nothing imported
printf 'name,phone,owners\n甲一,13600000001,甲;乙\n乙二,13600000002\n坏\xff,13600000003,甲;乙\n丙三,123,甲;乙\n丁四,13600000004,甲;乙,多\n' > "$I"
run --data "$D" import customers "$I" --at "2026-11-04 09:00" "${NOW[@]}"
expect_rc 1
expect_err "revisit: error: $I:3:15: expected 3 fields as in the header, found 2
  乙二,13600000002
                  ^
revisit: error: $I:4:1: invalid UTF-8 in field
  坏?,13600000003,甲;乙
  ^
revisit: error: $I:5: \"123\" is not a phone number: expected a mobile (11 digits, 1[3-9]...) or a landline with area code (010-12345678)
  丙三,123,甲;乙
revisit: error: $I:6:20: expected 3 fields as in the header, found 4
  丁四,13600000004,甲;乙,多
                         ^
revisit: error: $I: the file is not UTF-8; a CSV saved by Chinese Excel or WPS is GB18030 (GBK): import it with --encoding gb18030
revisit: error: $I: 4 problem(s); nothing was imported"
expect_unchanged "$D"
python3 -c '
print("name,phone,owners")
for i in range(25): print("客户%d,1360000%04d" % (i, i))' > "$I"
run --data "$D" import customers "$I" --at "2026-11-04 09:00" "${NOW[@]}"
expect_rc 1
expect_eq 62 "$(printf '%s\n' "$ERR" | wc -l)" "lines for 25 bad rows: 20 shown, each with its line and caret"
expect_err_has "revisit: error: $I:21:17: expected 3 fields as in the header, found 2
  客户19,13600000019
                    ^
revisit: error: $I: ... and 5 more
revisit: error: $I: 25 problem(s); nothing was imported"
expect_unchanged "$D"

# --- 10: GB18030 (GBK), as Chinese Excel saves CSV
python3 -c '
import sys
sys.stdout.buffer.write("姓名,手机,负责人,grade\r\n钱七,13600000007,甲、乙,A\r\n孙八,１３６００００００08,甲、乙,B\r\n".encode("gb18030"))' > "$I"
run --data "$D" import customers "$I" --map 姓名=name --map 手机=phone --map 负责人=owners --at "2026-11-05 09:00" "${NOW[@]}"
expect_rc 1
expect_eq "revisit: error: $I:1:1: invalid UTF-8 in field" "$(printf '%s\n' "$ERR" | head -1)" "GB18030 read as UTF-8"
expect_err_has "
revisit: error: $I: the file is not UTF-8; a CSV saved by Chinese Excel or WPS is GB18030 (GBK): import it with --encoding gb18030
revisit: error: $I: 1 problem(s); nothing was imported"
expect_eq 5 "$(printf '%s\n' "$ERR" | wc -l)" "lines: the header's problem only, the hint, the count"
expect_unchanged "$D"
run --data "$D" import customers "$I" --encoding latin1
expect_rc 2
expect_err "revisit: error: --encoding \"latin1\" is not supported; use utf-8, gb18030 or gbk"
printf 'name,phone,owners\n甲一,13600000001,甲;乙\n' > "$WORK/utf8.csv"
run --data "$D" import customers "$WORK/utf8.csv" --encoding gb18030 --at "2026-11-05 09:00" "${NOW[@]}"
expect_rc 1
expect_err "revisit: error: $WORK/utf8.csv: is UTF-8 already, not GB18030 (read as GB18030 its Chinese text would be garbled); leave out --encoding"
printf 'name,phone,owners\n\xc7\xae\xc6\xdf,13600000007,\xbc\xd7;\xff\n' > "$WORK/bad.csv"
run --data "$D" import customers "$WORK/bad.csv" --encoding gbk --at "2026-11-05 09:00" "${NOW[@]}"
expect_rc 1
expect_err "revisit: error: $WORK/bad.csv:2:18: not valid GB18030 (or GBK) text
  钱七,13600000007,甲;?
                      ^"
expect_unchanged "$D"
run --data "$D" import customers "$I" --encoding GB18030 --map 姓名=name --map 手机=phone --map 负责人=owners --at "2026-11-05 09:00" "${NOW[@]}"
expect_rc 0
run --data "$D" import customers "$I" --encoding gbk --map 姓名=name --map 手机=phone --map 负责人=owners --at "2026-11-05 09:00" "${NOW[@]}"
expect_rc 1
expect_err_has "revisit: error: $I:2: phone 13600000007 already belongs to customer C000004 (钱七)"
run --data "$D" export customers
OUT=$(printf '%s\n' "$OUT" | cut -d, -f1-6 | tail -2)
expect_out "C000004,钱七,13600000007,甲;乙,2026-11-05 09:00,A
C000005,孙八,13600000008,甲;乙,2026-11-05 09:00,B"

# --- progress: one line rewritten in place on a terminal, nothing when stderr is not one
P=$(new_data progress cement)
python3 - "$WORK/many.csv" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("name,phone,owners,grade\n")
    for n in range(1, 40001):
        f.write(f"客户{n},{13000000000 + n},张三;李四,A\n")
PY
run --data "$P" import customers "$WORK/many.csv" --at "2026-11-05 09:00" "${NOW[@]}"
expect_rc 0
expect_err ""
if command -v script >/dev/null; then
    P2=$(new_data progress2 cement)
    TTY=$(script -qec "'$REVISIT' --data '$P2' import customers '$WORK/many.csv' --at '2026-11-05 09:00' --now '2026-11-20 10:00'" /dev/null | tr '\r' '\n')
    expect_eq "checking rows: 100% (40,000 of 40,000)" "$(printf '%s\n' "$TTY" | grep -o 'checking rows: 100% ([0-9,]* of [0-9,]*)' | tail -1)" "the last progress line on a terminal"
    expect_eq "imported 40000 customers" "$(printf '%s\n' "$TTY" | grep -o 'imported [0-9]* customers')" "what stays on the terminal"
fi
