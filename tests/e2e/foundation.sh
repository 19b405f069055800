# Foundation (issue 2): init, add-customer, update-customer, show, import, export, errors.
source "$(dirname "$0")/lib.sh"

# --- version and help
run --version
expect_rc 0
expect_out_has "revisit 0."
run add-customer --help
expect_rc 0
expect_out_has "--allow-duplicate"

# --- init makes an owner-only directory with the policy, calendar and journals
D=$(new_data d sales-center)
expect_eq "700" "$(stat -c %a "$D")" "data dir mode"
expect_eq "600" "$(stat -c %a "$D/customers.csv")" "customers.csv mode"
expect_eq "at,op,id,name,phone,owners,attributes,by,source" "$(cat "$D/customers.csv")" "customers.csv header"
[ -f "$D/calendars/cn.yaml" ] || fail "calendar not copied"
run init "$D" --rules "$SRC/rules/sales-center.yaml"
expect_rc 3
expect_err "revisit: error: $D already exists and is not empty; init will not overwrite it"

# --- a broken rules file: nothing is created
printf 'company: x\nrules:\n  - id: a\n    clause: c\n    within: 3dd\n    channel: phone\n' > "$WORK/bad.yaml"
run init "$WORK/never" --rules "$WORK/bad.yaml"
expect_rc 1
expect_err "revisit: error: $WORK/bad.yaml:5:13: expected a span such as 0d, 3d, 2w, 1m, 24h, 5wd, weekly, half-monthly or monthly, got \"3dd\"
  within: 3dd
          ^
revisit: error: $WORK/bad.yaml:6:14: unknown channel \"phone\": the rules file declares no channels (add a \"channels:\" list)
  channel: phone
           ^"
[ -e "$WORK/never" ] && fail "init created a directory from a bad rules file"

# --- add-customer: generated id, normalised phone, Chinese round-trip
run --data "$D" add-customer --name "王小明" --phone "+86 138-0013-8000" --owner 张三 \
    --set stage=visitor --set grade=A --at "2026-11-20 10:00"
expect_rc 0
expect_out "C000001"
run --data "$D" add-customer --name '李 "四", 先生' --phone "(010) 6552 9988" --owner 李雷 --owner 韩梅梅 \
    --set stage=call-in --id VIP-7 --at "2026-11-20 11:00"
expect_rc 0
expect_out "VIP-7"

# --- refusals leave every file as it was
snapshot "$D"
run --data "$D" add-customer --name 重复 --phone 13800138000 --owner 张三 --set stage=visitor
expect_rc 1
expect_err "revisit: error: phone 13800138000 already belongs to customer C000001 (王小明); use --allow-duplicate if this is really another customer"
run --data "$D" add-customer --name 错 --phone 12345 --owner 张三 --set stage=vistor --set grad=A
expect_rc 1
expect_err "revisit: error: \"12345\" is not a phone number: expected a mobile (11 digits, 1[3-9]...) or a landline with area code (010-12345678)
revisit: error: \"vistor\" is not an allowed value of \"stage\"; allowed: call-in, visitor, closed
revisit: error: unknown attribute \"grad\" (did you mean \"grade\"?); the rules file declares: stage, grade, quality, key, objection, referral, dislikes-calls, salutation, source, project"
run --data "$D" add-customer --name 无阶段 --phone 13900000000 --owner 张三
expect_rc 1
expect_err "revisit: error: attribute \"stage\" is required (--set stage=...)"
run --data "$D" add-customer --name x --phone 13900000000 --owner 张三 --set stage=visitor --id ../x
expect_rc 1
expect_err_has "bad id \"../x\""
run --data "$D" add-customer --name x --phone 13900000000 --owner 张三 --set stage=visitor --at "2026-13-01 10:00"
expect_rc 2
expect_err "revisit: error: --at \"2026-13-01 10:00\" is not a time; expected \"YYYY-MM-DD HH:MM\" or YYYY-MM-DD"
run --data "$D" add-customer --name x --phone 13900000000 --bogus
expect_rc 2
run --data "$WORK/nope" add-customer --name x --phone 13900000000 --owner a --set stage=visitor
expect_rc 3
expect_err "revisit: error: data directory $WORK/nope does not exist; create it with: revisit init $WORK/nope --rules rules/<company>.yaml"
run add-customer --name x --phone 13900000000 --owner a --set stage=visitor
expect_rc 2
expect_err "revisit: error: no data directory: pass --data DIR or set REVISIT_DATA"
expect_unchanged "$D"

# --- duplicates allowed on request
run --data "$D" add-customer --name 王小明家属 --phone 13800138000 --owner 张三 --set stage=visitor \
    --allow-duplicate --at "2026-11-20 12:00"
expect_rc 0
expect_out "C000002"

# --- update-customer keeps history; show prints both
run --data "$D" update-customer C000001 --set grade=B --set key=yes --at "2026-11-21 09:00"
expect_rc 0
expect_out ""
run --data "$D" update-customer C000001 --set grade=B --at "2026-11-21 09:30"
expect_rc 1
expect_err "revisit: error: nothing to change: every given value is already current"
run --data "$D" update-customer C00001 --set grade=B
expect_rc 1
expect_err "revisit: error: unknown customer \"C00001\"; did you mean: C000001 王小明 13800138000; C000002 王小明家属 13800138000"
run --data "$D" show C000001
expect_rc 0
expect_out_has "grade           B"
expect_out_has "2026-11-20 10:00  add     name=王小明 phone=13800138000 owners=张三 stage=visitor grade=A"
expect_out_has "2026-11-21 09:00  update  grade=B key=yes"
expect_eq "4" "$(grep -c '^2026' "$D/customers.csv")" "journal rows (3 adds + 1 update)"

# --- REVISIT_DATA works like --data
OUT=$(REVISIT_DATA="$D" "$REVISIT" export customers --format json)
CHECKS=$((CHECKS + 1))
case "$OUT" in *'"name": "李 \"四\", 先生"'*) ;; *) fail "json export lacks the quoted name: $OUT" ;; esac

# --- export: a standard CSV reader sees exactly what was entered
run --data "$D" export customers
expect_rc 0
printf '%s\n' "$OUT" > "$WORK/export.csv"
CHECKS=$((CHECKS + 1))
python3 - "$WORK/export.csv" <<'PY' || fail "python csv read-back"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
assert [r["id"] for r in rows] == ["C000001", "VIP-7", "C000002"], rows
assert rows[1]["name"] == '李 "四", 先生', rows[1]
assert rows[1]["owners"] == "李雷;韩梅梅" and rows[1]["phone"] == "010-65529988", rows[1]
assert rows[0]["grade"] == "B" and rows[0]["key"] == "yes", rows[0]
PY

# --- import: all rows or none, every bad row reported
printf '\xEF\xBB\xBF姓名,手机,owners,stage,grade\r\n赵一,13700000001,甲;乙,visitor,A\r\n钱二,1370000,甲,visitor,B\r\n孙三,13700000001,甲,visitor,Z\r\n"=HYPERLINK(""x"")",13700000004,甲,call-in,\r\n' > "$WORK/in.csv"
snapshot "$D"
run --data "$D" import customers "$WORK/in.csv" --map 姓名=name --map 手机=phone --at "2026-11-22 09:00"
expect_rc 1
expect_err "revisit: error: $WORK/in.csv:3: \"1370000\" is not a phone number: expected a mobile (11 digits, 1[3-9]...) or a landline with area code (010-12345678)
  钱二,1370000,甲,visitor,B
revisit: error: $WORK/in.csv:4: phone 13700000001 already belongs to customer C000003 (赵一); use --allow-duplicate if this is really another customer
  孙三,13700000001,甲,visitor,Z
revisit: error: $WORK/in.csv:4: \"Z\" is not an allowed value of \"grade\"; allowed: A, B, C, D
  孙三,13700000001,甲,visitor,Z
revisit: error: $WORK/in.csv: 3 problem(s); nothing was imported"
expect_unchanged "$D"
run --data "$D" import customers "$WORK/in.csv" --map 姓名=name --map 电话=phone
expect_rc 1
expect_err_has "--map names column \"电话\", which the file does not have"
printf '\xEF\xBB\xBF姓名,手机,owners,stage,grade\r\n赵一,13700000001,甲;乙,visitor,A\r\n"=HYPERLINK(""x"")",13700000004,甲,call-in,\r\n' > "$WORK/in.csv"
run --data "$D" import customers "$WORK/in.csv" --map 姓名=name --map 手机=phone --at "2026-11-22 09:00"
expect_rc 0
expect_err ""
run --data "$D" export customers --excel
CHECKS=$((CHECKS + 1))
printf '%s' "$OUT" | head -c 3 | od -An -tx1 | grep -q "ef bb bf" || fail "excel export lacks a BOM"
expect_out_has "'=HYPERLINK(\"\"x\"\")"
expect_out_has $'\r\n'

# --- a damaged journal is reported with its file and line, and nothing is written
printf '2026-11-25 10:00,update,C000001,,,,"grade=A,x,y\n' >> "$D/customers.csv"
snapshot "$D"
run --data "$D" export customers
expect_rc 1
expect_err "revisit: error: $D/customers.csv:11:36: unterminated quoted field (a \" opened here is never closed)
  2026-11-25 10:00,update,C000001,,,,\"grade=A,x,y
                                     ^"
run --data "$D" add-customer --name 新 --phone 13900000077 --owner 张三 --set stage=visitor
expect_rc 1
expect_unchanged "$D"
