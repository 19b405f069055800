#!/usr/bin/env python3
"""Write latency while readers run: what a staff member waits for while cron reads.

    python3 tests/bench/load.py --revisit build/cli/revisit --data DIR --customers N
        [--writers 4] [--writes 200] [--readers none,due,due-rebuild,export,revisit-rate,show,history]

For each reader it copies nothing: it logs calls into DIR (a scratch copy of a generated
directory, tests/bench/generate.py), WRITERS processes in parallel, WRITES calls in all,
while the reader runs in a loop; it prints p50/p95/p99/max of the log-call wall times and
how many finished within --cap seconds. Then it checks that every acknowledged write (the
id log-call printed) is in contacts.csv exactly once. "due-rebuild" deletes
.cache/schedule.bin before each run, so every `due` folds the journals whole; "cache-deleted"
deletes all of .cache/ (the indexes too) before each run. Not a test: ctest does not run it.
"""
import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time

READERS = {
    "none": None,
    "due": ["due", "--today", "2026-11-23", "--format", "csv"],
    "due-rebuild": ["due", "--today", "2026-11-23", "--format", "csv"],
    "cache-deleted": ["due", "--today", "2026-11-23", "--format", "csv"],
    "export": ["export", "customers", "--format", "csv"],
    "revisit-rate": ["report", "revisit-rate", "--from", "2026-11-01", "--to", "2026-11-22"],
    "show": ["show", "C000001"],
    "history": ["history", "C000001"],
}


def percentile(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    k = min(len(s) - 1, max(0, int(round(p / 100.0 * (len(s) - 1)))))
    return s[k]


def reader_loop(args, name, stop, runs):
    cmd = READERS[name]
    while not stop.is_set():
        if name == "due-rebuild":  # an upgrade, a change of channels: the fold is stale
            try:
                os.remove(os.path.join(args.data, ".cache", "schedule.bin"))
            except FileNotFoundError:
                pass
        elif name == "cache-deleted":  # the indexes go too: writers rebuild what they read
            shutil.rmtree(os.path.join(args.data, ".cache"), ignore_errors=True)
        nice = ["nice", "-n", str(args.reader_nice)] if args.reader_nice else []
        subprocess.run(nice + [args.revisit, "--data", args.data] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        runs[0] += 1


def writer(args, n, customers, latencies, acked, failures, deadline, lock):
    rng = random.Random(n)
    for i in range(args.writes // args.writers):
        if time.monotonic() > deadline:
            return
        customer = "C%06d" % rng.randint(1, customers)
        start = time.monotonic()
        p = subprocess.run(
            [args.revisit, "--data", args.data, "log-call", customer, "--channel", "phone",
             "--outcome", "reached", "--staff", "load-%d" % n, "--at", "2026-11-23 10:%02d" % (i % 60),
             "--now", "2026-11-23 12:00", "--note", "load %d/%d" % (n, i)],
            capture_output=True, text=True)
        took = time.monotonic() - start
        with lock:
            if p.returncode == 0:
                latencies.append(took)
                acked.append(p.stdout.strip())
            else:
                failures.append(p.stderr.strip()[:200])


def contact_ids(data):
    with open(os.path.join(data, "contacts.csv"), newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        header = next(r)
        col = header.index("id")
        return [row[col] for row in r if row]


def run(args, name, customers):
    stop = threading.Event()
    runs = [0]
    reader = None
    if READERS[name]:
        reader = threading.Thread(target=reader_loop, args=(args, name, stop, runs))
        reader.start()
        time.sleep(args.warmup)  # the reader is in the middle of a run when writes start
    latencies, acked, failures = [], [], []
    lock = threading.Lock()
    deadline = time.monotonic() + args.cap
    threads = [threading.Thread(target=writer,
                                args=(args, n, customers, latencies, acked, failures, deadline,
                                      lock))
               for n in range(args.writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    if reader:
        reader.join()
    ids = contact_ids(args.data)
    counts = {}
    for i in ids:
        counts[i] = counts.get(i, 0) + 1
    lost = [a for a in acked if counts.get(a, 0) == 0]
    doubled = [i for i, c in counts.items() if c > 1]
    ms = [x * 1000 for x in latencies]
    print("%-13s writes %3d/%d  p50 %6.1f  p95 %6.1f  p99 %6.1f  max %7.1f ms  reader runs %3d"
          "  lost %d  doubled ids %d  failed %d" % (
              name, len(acked), args.writes, percentile(ms, 50), percentile(ms, 95),
              percentile(ms, 99), max(ms) if ms else float("nan"), runs[0], len(lost),
              len(doubled), len(failures)), flush=True)
    for f in failures[:3]:
        print("    failure:", f)
    return not lost and not doubled


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--revisit", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--writes", type=int, default=200)
    ap.add_argument("--cap", type=float, default=60.0, help="seconds of writing per reader")
    ap.add_argument("--warmup", type=float, default=0.5)
    ap.add_argument("--readers", default=",".join(READERS))
    ap.add_argument("--customers", type=int, required=True, help="C000001.. exist")
    ap.add_argument("--reader-nice", type=int, default=0,
                    help="run the reader under nice -n N (as a cron line can)")
    args = ap.parse_args()
    customers = args.customers
    ok = True
    for name in args.readers.split(","):
        ok = run(args, name, customers) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
