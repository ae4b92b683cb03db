#!/usr/bin/env python3
"""Our lockbox and BAI2 readers next to independent ones from PyPI.

Usage: crosscheck_remittance.py SERVICER FILE...  (files ending .bai2/.bai as BAI2 when given
with --bai2, else lockbox). For each file, Servicer's `check` command and the independent
parser must agree on the count and the total in cents; a file the independent parser refuses
must be refused by ours too (ours may refuse more: it checks totals the others do not).
"""
import re
import subprocess
import sys
from decimal import Decimal


def ours(servicer, kind, path):
    """(ok, count, cents) from `servicer KIND check --file PATH`."""
    run = subprocess.run([servicer, kind, "check", "--file", path], capture_output=True, text=True)
    if run.returncode != 0:
        return (False, None, None, run.stderr.strip())
    m = re.search(r": (\d+) (?:checks|transactions), (-?\d+) cents", run.stdout)
    if not m:
        sys.exit(f"crosscheck: cannot read servicer's answer for {path}: {run.stdout!r}")
    return (True, int(m.group(1)), int(m.group(2)), "")


def lockbox_theirs(path):
    from lockbox.parser import LockboxFile

    lines = [l.strip() for l in open(path, encoding="ascii", errors="replace").readlines()]
    try:
        f = LockboxFile.from_lines(lines)
    except Exception as e:  # the independent parser's refusal
        return (False, None, None, repr(e))
    cents = sum(int((Decimal(str(c.amount)) * 100).to_integral_value()) for c in f.checks)
    return (True, len(f.checks), cents, "")


def bai2_theirs(path):
    from bai2 import bai2

    try:
        f = bai2.parse_from_string(open(path, encoding="ascii", errors="replace").read(), check_integrity=True)
    except Exception as e:
        return (False, None, None, repr(e))
    count = 0
    cents = 0
    for group in f.children:
        for account in group.children:
            for t in account.children:
                count += 1
                code = int(t.type_code.code) if hasattr(t.type_code, "code") else int(t.type_code)
                if 100 <= code < 400:
                    cents += t.amount
                elif 400 <= code < 700:
                    cents -= t.amount
    return (True, count, cents, "")


def main():
    args = sys.argv[1:]
    kind = "lockbox"
    if args and args[0] == "--bai2":
        kind = "bank"
        args = args[1:]
    servicer, files = args[0], args[1:]
    failed = False
    for path in files:
        a = ours(servicer, kind, path)
        b = lockbox_theirs(path) if kind == "lockbox" else bai2_theirs(path)
        if b[0] and not a[0]:
            print(f"crosscheck: {path}: the independent parser reads it, ours refuses: {a[3]}")
            failed = True
        elif a[0] and b[0] and (a[1], a[2]) != (b[1], b[2]):
            print(f"crosscheck: {path}: ours {a[1]} items / {a[2]} cents, theirs {b[1]} / {b[2]}")
            failed = True
        else:
            verdict = "both read it" if a[0] and b[0] else ("both refuse it" if not a[0] and not b[0] else "ours refuses it (a total does not add up); theirs reads it")
            if a[0] and not b[0]:
                verdict = "ours reads it; theirs refuses it: " + b[3][:120]
            print(f"crosscheck: {path}: {verdict}" + (f" ({a[1]} items, {a[2]} cents)" if a[0] and b[0] else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
