# due --format html (a page to mail, pin up or print) on a copy of samples/sales-center:
# well-formed (a strict parser: every element closed, in order), the expected lines in it,
# user data escaped, and a page when nothing is due.
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

# Names are data: a <script> in one is text on the page.
"$REVISIT" --data "$D" add-customer --id X1 --name '<script>alert("x")</script>&Co' --phone 13912345678 \
    --owner '<b>王芳</b>' --set stage=call-in --at "2026-11-25 09:00" >/dev/null || fail "add-customer"
run --data "$D" due --today 2026-11-25 --format html --customer X1
expect_rc 0
expect_out_has "<b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;Co</b>"
expect_out_has "<h2>&lt;b&gt;王芳&lt;/b&gt; <span class=\"count\">1 位 customers</span></h2>"
printf '%s\n' "$OUT" >"$WORK/one.html"
expect_eq ok "$(check_html "$WORK/one.html")" "the page with markup in a name is well-formed"

# Nothing due: still a whole page, saying so.
E=$(new_data empty sales-center)
run --data "$E" due --today 2026-11-25 --format html
expect_rc 0
printf '%s\n' "$OUT" >"$WORK/empty.html"
expect_eq ok "$(check_html "$WORK/empty.html")" "the empty page is well-formed"
OUT=$(text_of "$WORK/empty.html")
expect_out "回访清单 Call list · 2026-11-25 星期三
居然·青年城营销中心 · 0 位客户 customers due
今天没有需要回访的客户。Nothing is due on 2026-11-25."
