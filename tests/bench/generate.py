#!/usr/bin/env python3
"""Writes a large, realistic sales-center data directory for benchmarks, fast.

    python3 tests/bench/generate.py --customers 100000 --contacts 1000000 --out /tmp/bench/100k

The journals are written directly in the formats of docs/file-formats.md (no call of the
binary per record), so a million customers and ten million contacts take about a minute.
Deterministic: the same arguments (and --seed) give byte-identical files.

What it writes, history running from 2024-11-23 to 2026-11-22 (`due --today 2026-11-23`):
  rules.yaml            rules/sales-center.yaml plus a `complaints:` section (BENCH_COMPLAINTS
                        below; the shipped file has none), so `complaint open` can be measured
  calendars/cn.yaml     rules/calendars/cn.yaml
  customers.csv         one `add` per customer (ids C000001... in time order) and `update` rows
                        for stage changes; stages call-in/visitor/closed, grades A-D,
                        quality/key/objection flags, a few referrals, some dislikes-calls,
                        owners from 50 staff
  contacts.csv          --contacts calls, visits and SMS in time order (ids K000001...),
                        biased towards recently added customers; realistic outcome mix, a
                        few promises, stage changes made by visits (`set`)
  complaints.csv        about one complaint per 200 customers: open, most resolved and closed
  .seq-contacts.csv, .seq-complaints.csv  the last ids handed out (lib/store next_record_id)
"""
import argparse
import os
import random
import shutil
import sys
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.normpath(os.path.join(HERE, "..", ".."))
START = date(2024, 11, 23)
DAYS = 730  # 2024-11-23 .. 2026-11-22

BENCH_COMPLAINTS = """
# Added by tests/bench/generate.py: the shipped sales-center rules have no complaints section.
complaints:
  clause: 第五条
  departments: [销售部, 工程部, 客服部]
  categories:
    - {id: sales, label: 销售服务, departments: [销售部], reply_within: 3wd, clause: 第五条}
    - {id: quality, label: 工程质量, departments: [工程部], reply_within: 5wd, clause: 第五条}
    - {id: service, label: 客户服务, departments: [客服部], reply_within: 2wd, clause: 第五条}
  follow_up_before: 1wd
  satisfaction_revisit_after: 3wd
  satisfaction_clause: 第五条
"""

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
         "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "晓东", "海燕", "志强", "丹", "鹏", "红梅"]
STAFF = [s + g for s, g in zip("张李王刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈",
                                ["晓梅", "建国", "芳", "洋", "静", "磊", "丽", "强", "娜", "军"] * 5)]
assert len(STAFF) == 50
NOTES = ["", "", "", "确认需求", "邀约周末来访", "问价格，想看样板间", "关注学区", "再次确认需求，解决抗性",
         "客户在外地，下周再联系", "询问首付比例", "对户型有顾虑", "已发送项目资料", "约定下周二来访",
         "客户表示考虑中", "介绍新开盘优惠", "关心交房时间", "节日问候",
         "客户说：\"价格再谈\"", "多行记录\n第二行", "有逗号, 的备注"]
PROMISE_NOTES = ["回复首付比例", "发送户型图", "确认优惠政策", "回复车位价格"]
# (channel, outcome, weight): phone dominates, SMS are sent, visits are reached.
CONTACT_MIX = [("phone", "reached", 46), ("phone", "no-answer", 14), ("phone", "busy", 4),
               ("phone", "message-left", 4), ("phone", "refused", 2), ("phone", "wrong-number", 1),
               ("sms", "sent", 17), ("visit", "reached", 12)]


def csv_field(value):
    """docs/file-formats.md: quote a field holding , " CR LF or edge spaces."""
    if value and (any(ch in value for ch in ',"\r\n') or value[0] == " " or value[-1] == " "):
        return '"' + value.replace('"', '""') + '"'
    return value


def phone_of(n):
    # Unique per customer: n -> n * 123456789 + 4711 mod 10^9 is a bijection (123456789 is
    # coprime to 10), so no two customers below 10^9 share a phone.
    return "1" + "3578"[n % 4] + "%09d" % ((n * 123456789 + 4711) % 1000000000)


class Generator:
    def __init__(self, customers, contacts, seed):
        self.n_customers = customers
        self.n_contacts = contacts
        self.rng = random.Random(seed)
        self.clock = ["%02d:%02d" % (m // 60, m % 60) for m in range(1440)]
        self.days = [(START + timedelta(days=d)).isoformat() for d in range(DAYS)]

    def per_day(self, total, weight_of):
        """Splits `total` over the days in proportion to weight_of(day index)."""
        weights = [weight_of(d) for d in range(DAYS)]
        scale = total / sum(weights)
        out, done, acc = [], 0, 0.0
        for w in weights:
            acc += w * scale
            n = int(round(acc)) - done
            out.append(n)
            done += n
        out[-1] += total - done
        return out

    def customer(self, n):
        """Attributes of customer n: final stage and the stage it was added in."""
        r = self.rng.random
        u = r()
        stage = "call-in" if u < 0.45 else ("visitor" if u < 0.85 else "closed")
        attrs = []
        grade = None
        if stage != "call-in" or r() < 0.3:
            g = r()
            grade = "A" if g < 0.1 else "B" if g < 0.3 else "C" if g < 0.6 else "D"
        if stage == "call-in" and r() < 0.25:
            attrs.append("quality=yes")
        if grade in ("A", "B"):
            if r() < 0.15:
                attrs.append("key=yes")
            elif r() < 0.15:
                attrs.append("objection=yes")
        x = r()
        if x < 0.005:
            attrs.append("referral=leader")
        elif x < 0.015:
            attrs.append("referral=vip")
        if r() < 0.05:
            attrs.append("dislikes-calls=yes")
        surname = SURNAMES[n * 7 % len(SURNAMES)]
        name = surname + GIVEN[(n * 13 + n // 97) % len(GIVEN)]
        attrs.append("salutation=" + surname + ("先生" if n % 2 else "女士"))
        attrs.append("source=" + ("phone", "web", "walk-in", "event", "referral")[int(r() * 5)])
        # How it got to `stage`: added as call-in and promoted later, or added at it.
        added_stage = stage
        if stage == "visitor" and r() < 0.5:
            added_stage = "call-in"
        elif stage == "closed":
            added_stage = "visitor" if r() < 0.7 else "call-in"
        owners = [STAFF[int(r() * 50)]]
        if r() < 0.2:
            second = STAFF[int(r() * 50)]
            if second != owners[0]:
                owners.append(second)
        return name, stage, added_stage, grade, attrs, owners

    def write(self, out):
        n_cust = self.n_customers
        r = self.rng.random
        weekday = [(START + timedelta(days=d)).weekday() for d in range(DAYS)]
        # More walk-ins at weekends; contacts grow with the customer base, fewer on Sundays
        # (those of a day without customers move on to the next day).
        cust_per_day = self.per_day(n_cust, lambda d: 1.3 if weekday[d] >= 5 else 1.0)
        cont_per_day = self.per_day(self.n_contacts,
                                    lambda d: (0.2 + d / DAYS) * (0.6 if weekday[d] == 6 else 1.0))

        # One slot per percent (the weights add up to 100): (channel, outcome, takes a note).
        mix = [(ch, oc, oc in ("reached", "refused")) for ch, oc, w in CONTACT_MIX for _ in range(w)]
        assert len(mix) == 100
        quoted_notes = [csv_field(n) for n in NOTES]

        owner_of = []          # index -> first owner
        pending = {}           # day -> list of (kind, customer index, new stage)
        complaints_at = {}     # day -> customers who complain that day
        complaint_events = {}  # day -> complaints.csv rows
        n_complaints = 0
        cf = open(os.path.join(out, "customers.csv"), "w", encoding="utf-8", newline="")
        kf = open(os.path.join(out, "contacts.csv"), "w", encoding="utf-8", newline="")
        pf = open(os.path.join(out, "complaints.csv"), "w", encoding="utf-8", newline="")
        cf.write("at,op,id,name,phone,owners,attributes,by,source\n")
        kf.write("id,at,customer,channel,outcome,staff,note,signature,promise,promise_note,"
                 "finding,finding_note,set,amends,logged_at\n")
        pf.write("id,at,event,complaint,customer,subject,category,source,severity,department,staff,"
                 "escalated_to,deadline,repeat_of,satisfaction,note,set,logged_at\n")
        clock, days = self.clock, self.days
        kid = 0
        recent_window = max(1, n_cust // DAYS * 45)  # customers added in the last ~45 days
        promise_notes = PROMISE_NOTES
        n_notes = len(quoted_notes)
        for d in range(DAYS):
            day = days[d]
            rows = []
            existing = len(owner_of)
            # New customers, their times spread over 09:00-20:00 in order.
            k = cust_per_day[d]
            minutes = sorted(540 + int(r() * 660) for _ in range(k))
            for minute in minutes:
                n = len(owner_of) + 1
                name, stage, added, grade, attrs, owners = self.customer(n)
                cells = ["stage=" + added] + (["grade=" + grade] if grade else []) + attrs
                rows.append(f"{day} {clock[minute]},add,C{n:06d},{name},{phone_of(n)},{';'.join(owners)},"
                            f"{csv_field(chr(10).join(cells))},{'sales' if r() < 0.7 else 'import'},"
                            f"{'add-customer' if r() < 0.7 else 'import'}\n")
                owner_of.append(owners[0])
                if added != stage:  # promoted later: by update-customer or by a visit's `set`
                    steps = ["visitor", "closed"] if added == "call-in" and stage == "closed" else [stage]
                    when = d
                    for s in steps:  # on later days only (none after the last): `at` order
                        when += 1 + int(r() * 40)
                        if when < DAYS:
                            pending.setdefault(when, []).append(("update" if r() < 0.5 else "visit", n - 1, s))
                if r() < 0.005 and d + 1 < DAYS:
                    complaints_at.setdefault(min(DAYS - 1, d + 1 + int(r() * 200)), []).append(n - 1)
            # Stage changes recorded by update-customer today.
            changes = pending.pop(d, [])
            for kind, i, s in changes:
                if kind == "update":
                    rows.append(f"{day} {clock[600 + int(r() * 480)]},update,C{i + 1:06d},,,,stage={s},"
                                f"sales,update-customer\n")
            cf.write("".join(rows))

            # Contacts of the day, with customers added before today: 60% among recently
            # added ones, the rest anyone.
            k = cont_per_day[d]
            if existing == 0:
                cont_per_day[d + 1] += k
                continue
            out_rows = []
            minutes = sorted(510 + int(r() * 690) for _ in range(k))
            visits = [(i, s) for kind, i, s in changes if kind == "visit"]
            for j, minute in enumerate(minutes):
                kid += 1
                if j < len(visits):  # a visit that changes the stage
                    i, s = visits[j]
                    ch, oc, note, setcell = "visit", "reached", "来访，更新阶段", "stage=" + s
                else:
                    if r() < 0.6:
                        i = existing - 1 - int(r() * min(existing, recent_window))
                    else:
                        i = int(r() * existing)
                    ch, oc, takes_note = mix[int(r() * 100)]
                    note = quoted_notes[int(r() * n_notes)] if takes_note else ""
                    setcell = ""
                staff = owner_of[i] if r() < 0.85 else STAFF[int(r() * 50)]
                promise = pnote = ""
                if oc == "reached" and r() < 0.03:
                    promise = days[min(DAYS - 1, d + 1 + int(r() * 5))] if d + 1 < DAYS else day
                    pnote = promise_notes[int(r() * 4)]
                logged = minute + 5 + int(r() * 60)
                logged_at = f"{day} {clock[logged]}" if logged < 1440 else f"{day} 23:59"
                out_rows.append(f"K{kid:06d},{day} {clock[minute]},C{i + 1:06d},{ch},{oc},{staff},"
                                f"{note},,{promise},{pnote},,,{setcell},,{logged_at}\n")
            kf.write("".join(out_rows))
            # Leftover visits (more stage changes than contacts today) become updates.
            for i, s in visits[len(minutes):]:
                cf.write(f"{day} 18:00,update,C{i + 1:06d},,,,stage={s},sales,update-customer\n")

            for i in complaints_at.pop(d, []):
                n_complaints += 1
                self.complaint(complaint_events, n_complaints, i, d, owner_of[i])
            pf.write("".join(complaint_events.pop(d, [])))
        cf.close()
        kf.close()
        pf.close()
        return kid, n_complaints

    def complaint(self, events_at, number, i, d, staff):
        """Schedules complaint P<number> about customer i, opened on day d, into events_at."""
        r = self.rng.random
        cat, dept, days_to_reply = (("sales", "销售部", 3), ("quality", "工程部", 5),
                                    ("service", "客服部", 2))[int(r() * 3)]
        cid, cust, day = f"P{number:06d}", f"C{i + 1:06d}", self.days
        opened = f"{day[d]} {self.clock[600 + int(r() * 420)]}"
        deadline = day[min(DAYS - 1, d + days_to_reply + 2)]
        what = ("价格", "质量", "态度")[int(r() * 3)]
        events_at.setdefault(d, []).append(
            f"{cid}-1,{opened},open,{cid},{cust},,{cat},direct,normal,{dept},{staff},,{deadline},,,"
            f"客户投诉：{what}问题,,{opened}\n")
        if r() < 0.8:  # most are resolved within a week and closed after the satisfaction call
            dr = d + 1 + int(r() * 6)
            dc = dr + 3 + int(r() * 3)
            if dr < DAYS:
                t = f"{day[dr]} 16:00"
                events_at.setdefault(dr, []).append(
                    f"{cid}-2,{t},resolve,{cid},{cust},,,,,,{staff},,,,,已处理并回复客户,,{t}\n")
            if dc < DAYS:
                t = f"{day[dc]} 11:00"
                sat = ("satisfied", "satisfied", "partly", "unsatisfied")[int(r() * 4)]
                events_at.setdefault(dc, []).append(
                    f"{cid}-3,{t},close,{cid},{cust},,,,,,{staff},,,,{sat},满意度回访,,{t}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--customers", type=int, required=True)
    ap.add_argument("--contacts", type=int, required=True)
    ap.add_argument("--out", required=True, help="data directory to create (must not exist)")
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    if args.customers < 1 or args.contacts < 0:
        sys.exit("generate.py: --customers must be at least 1 and --contacts not negative")
    if os.path.exists(args.out):
        sys.exit(f"generate.py: {args.out} exists; remove it first")
    tmp = args.out + ".tmp-%d" % os.getpid()
    os.umask(0o077)  # docs/file-formats.md: owner only
    os.makedirs(os.path.join(tmp, "calendars"), mode=0o700)
    with open(os.path.join(SRC, "rules", "sales-center.yaml"), encoding="utf-8") as f:
        rules = f.read()
    with open(os.path.join(tmp, "rules.yaml"), "w", encoding="utf-8") as f:
        f.write(rules.rstrip("\n") + "\n" + BENCH_COMPLAINTS)
    shutil.copyfile(os.path.join(SRC, "rules", "calendars", "cn.yaml"), os.path.join(tmp, "calendars", "cn.yaml"))
    contacts, complaints = Generator(args.customers, args.contacts, args.seed).write(tmp)
    with open(os.path.join(tmp, ".seq-contacts.csv"), "w") as f:
        f.write(f"{contacts}\n")
    with open(os.path.join(tmp, ".seq-complaints.csv"), "w") as f:
        f.write(f"{complaints}\n")
    os.rename(tmp, args.out)
    print(f"{args.out}: {args.customers} customers, {contacts} contacts, {complaints} complaints")


if __name__ == "__main__":
    main()
