#!/usr/bin/env python3
"""Builds the sample data directories under samples/ by running the real `revisit`
binary, so every record in them passed the same validation a user's would.

    python3 samples/make_samples.py build/cli/revisit

Deterministic: a fixed random seed and explicit --at times. History runs from June
to 2026-11-22, so `revisit due --today 2026-11-23` shows a realistic morning list.

Each sample holds its rules file and calendar exactly as rules/ ships them: rerun this after
changing either (tests/e2e/samples.sh fails until then).
"""
import os
import random
import shutil
import subprocess
import sys
from datetime import datetime, timedelta

REVISIT = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
RULES = os.path.join(HERE, "..", "rules")
END = datetime(2026, 11, 22, 18, 0)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "晓东", "海燕", "志强", "丹", "鹏", "红梅"]
STAFF = ["张晓梅", "李建国", "王芳", "刘洋", "陈静"]


def run(*args):
    result = subprocess.run([REVISIT, *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"revisit {' '.join(args)} failed: {result.stderr}")
    return result.stdout.strip()


class Sample:
    def __init__(self, name, rules, seed):
        self.dir = os.path.join(HERE, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        run("init", self.dir, "--rules", os.path.join(RULES, rules + ".yaml"))
        self.rng = random.Random(seed)
        self.phones = set()

    def person(self):
        surname = self.rng.choice(SURNAMES)
        sex = self.rng.choice(["先生", "女士"])
        return surname + self.rng.choice(GIVEN), surname + sex

    def phone(self):
        while True:
            p = "1" + self.rng.choice("3578") + "".join(self.rng.choice("0123456789") for _ in range(9))
            if p not in self.phones:
                self.phones.add(p)
                return p

    def add(self, at, owners, attrs):
        name, salutation = self.person()
        args = ["--data", self.dir, "add-customer", "--name", name, "--phone", self.phone(),
                "--at", at.strftime("%Y-%m-%d %H:%M"), "--by", "sample"]
        for o in owners:
            args += ["--owner", o]
        for k, v in attrs.items():
            args += ["--set", f"{k}={v.replace('{salutation}', salutation)}"]
        return run(*args)

    def contact(self, cid, at, channel, outcome, staff, *extra):
        run("--data", self.dir, "log-call", cid, "--channel", channel, "--outcome", outcome,
            "--staff", staff, "--at", at.strftime("%Y-%m-%d %H:%M"),
            "--now", END.strftime("%Y-%m-%d %H:%M"), *extra)

    def update(self, cid, at, *sets):
        args = ["--data", self.dir, "update-customer", cid, "--at", at.strftime("%Y-%m-%d %H:%M"), "--by", "sample"]
        for s in sets:
            args += ["--set", s]
        run(*args)

    def when(self, start, days):
        t = start + timedelta(days=days)
        return t.replace(hour=self.rng.choice([10, 11, 15, 16]), minute=self.rng.choice([0, 10, 25, 40]))

    def keep_up(self, cid, start, every, staff, channel="phone", miss_rate=0.15, end=END):
        """Contacts roughly every `every` days from `start`; some unanswered, the last may lapse."""
        t = start
        while True:
            t = self.when(t, every + self.rng.choice([-1, 0, 0, 1]))
            if t >= end:
                break
            outcome = "no-answer" if self.rng.random() < miss_rate else "reached"
            self.contact(cid, t, channel, outcome, staff)
            if outcome == "no-answer":
                t2 = self.when(t, 1)
                if t2 < end:
                    self.contact(cid, t2, channel, "reached", staff)


def sales_center():
    s = Sample("sales-center", "sales-center", 3)
    start = datetime(2026, 6, 1)
    for i in range(36):
        owner = s.rng.choice(STAFF[:4])
        created = s.when(start, s.rng.randint(0, 170))
        if created >= END:
            continue
        kind = s.rng.random()
        if kind < 0.25:   # call-in
            attrs = {"stage": "call-in", "source": "phone", "quality": s.rng.choice(["yes", "no"])}
        elif kind < 0.85:  # visitor
            attrs = {"stage": "visitor", "grade": s.rng.choice("AABBCD"), "source": s.rng.choice(["walk-in", "web", "event"])}
            if attrs["grade"] in "AB":
                attrs[s.rng.choice(["key", "objection"])] = "yes"
        else:
            attrs = {"stage": "visitor", "grade": "B", "referral": s.rng.choice(["leader", "vip"])}
        if s.rng.random() < 0.5:
            attrs["salutation"] = "{salutation}"
        if s.rng.random() < 0.1:
            attrs["dislikes-calls"] = "yes"
        attrs["project"] = "居然·青年城一期"
        cid = s.add(created, [owner], attrs)
        if attrs.get("referral"):
            continue
        # The same-day call, sometimes missed until the next day.
        first = created + timedelta(hours=s.rng.choice([2, 4, 26]))
        if first < END:
            s.contact(cid, first, "phone", "reached", owner)
        second = s.when(first, s.rng.choice([2, 3, 3, 5]))
        if second < END and (attrs.get("quality") == "yes" or attrs.get("grade") in ("A", "B")):
            s.contact(cid, second, "phone", "reached", owner)
            if attrs.get("grade") in ("A", "B") and s.rng.random() < 0.35:
                deal = s.when(second, s.rng.randint(3, 40))
                if deal < END:
                    s.update(cid, deal, "stage=closed")
                    s.contact(cid, deal + timedelta(hours=3), "phone", "reached", owner,
                              "--note", "成交祝贺")
                    s.keep_up(cid, deal, 15, owner)
                    continue
            every = 3 if attrs.get("key") == "yes" else 7
            s.keep_up(cid, second, every, owner, end=END - timedelta(days=s.rng.choice([0, 0, 5])))
        elif attrs.get("grade") == "C":
            s.keep_up(cid, created, 7, owner)
        if s.rng.random() < 0.1:
            s.contact(cid, s.when(END - timedelta(days=4), 0), "phone", "reached", owner,
                      "--promise", "2026-11-23", "--promise-note", "答复二期车位价格")


def cement():
    s = Sample("cement", "cement", 5)
    regions = ["长春", "吉林", "四平", "松原", "通化"]
    for i in range(30):
        owners = s.rng.sample(STAFF, 2)
        created = s.when(datetime(2026, 3, 1), s.rng.randint(0, 200))
        attrs = {"grade": s.rng.choice("AABC"), "category": s.rng.choice(["dealer", "project", "mixing-station", "retail"]),
                 "size": s.rng.choice(["large", "medium", "small"]), "region": s.rng.choice(regions),
                 "relation": s.rng.choice(["new", "old", "old"])}
        if attrs["size"] == "large" or s.rng.random() < 0.15:
            attrs["focus"] = "yes"
        cid = s.add(created, owners, attrs)
        s.keep_up(cid, created, 7 if created.month <= 10 else 15, owners[0], end=END - timedelta(days=s.rng.choice([0, 0, 0, 9])))
        t = created
        while True:
            t = s.when(t, 15 if t.month <= 10 else 30)
            if t >= END:
                break
            s.contact(cid, t, "visit", "reached", owners[1], "--note", s.rng.choice(["用货正常", "询问下季度价格", "反映袋重偏差，已登记", "计划扩大采购"]))


def property_():
    s = Sample("property", "property", 7)
    for i in range(30):
        created = s.when(datetime(2025, 12, 1), s.rng.randint(0, 30))
        project = s.rng.choice(["一期", "二期"])
        attrs = {"stage": "owner", "project": project,
                 "unit": f"{s.rng.randint(1, 12)}-{s.rng.randint(1, 3)}-{s.rng.randint(1, 18):02d}{s.rng.randint(1, 4):02d}",
                 "handover": "2025-12-28" if project == "一期" else "2026-06-30"}
        if project == "二期" and s.rng.random() < 0.25:
            attrs["supervision-group"] = "yes"
        cid = s.add(created, [s.rng.choice(STAFF)], attrs)
        if s.rng.random() < 0.3:
            done = s.when(datetime(2026, 10, 1), s.rng.randint(0, 50))
            if done < END:
                s.update(cid, done, f"repair-done={done.strftime('%Y-%m-%d')}")
                fu = s.when(done, s.rng.choice([1, 2, 5]))
                if fu < END:
                    s.contact(cid, fu, "visit", "reached", STAFF[0], "--signature", attrs["unit"] + "业主",
                              "--note", "维修已完成，业主确认")


def decoration():
    s = Sample("decoration", "decoration", 11)
    for i in range(25):
        created = s.when(datetime(2026, 8, 1), s.rng.randint(0, 113))
        stage = s.rng.choice(["inquiry", "appointment", "measured", "designing", "contracted", "completed"])
        attrs = {"stage": stage, "source": s.rng.choice(["phone", "web", "event", "referral", "partner"])}
        if attrs["source"] == "referral":
            attrs["referred-by"] = s.rng.choice(["老客户王先生", "设计师刘工"])
        if stage == "appointment":
            attrs["appointment"] = (END + timedelta(days=s.rng.randint(-2, 3))).strftime("%Y-%m-%d")
        if stage in ("measured", "designing"):
            attrs["measured"] = (created + timedelta(days=s.rng.randint(3, 10))).strftime("%Y-%m-%d")
            if attrs["measured"] > END.strftime("%Y-%m-%d"):
                attrs["measured"] = END.strftime("%Y-%m-%d")
        if stage == "completed":
            attrs["completed"] = (created + timedelta(days=10)).strftime("%Y-%m-%d")
        cid = s.add(created, [s.rng.choice(STAFF)], attrs)
        if stage != "inquiry" or s.rng.random() < 0.7:
            s.contact(cid, created + timedelta(hours=s.rng.choice([1, 3, 20])), "phone", "reached", STAFF[1])


def group_service():
    s = Sample("group-service", "group-service", 13)
    for i in range(30):
        created = s.when(datetime(2026, 5, 1), s.rng.randint(0, 190))
        stage = s.rng.choice(["prospect", "prospect", "visitor", "owner"])
        attrs = {"stage": stage, "region": s.rng.choice(["青岛", "济南", "烟台"]), "project": "海尔·世纪公馆"}
        if stage == "owner":
            attrs["handover"] = "2026-03-31"
        if s.rng.random() < 0.6:
            attrs["member"] = "yes"
        cid = s.add(created, [s.rng.choice(STAFF)], attrs)
        s.keep_up(cid, created, {"prospect": 30, "visitor": 14, "owner": 90}[stage], STAFF[2],
                  end=END - timedelta(days=s.rng.choice([0, 0, 20])))


for build in (sales_center, cement, property_, decoration, group_service):
    build()
print("samples written")
