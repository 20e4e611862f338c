#!/usr/bin/env python3
"""Checks each Chinese page against its English original, for `make test`.

For every `X.zh-CN.md` beside an `X.md` in the repository:
- the fenced code blocks of both are identical (info string and text) and in the same order:
  a merchant copies commands and code from either page, and both must work the same;
- every relative link of either page points at a file or folder that exists.

Some pairs must exist (REQUIRED). Prints one line per failure and, last,
`check_docs: N passed, M failed`; exits 1 when a check failed.
Run from anywhere: `python3 tests/docs/check_docs.py [ROOT]`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import unquote

# Pages whose translation is part of the repository's contract.
REQUIRED = ["docs/install.md", "docs/troubleshooting.md"]

# Not the project's own pages: dependencies, build output, tool caches.
SKIP_DIRS = {".git", "target", "node_modules", ".venv", "venv", "dist", "vendor", "__pycache__"}

# Any indentation: fences inside list items are indented like the item's text.
FENCE = re.compile(r"^( *)(`{3,}|~{3,})(.*)$")
# [text](target "title") and ![alt](target); the target may be in <...>.
INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+\"[^\"]*\")?\s*\)")
# [label]: target
REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
HTML_LINK = re.compile(r"""<(?:a|img)\s[^>]*?(?:href|src)\s*=\s*["']([^"']+)["']""", re.I)
INLINE_CODE = re.compile(r"(`+)(?:.|\n)*?\1")


def split_fences(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The fenced code blocks (info string, body) and the lines outside them."""
    blocks: list[tuple[str, str]] = []
    prose: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match or (match.group(2)[0] == "`" and "`" in match.group(3)):
            prose.append(lines[i])
            i += 1
            continue
        indent, fence, info = match.groups()
        body = []
        i += 1
        while i < len(lines):
            close = re.match(r"^ *(`{3,}|~{3,})\s*$", lines[i])
            if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= len(fence):
                break
            # The opening fence's indentation is removed from each line (CommonMark).
            line = lines[i]
            strip = min(len(indent), len(line) - len(line.lstrip(" ")))
            body.append(line[strip:])
            i += 1
        i += 1  # the closing fence (or the end of the file)
        blocks.append((info.strip(), "\n".join(body)))
    return blocks, prose


def links(prose: list[str]) -> list[str]:
    """Every link target outside code: inline, reference definitions and HTML."""
    text = INLINE_CODE.sub("", "\n".join(prose))
    found = [m.group(1) for m in INLINE_LINK.finditer(text)]
    found += [m.group(1) for line in text.split("\n") for m in [REFERENCE.match(line)] if m]
    found += [m.group(1) for m in HTML_LINK.finditer(text)]
    return [t[1:-1] if t.startswith("<") and t.endswith(">") else t for t in found]


def is_relative(target: str) -> bool:
    return not (
        target.startswith("#")
        or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target)  # http:, https:, mailto:, ...
        or target.startswith("//")
    )


def resolve(root: Path, page: Path, target: str) -> Path:
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    base = root if path.startswith("/") else page.parent
    return (base / path.lstrip("/")).resolve()


def pages(root: Path) -> list[tuple[Path, Path]]:
    """(English, Chinese) pairs: every X.zh-CN.md that has an X.md beside it."""
    pairs = []
    for path in sorted(root.rglob("*.zh-CN.md")):
        if SKIP_DIRS.intersection(path.relative_to(root).parts[:-1]):
            continue
        english = path.with_name(path.name[: -len(".zh-CN.md")] + ".md")
        if english.is_file():
            pairs.append((english, path))
    return pairs


def check(root: Path) -> tuple[int, list[str]]:
    passed = 0
    failures: list[str] = []

    def record(ok: bool, message: str) -> None:
        nonlocal passed
        if ok:
            passed += 1
        else:
            failures.append(message)

    pairs = pages(root)
    found = {english.relative_to(root).as_posix() for english, _ in pairs}
    for required in REQUIRED:
        chinese = required[: -len(".md")] + ".zh-CN.md"
        record(required in found, f"{required}: missing, or {chinese} missing beside it")

    for english, chinese in pairs:
        en_name = english.relative_to(root).as_posix()
        zh_name = chinese.relative_to(root).as_posix()
        en_blocks, en_prose = split_fences(english.read_text(encoding="utf-8"))
        zh_blocks, zh_prose = split_fences(chinese.read_text(encoding="utf-8"))
        record(
            len(en_blocks) == len(zh_blocks),
            f"{zh_name}: {len(zh_blocks)} code blocks, {en_name} has {len(en_blocks)}",
        )
        for n, (en, zh) in enumerate(zip(en_blocks, zh_blocks), start=1):
            differs = en != zh
            where = "its info string" if en[0] != zh[0] else "its text"
            record(
                not differs,
                f"{zh_name}: code block {n} ({zh[0] or 'no info string'}) differs from "
                f"{en_name}'s block {n} in {where}"
                + (f": first differing line {first_difference(en[1], zh[1])!r}" if differs else ""),
            )
        for page, prose in ((english, en_prose), (chinese, zh_prose)):
            name = page.relative_to(root).as_posix()
            for target in links(prose):
                if not is_relative(target):
                    continue
                path = resolve(root, page, target)
                inside = path == root or root in path.parents
                record(
                    inside and path.exists(),
                    f"{name}: link {target!r} points at no file of the repository",
                )
    return passed, failures


def first_difference(a: str, b: str) -> str:
    for x, y in zip(a.split("\n"), b.split("\n")):
        if x != y:
            return y
    return "(one block is longer)"


def self_test() -> list[str]:
    """The checker on a small tree with known faults: each must be found, and nothing else."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "docs").mkdir()
        (root / "target").mkdir()
        for name in REQUIRED:
            (root / name).write_text("```sh\nmake test\n```\n[x](../LICENSE)\n", encoding="utf-8")
            zh = name[: -len(".md")] + ".zh-CN.md"
            (root / zh).write_text("```sh\nmake test\n```\n[x](../LICENSE)\n", encoding="utf-8")
        (root / "LICENSE").write_text("MIT\n", encoding="utf-8")
        (root / "README.md").write_text(
            "```sh\nmake test\n```\n~~~python\nprint(1)\n~~~\n[a](docs/install.md#x) [b](https://x.invalid/)\n",
            encoding="utf-8",
        )
        (root / "README.zh-CN.md").write_text(
            "```sh\nmake  test\n```\n~~~python\nprint(1)\n~~~\n[a](docs/gone.md) `[c](nowhere.md)`\n[d]: <docs/missing.md>\n",
            encoding="utf-8",
        )
        # Not a page of the project: never checked.
        (root / "target" / "x.zh-CN.md").write_text("[e](nowhere.md)\n", encoding="utf-8")
        (root / "target" / "x.md").write_text("\n", encoding="utf-8")
        _, failures = check(root)
    expected = [
        "README.zh-CN.md: code block 1",
        "README.zh-CN.md: link 'docs/gone.md'",
        "README.zh-CN.md: link 'docs/missing.md'",
    ]
    missed = [e for e in expected if not any(f.startswith(e) for f in failures)]
    extra = [f for f in failures if not any(f.startswith(e) for e in expected)]
    return [f"self-test: not found: {m}" for m in missed] + [
        f"self-test: unexpected: {x}" for x in extra
    ]


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2])
    root = root.resolve()
    passed, failures = check(root)
    broken = self_test()
    failures += broken
    passed += 0 if broken else 1
    for failure in failures:
        print(f"FAIL {failure}")
    print(f"check_docs: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
