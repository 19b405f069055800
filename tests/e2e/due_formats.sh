# due --format html (a page to mail, pin up or print) and --format ics (calendar events) on a
# copy of samples/sales-center. The page: well-formed (a strict parser: every element closed,
# in order), the expected lines in it, user data escaped, a page when nothing is due. The
# calendar: checked by a parser of RFC 5545's syntax written here (CRLF, folding, nesting,
# properties), its events in the rules' time zone, UIDs that stay. -o/--output: every format
# writes the file stdout would show; never into a data directory, which stays as it was.
source "$(dirname "$0")/lib.sh"

cp -r "$SRC/samples/sales-center" "$WORK/sc"
D=$WORK/sc
chmod -R go-rwx "$D"  # as git checks them out, the samples are readable by others: a warning

# check_html FILE: prints "ok" or what is wrong. Every element that is not void is closed,
# in order; no scripts, no frames, nothing loaded from elsewhere.
check_html() {
    python3 - "$1" <<'PY'
import sys
from html.parser import HTMLParser
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
class Strict(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.doctype = [], [], None
    def handle_decl(self, decl):
        self.doctype = decl
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "link", "img"):
            self.problems.append(f"<{tag}> at line {self.getpos()[0]}")
        for name, value in attrs:
            if name.startswith("on") or name == "src" or (value or "").startswith("http"):
                self.problems.append(f"{name}= at line {self.getpos()[0]}")
        if tag not in VOID:
            self.stack.append((tag, self.getpos()[0]))
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()
    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append(f"</{tag}> at line {self.getpos()[0]}")
        elif not self.stack or self.stack[-1][0] != tag:
            open_ = self.stack[-1] if self.stack else ("nothing", 0)
            self.problems.append(f"</{tag}> at line {self.getpos()[0]} closes <{open_[0]}> "
                                 f"of line {open_[1]}")
        else:
            self.stack.pop()
text = open(sys.argv[1], encoding="utf-8").read()
p = Strict()
p.feed(text)
p.close()
if p.doctype != "DOCTYPE html":
    p.problems.append(f"doctype {p.doctype!r}")
p.problems += [f"<{t}> of line {n} never closed" for t, n in p.stack]
if "@import" in text or "url(" in text:
    p.problems.append("CSS loads from elsewhere")
print("\n".join(p.problems) or "ok")
PY
}

# text_of FILE: the page's text, a line per heading, paragraph and table row, cells joined
# by " | ".
text_of() {
    python3 - "$1" <<'PY'
import sys
from html.parser import HTMLParser
class Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.line, self.skip = [], "", False
    def handle_starttag(self, tag, attrs):
        if tag in ("style", "title"): self.skip = True
        elif tag in ("td", "th") and self.line.strip(): self.line += " | "
        elif tag in ("br", "li", "div"): self.line += " "
    def handle_endtag(self, tag):
        if tag in ("style", "title"): self.skip = False
        elif tag in ("tr", "h1", "h2", "p"): self.end()
    def end(self):
        line = " ".join(self.line.split())
        if line: self.lines.append(line)
        self.line = ""
    def handle_data(self, data):
        if not self.skip: self.line += data
p = Text()
p.feed(open(sys.argv[1], encoding="utf-8").read())
print("\n".join(p.lines))
PY
}

# check_ics FILE: prints "ok N" (N events) then a line per event, "UID DTSTART DTEND
# SUMMARY", and its DESCRIPTION unescaped and indented; or what is wrong.
check_ics() {
    python3 - "$1" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
problems = []
if not data.endswith(b"\r\n"):
    problems.append("does not end with CRLF")
physical = data.split(b"\r\n")[:-1]
for n, raw in enumerate(physical, 1):
    if b"\n" in raw or b"\r" in raw:
        problems.append(f"line {n}: a bare CR or LF")
    if len(raw) > 75:
        problems.append(f"line {n}: {len(raw)} octets")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(f"line {n}: not UTF-8 (a character split by folding?)")
lines = []  # unfolded: a line starting with a space or tab continues the one before
for raw in physical:
    text = raw.decode("utf-8", "replace")
    if text[:1] in (" ", "\t") and lines:
        lines[-1] += text[1:]
    else:
        lines.append(text)
NAME = r"[A-Za-z0-9-]+"
PARAM = rf';{NAME}=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*'
LINE = re.compile(rf"({NAME})((?:{PARAM})*):(.*)")
TEXT = re.compile(r'(?:[^\\;,]|\\[\\;,nN])*')
def unescape(v):
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), v)
stack, events, event, cal = [], [], None, {}
for n, line in enumerate(lines, 1):
    m = LINE.fullmatch(line)
    if not m:
        problems.append(f"content line {n}: not NAME[;PARAM=VALUE]:VALUE: {line!r}")
        continue
    name, params, value = m.group(1).upper(), m.group(2), m.group(3)
    if name == "BEGIN":
        if not stack and value != "VCALENDAR":
            problems.append(f"content line {n}: BEGIN:{value} outside VCALENDAR")
        stack.append(value)
        if value == "VEVENT":
            event = {}
        continue
    if name == "END":
        if not stack or stack[-1] != value:
            problems.append(f"content line {n}: END:{value} closes {stack[-1] if stack else 'nothing'}")
        else:
            stack.pop()
        if value == "VEVENT" and event is not None:
            events.append(event)
            event = None
        continue
    if not stack:
        problems.append(f"content line {n}: {name} outside VCALENDAR")
    target = event if stack and stack[-1] == "VEVENT" else cal
    if name in target and name not in ("ATTENDEE", "CATEGORIES", "COMMENT"):
        problems.append(f"content line {n}: {name} twice")
    target[name] = (params, value)
    if name in ("SUMMARY", "DESCRIPTION", "X-WR-CALNAME") and not TEXT.fullmatch(value):
        problems.append(f"content line {n}: {name} is not escaped TEXT: {value!r}")
if stack:
    problems.append(f"{stack} never ended")
if lines[:1] != ["BEGIN:VCALENDAR"] or lines[-1:] != ["END:VCALENDAR"]:
    problems.append("not one VCALENDAR")
if cal.get("VERSION") != ("", "2.0") or "PRODID" not in cal:
    problems.append("VCALENDAR without VERSION:2.0 and PRODID")
UTC, DATE = re.compile(r"\d{8}T\d{6}Z"), re.compile(r"\d{8}")
uids = set()
for i, e in enumerate(events, 1):
    for required in ("UID", "DTSTAMP", "DTSTART"):
        if required not in e:
            problems.append(f"event {i}: no {required}")
    if not UTC.fullmatch(e.get("DTSTAMP", ("", ""))[1]):
        problems.append(f"event {i}: DTSTAMP is not a UTC time")
    start, end = e.get("DTSTART", ("", "")), e.get("DTEND", ("", ""))
    for what, (params, value) in (("DTSTART", start), ("DTEND", end)):
        ok = DATE.fullmatch(value) if params == ";VALUE=DATE" else (not params and UTC.fullmatch(value))
        if not ok:
            problems.append(f"event {i}: {what}{params}:{value}")
    if start[0] != end[0] or not start[1] < end[1]:
        problems.append(f"event {i}: ends before it starts")
    uid = e.get("UID", ("", ""))[1]
    if uid in uids:
        problems.append(f"event {i}: UID {uid} twice")
    uids.add(uid)
if problems:
    print("\n".join(problems))
    sys.exit()
print("ok", len(events))
for e in events:
    print(e["UID"][1], e["DTSTART"][1], e["DTEND"][1], unescape(e["SUMMARY"][1]))
    for l in unescape(e["DESCRIPTION"][1]).split("\n"):
        print("   ", l)
PY
}

# The page of a day with overdue calls and SMS lines.
"$REVISIT" --data "$D" due --today 2026-11-25 --format html >"$WORK/due.html" 2>"$WORK/.stderr"
RC=$? ERR=$(cat "$WORK/.stderr")
expect_rc 0
expect_err_has "calendars/cn.yaml has no holidays for 2027"
expect_eq ok "$(check_html "$WORK/due.html")" "the page is well-formed"
OUT=$(text_of "$WORK/due.html")
expect_out_has "回访清单 Call list · 2026-11-25 星期三
居然·青年城营销中心 · 32 位客户 customers due · 11 逾期 overdue
刘洋 10 位 customers · 1 逾期 overdue"
expect_out_has "王芳 6 位 customers · 3 逾期 overdue
客户 Customer | 电话 Phone | 渠道 Channel | 时段 Window | 期限 Due by | 原因 Reasons
田丹 C000030 | 15985439560 | 电话 phone | 10:00-11:30 15:30-17:00 | 2026-11-19 逾期 6 天 · 6 d overdue | S0.3-2.3-objection 第二条(一)3 有抗性的客户每周回访 S0.3-4-milestone 第四条2 重要项目节点回访：告知开盘、SP活动、封顶、交房、样板间开放等并邀约
彭建华 C000022 | 13991025592 | 电话 phone |"
expect_out_has "董霞 C000002 | 18669725102 | 短信 sms | - | 2026-11-28 | S0.3-4-milestone 第四条2 重要项目节点回访：告知开盘、SP活动、封顶、交房、样板间开放等并邀约 短信 SMS: 董女士您好，样板间开放将于2026-11-28举行，诚邀您莅临。【居然o青年城】首席预约电话:400-000-0000 置业顾问:刘洋"
# Every line of the csv is on the page, in its owners' sections.
expect_eq 32 "$(grep -o '<span class="id">C[0-9]*</span></td>' "$WORK/due.html" | sort -u | wc -l)" "customers on the page"
expect_eq 32 "$("$REVISIT" --data "$D" due --today 2026-11-25 --format csv 2>/dev/null | tail -n +2 | wc -l)" "customers in the csv"
"$REVISIT" --data "$D" due --today 2026-11-25 --format html >"$WORK/again.html" 2>/dev/null
expect_eq "" "$(cmp "$WORK/due.html" "$WORK/again.html")" "the same page twice"

# The calendar of the same day: 10:00 in Asia/Shanghai is 02:00 UTC; an SMS is all day.
"$REVISIT" --data "$D" due --today 2026-11-25 --format ics >"$WORK/due.ics" 2>/dev/null
OUT=$(check_ics "$WORK/due.ics")
expect_out_has "ok 32
20261125-C000031-S0.3-1.3@revisit.invalid 20261125T020000Z 20261125T033000Z 崔秀英 · 电话"
expect_out_has "20261125-C000030-S0.3-2.3-objection@revisit.invalid 20261125T020000Z 20261125T033000Z 田丹 · 电话
    客户 Customer: C000030 田丹
    电话 Phone: 15985439560
    渠道 Channel: 电话 (phone)
    时段 Window: 10:00-11:30 15:30-17:00
    期限 Due by: 2026-11-19 (逾期 6 天 · 6 d overdue)
    原因 Reasons:
    - S0.3-2.3-objection 第二条(一)3 有抗性的客户每周回访
    - S0.3-4-milestone 第四条2 重要项目节点回访：告知开盘、SP活动、封顶、交房、样板间开放等并邀约
20261125-"
expect_out_has "20261125-C000002-S0.3-4-milestone@revisit.invalid 20261125 20261126 董霞 · 短信"
expect_out_has "    短信 SMS: 董女士您好，样板间开放将于2026-11-28举行，诚邀您莅临。【居然o青年城】首席预约电话:400-000-0000 置业顾问:刘洋"
CHECKS=$((CHECKS + 1))
grep -q $'^DTSTAMP:20261124T160000Z\r$' "$WORK/due.ics" || fail "DTSTAMP is not the start of --today"
"$REVISIT" --data "$D" due --today 2026-11-25 --format ics >"$WORK/again.ics" 2>/dev/null
expect_eq "" "$(cmp "$WORK/due.ics" "$WORK/again.ics")" "the same calendar twice"
UIDS=$(grep '^UID:' "$WORK/due.ics")

# Names are data: a <script> in one is text on the page.
"$REVISIT" --data "$D" add-customer --id X1 --name '<script>alert("x")</script>&Co' --phone 13912345678 \
    --owner '<b>王芳</b>' --set stage=call-in --at "2026-11-25 09:00" >/dev/null || fail "add-customer"
run --data "$D" due --today 2026-11-25 --format html --customer X1
expect_rc 0
expect_out_has "<b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;Co</b>"
expect_out_has "<h2>&lt;b&gt;王芳&lt;/b&gt; <span class=\"count\">1 位 customers</span></h2>"
printf '%s\n' "$OUT" >"$WORK/one.html"
expect_eq ok "$(check_html "$WORK/one.html")" "the page with markup in a name is well-formed"

# A new customer on the list changes no other event's UID; its name is escaped TEXT.
"$REVISIT" --data "$D" due --today 2026-11-25 --format ics >"$WORK/more.ics" 2>/dev/null
OUT=$(check_ics "$WORK/more.ics")
expect_out_has "ok 33"
expect_out_has "20261125-X1-S0.3-1.1@revisit.invalid 20261125T020000Z 20261125T033000Z <script>alert(\"x\")</script>&Co · 电话"
expect_eq "$UIDS" "$(grep '^UID:' "$WORK/more.ics" | grep -v X1)" "the other events' UIDs"

# Nothing due: still a whole page, saying so; a calendar without events.
E=$(new_data empty sales-center)
run --data "$E" due --today 2026-11-25 --format html
expect_rc 0
printf '%s\n' "$OUT" >"$WORK/empty.html"
expect_eq ok "$(check_html "$WORK/empty.html")" "the empty page is well-formed"
OUT=$(text_of "$WORK/empty.html")
expect_out "回访清单 Call list · 2026-11-25 星期三
居然·青年城营销中心 · 0 位客户 customers due
今天没有需要回访的客户。Nothing is due on 2026-11-25."
"$REVISIT" --data "$E" due --today 2026-11-25 --format ics >"$WORK/empty.ics" 2>/dev/null
expect_eq "ok 0" "$(check_ics "$WORK/empty.ics")" "the empty calendar"

# -o FILE writes what stdout shows, in every format, replacing the file whole.
mkdir "$WORK/out"
for f in table csv json html ics; do
    echo old >"$WORK/out/due.$f"
    "$REVISIT" --data "$D" due --today 2026-11-25 --format "$f" --explain >"$WORK/stdout.$f" 2>/dev/null
    run --data "$D" due --today 2026-11-25 --format "$f" --explain -o "$WORK/out/due.$f"
    expect_rc 0
    expect_out ""
    expect_eq "" "$(cmp "$WORK/stdout.$f" "$WORK/out/due.$f" 2>&1)" "due --format $f -o"
done
run --data "$D" due --today 2026-11-25 --format html --output "$WORK/out/long.html"
expect_rc 0
"$REVISIT" --data "$D" due --today 2026-11-25 --format html >"$WORK/stdout-long.html" 2>/dev/null
expect_eq "" "$(cmp "$WORK/stdout-long.html" "$WORK/out/long.html" 2>&1)" "due --format html --output"
# Nothing due: the table is empty, the file too (as stdout would be).
run --data "$E" due --today 2026-11-25 -o "$WORK/out/empty.txt"
expect_rc 0
expect_eq "0" "$(wc -c <"$WORK/out/empty.txt")" "an empty table's file"

# Into a data directory: refused before anything is read (no cache is saved either), the
# directory byte-identical, as export --output.
cp -r "$SRC/samples/sales-center" "$WORK/fresh"
F=$WORK/fresh
rm -rf "$F/.cache"  # as checked out: the first due would save one
chmod -R go-rwx "$F"
ln -s "$F" "$WORK/link"
snapshot "$F"
for target in "$F/due.html" "$F/customers.csv" "$F/calendars/due.ics" "$F/.cache/due.csv" \
              "$WORK/link/due.html" "$WORK/out/../fresh/due.html"; do
    for f in table html ics; do
        run --data "$F" due --today 2026-11-25 --format "$f" -o "$target"
        expect_rc 1
        expect_err "revisit: error: --output $target is inside the data directory $F, whose files only revisit itself writes; nothing was written: choose a file outside it"
    done
done
run --data "$F" due --today 2026-11-25 --output "$D/due.csv" --format csv  # another data directory
expect_rc 1
expect_err "revisit: error: --output $D/due.csv is inside the data directory $(cd "$D" && pwd -P), whose files only revisit itself writes; nothing was written: choose a file outside it"
expect_unchanged "$F"
CHECKS=$((CHECKS + 1))
[ ! -e "$F/.cache" ] || fail "a refused due read the journals (it saved .cache)"
