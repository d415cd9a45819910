#!/usr/bin/env python3
"""Prints, as Markdown for a pull-request comment, every baseline whose values a change makes different.

    build/baseline-changes.py BASE_REF      run inside the repository; compares baselines/ at the merge base of
                                            BASE_REF and HEAD with the working tree

A full-profile metric shows its mean and its band (the prediction interval the gate accepts), old -> new (a
single-seed cross-validation baseline its one value and its number of folds, whose spread made the band); a smoke
metric its values and relative tolerances. The comment starts with a marker line, so that CI can find and update
its one comment in place instead of adding another. Each experiment names its anchor on the reproduction page
(index.html#<id>, in the uploaded reproduction-report artifact).
"""
import json
import pathlib
import subprocess
import sys

MARKER = "<!-- repro-baseline-changes -->"
SUFFIX = ".verified.json"


def git(*args):
    return subprocess.run(["git", *args], check=True, capture_output=True, text=True).stdout


def old_text(base, path):
    found = subprocess.run(["git", "show", f"{base}:{path}"], capture_output=True, text=True)
    return found.stdout if found.returncode == 0 else None


def number(value):
    return f"{value:.6g}"


def describe(metric):
    if metric is None:
        return "none"
    if "folds" in metric:
        band = metric["interval"]
        return f"{number(metric['values'][0])} (one seed, {len(metric['folds'])} folds), band [{number(band['low'])}, {number(band['high'])}]"
    if "interval" in metric:
        band = metric["interval"]
        return f"mean {number(metric['mean'])} (n {metric['n']}), band [{number(band['low'])}, {number(band['high'])}]"
    values = ", ".join(number(v) for v in metric["values"][:4]) + (f", ... {len(metric['values'])} values" if len(metric["values"]) > 4 else "")
    tolerances = sorted(set(metric.get("relative_tolerances", [])))
    tolerance = f", relative tolerance {number(tolerances[0])}" + (f" to {number(tolerances[-1])}" if len(tolerances) > 1 else "") if tolerances else ""
    return f"[{values}]{tolerance}"


def changes(base):
    merge_base = git("merge-base", base, "HEAD").strip()
    paths = sorted(set(git("diff", "--name-only", merge_base, "--", "baselines").split()) | set(
        git("ls-files", "--others", "--exclude-standard", "--", "baselines").split()))
    for path in (p for p in paths if p.endswith(SUFFIX)):
        before = old_text(merge_base, path)
        after_file = pathlib.Path(path)
        old = json.loads(before) if before else None
        new = json.loads(after_file.read_text(encoding="utf-8")) if after_file.exists() else None
        experiment = pathlib.PurePosixPath(path).name[: -len(SUFFIX)]
        profile = pathlib.PurePosixPath(path).parent.as_posix().removeprefix("baselines/")
        old_metrics = (old or {}).get("metrics", {})
        new_metrics = (new or {}).get("metrics", {})
        rows = [(name, describe(old_metrics.get(name)), describe(new_metrics.get(name)))
                for name in sorted(set(old_metrics) | set(new_metrics)) if old_metrics.get(name) != new_metrics.get(name)]
        if old and new and old.get("version") != new.get("version"):
            rows.insert(0, ("version", str(old["version"]), str(new["version"])))
        if rows or old is None or new is None:
            yield experiment, profile, old is None, new is None, rows


def main():
    if len(sys.argv) != 2:
        print("usage: build/baseline-changes.py BASE_REF (e.g. origin/main)", file=sys.stderr)
        return 2
    lines = [MARKER, "### Baselines this change moves", ""]
    found = list(changes(sys.argv[1]))
    if not found:
        lines.append("No baseline value changed.")
    for experiment, profile, added, removed, rows in found:
        state = " (new)" if added else " (removed)" if removed else ""
        lines += [f"**{experiment}** `{profile}`{state} — page anchor `index.html#{experiment}`", ""]
        if rows:
            lines += ["| metric | old | new |", "| --- | --- | --- |"]
            lines += [f"| {name} | {old} | {new} |" for name, old, new in rows]
            lines.append("")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
