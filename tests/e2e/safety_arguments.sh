# Customer data need not be on the command line (issue 14 item 17): note-like options take
# @FILE (the file's text) and - (standard input), so notes appear neither in `ps` nor in the
# shell's history; @@ is a literal leading @. A bad @FILE or a second - changes no file.
source "$(dirname "$0")/lib.sh"
D=$(new_data d cement)
"$REVISIT" --data "$D" add-customer --name 甲 --phone 13800000001 --owner 张三 --owner 李四 \
    --set grade=A --at "2026-01-01 10:00" >/dev/null || fail "add-customer"
files() { (cd "$D" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
# field JOURNAL COLUMN: that column of the journal's last record.
field() {
    python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
sys.stdout.write(rows[-1][sys.argv[2]])' "$D/$1" "$2"
}
call() {  # call ARGS...: a log-call of C000001 with ARGS; stdin passes through
    run --data "$D" log-call C000001 --channel phone --outcome reached --staff 张三 \
        --at "2026-05-01 10:00" --now "2026-05-01 10:00" "$@"
}
N=$WORK/note.txt
printf '客户说：墙面有裂缝, "很担心"\n第二行\n' > "$N"  # the final line end is not part of the note
NOTE=$'客户说：墙面有裂缝, "很担心"\n第二行'

call --note "@$N"
expect_rc 0
expect_out K000001
expect_eq "$NOTE" "$(field contacts.csv note)" "--note @FILE"

call --note - --promise +3d --promise-note "@$N" < <(printf '电话里说的\r\n')
expect_rc 0
expect_eq "电话里说的" "$(field contacts.csv note)" "--note - (a CRLF line end dropped)"
expect_eq "$NOTE" "$(field contacts.csv promise_note)" "--promise-note @FILE"

printf '\xef\xbb\xbf记事本存的\n' > "$WORK/bom.txt"  # Windows Notepad starts with a BOM
call --note @@张三说的 --finding quality --finding-note "@$WORK/bom.txt"
expect_rc 0
expect_eq "@张三说的" "$(field contacts.csv note)" "--note @@TEXT: a literal @"
expect_eq "记事本存的" "$(field contacts.csv finding_note)" "--finding-note @FILE without its BOM"

run --data "$D" log-call --amend K000003 --note - --at "2026-05-01 10:00" --now "2026-05-01 10:00" <<<"更正的记录"
expect_rc 0
expect_out K000004
expect_eq "更正的记录" "$(field contacts.csv note)" "--amend with --note -"
expect_eq "K000003" "$(field contacts.csv amends)" "the amendment names K000003"

# Refused, every file as it was: two options from stdin, a missing file, a bare @, a file
# that is not text.
BEFORE=$(files)
call --note - --finding quality --finding-note - </dev/null
expect_rc 2
expect_err "revisit: error: --finding-note -: standard input is already read by --note -; give one of them as @FILE"
call --note "@$WORK/missing.txt"
expect_rc 3
expect_err "revisit: error: --note @$WORK/missing.txt: cannot read $WORK/missing.txt: No such file or directory"
call --promise +3d --promise-note @
expect_rc 2
expect_err "revisit: error: --promise-note @: name the file to read after the @ (@FILE); write @@ for a text that starts with @"
call --note "@$WORK"
expect_rc 3
expect_err "revisit: error: --note @$WORK: cannot read $WORK: it is a directory"
printf 'bad \xff byte\n' > "$WORK/bad.txt"
call --note "@$WORK/bad.txt"
expect_rc 1
expect_err "revisit: error: note is not valid UTF-8"
expect_eq "$BEFORE" "$(files)" "files after refused notes"

# The complaint commands: --summary, --note, --resolution.
run --data "$D" complaint open C000001 --category quality --summary - --staff 张三 \
    --at "2026-05-02 10:00" --now "2026-05-02 10:00" <<<"漏水，第三次了"
expect_rc 0
expect_out P000001
expect_eq "漏水，第三次了" "$(field complaints.csv note)" "complaint open --summary -"
run --data "$D" complaint update P000001 --note "@$N" --at "2026-05-03 10:00" --now "2026-05-03 10:00"
expect_rc 0
expect_eq "$NOTE" "$(field complaints.csv note)" "complaint update --note @FILE"
run --data "$D" complaint resolve P000001 --resolution - --at "2026-05-04 10:00" --now "2026-05-04 10:00" <<<"已修复"
expect_rc 0
expect_eq "已修复" "$(field complaints.csv note)" "complaint resolve --resolution -"
run --data "$D" complaint close P000001 --satisfaction satisfied --note @@满意 \
    --at "2026-05-05 10:00" --now "2026-05-05 10:00"
expect_rc 0
expect_eq "@满意" "$(field complaints.csv note)" "complaint close --note @@TEXT"
BEFORE=$(files)
run --data "$D" complaint reopen P000001 --note "@$WORK/missing.txt" --at "2026-05-06 10:00" \
    --now "2026-05-06 10:00"
expect_rc 3
expect_err "revisit: error: --note @$WORK/missing.txt: cannot read $WORK/missing.txt: No such file or directory"
run --data "$D" complaint resolve P000001 --resolution @ --at "2026-05-06 10:00" --now "2026-05-06 10:00"
expect_rc 2
expect_err "revisit: error: --resolution @: name the file to read after the @ (@FILE); write @@ for a text that starts with @"
expect_eq "$BEFORE" "$(files)" "files after refused complaint notes"
run --data "$D" complaint reopen P000001 --note - --at "2026-05-06 10:00" --now "2026-05-06 10:00" <<<"又漏了"
expect_rc 0
expect_eq "又漏了" "$(field complaints.csv note)" "complaint reopen --note -"

run log-call --help
expect_out_has "what was said (@FILE: from FILE, -: from stdin)"
