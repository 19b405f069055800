#!/usr/bin/env python3
"""Refreshes the output under every "$ command" line of the ```console blocks in a doc by
running the commands, in order, in a scratch copy of samples/ and rules/ — the same way
tests/e2e/docs_examples.sh checks them.

    python3 docs/fill_examples.py build/cli/revisit docs/commands.md
"""
import os
import shutil
import subprocess
import sys
import tempfile

binary, doc = os.path.abspath(sys.argv[1]), sys.argv[2]
src = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = tempfile.mkdtemp()
for d in ("samples", "rules"):
    shutil.copytree(os.path.join(src, d), os.path.join(work, d))
subprocess.run(["chmod", "-R", "go-rwx", work], check=True)  # as docs_examples.sh: no warning
env = dict(os.environ, REVISIT=binary)
env.pop("REVISIT_DATA", None)

out, inside = [], False
for line in open(doc, encoding="utf-8").read().split("\n"):
    if line.startswith("```console"):
        inside = True
        out.append(line)
        continue
    if inside and line.startswith("```"):
        inside = False
        out.append(line)
        continue
    if inside and not line.startswith("$ "):
        continue  # old output: regenerated below
    out.append(line)
    if inside:
        result = subprocess.run(["bash", "-c", 'revisit() { "$REVISIT" "$@"; }; ' + line[2:]],
                                cwd=work, env=env, capture_output=True, text=True)
        text = (result.stdout + result.stderr).rstrip("\n")
        if text:
            out.extend(l.rstrip() for l in text.split("\n"))
open(doc, "w", encoding="utf-8").write("\n".join(out))
shutil.rmtree(work)
