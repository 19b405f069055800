# Every ```console block in the docs listed below is run and its output compared: a
# line "$ CMD" runs CMD (its stdout, then its stderr) in a scratch copy of samples/ and
# rules/; the lines up to the next "$ " or the end of the block are the expected output.
source "$(dirname "$0")/lib.sh"
cp -r "$SRC/samples" "$SRC/rules" "$WORK/"
chmod -R go-rwx "$WORK"  # as git checks them out, the samples are readable by others: a warning
export REVISIT

for doc in commands.md complaints.md journal.md survey.md; do
    python3 - "$SRC/docs/$doc" > "$WORK/cases.txt" <<'PY'
import sys
# Emits records "CMD\x1fEXPECTED\x1e" for each command of each console block.
text = open(sys.argv[1], encoding="utf-8").read().split("\n")
inside, cmd, out = False, None, []
def flush():
    global cmd, out
    if cmd is not None:
        sys.stdout.write(cmd + "\x1f" + "\n".join(out).rstrip("\n") + "\x1e")
    cmd, out = None, []
for line in text:
    if line.startswith("```console"):
        inside = True
        continue
    if inside and line.startswith("```"):
        flush()
        inside = False
        continue
    if not inside:
        continue
    if line.startswith("$ "):
        flush()
        cmd = line[2:]
    elif cmd is not None:
        out.append(line)
flush()
PY
    while IFS=$'\x1f' read -r -d $'\x1e' cmd expected; do
        (cd "$WORK" && bash -c "revisit() { \"\$REVISIT\" \"\$@\"; }; $cmd" >"$WORK/.out" 2>"$WORK/.err")
        got=$(cat "$WORK/.out" "$WORK/.err" | sed 's/[[:space:]]*$//')
        expected=$(printf '%s' "$expected" | sed 's/[[:space:]]*$//')
        CHECKS=$((CHECKS + 1))
        [ "$got" == "$expected" ] || fail "docs/$doc: \$ $cmd
--- documented
$expected
--- got
$got"
    done < "$WORK/cases.txt"
done
