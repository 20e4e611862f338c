#!/usr/bin/env python3
"""`make bench` (scripts/bench.sh): every binding next to what its users would otherwise run,
on one generated corpus, in interleaved rounds, as ratios to `openssl speed rsa2048` measured in
the same run; writes BENCHMARKS.md and its chart. `--check` is the CI smoke
(scripts/test-bench.sh): one pass of each harness over a tiny corpus, every verdict checked.

    run.py --corpus DIR --rust EXE --php-ext SO --node-path DIR [--rounds R] [--seconds S]
           [--doc BENCHMARKS.md --chart PNG] [--check]

Each harness (core/benches/corpus.rs, bench/harness.{py,php,js}) prints one JSON line per
(verifier, set): {"id", "set", "n", "cpu", "accepted"}; a rate is n / cpu, verifies per
CPU-second of the harness process. A round runs openssl, Rust, Python, PHP, Node in turn; the
figures are the medians over the rounds, each ratio taken within its round first.
"""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# Sets whose every message must verify; the others (a wrong key, the hostile body) must not.
VALID_SETS = {"valid", "v2", "gbk"}

LANGS = [
    # (prefix, row label, [(peer id, peer label, target ratio ours/peer)], target ratio to floor)
    ("rust", "Rust core `Verifier::verify_notify`", [], 0.92),
    (
        "py",
        "Python wheel `verify_notify`",
        [
            ("py/cryptography", "hand-rolled `cryptography`", 4.0),
            ("py/python-alipay-sdk", "python-alipay-sdk `AliPay.verify`", 15.0),
        ],
        0.88,
    ),
    (
        "php",
        "PHP extension `verifyNotify`",
        [
            ("php/openssl_verify", "`openssl_verify` with a cached key", 1.5),
            ("php/aopclient", "AopClient `rsaCheckV1`", 15.0),
        ],
        0.88,
    ),
    (
        "node",
        "Node addon `verifyNotify(Buffer)`",
        [
            ("node/crypto.verify", "hand-rolled `crypto.verify` with a KeyObject", 2.2),
            ("node/alipay-sdk", "alipay-sdk `checkNotifySignV2`", 15.0),
        ],
        0.88,
    ),
]
WORST = [
    ("invalid", "invalid signature (wrong key: every rule tried)"),
    ("v2", "V2 message under rule auto (V1 tried first)"),
    ("gbk", "GBK message"),
]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def openssl_verify_rate(seconds):
    out = sh(["openssl", "speed", "-seconds", str(seconds), "rsa2048"], stdin=subprocess.DEVNULL)
    col = None
    for line in out.splitlines():
        fields = line.split()
        if "verify/s" in fields:
            col = fields.index("verify/s")
        elif col is not None and fields[:3] == ["rsa", "2048", "bits"]:
            # The header has no "rsa 2048 bits" cells: its column k is field 3 + k of a row.
            return float(fields[3 + col])
    raise RuntimeError("no verify/s in openssl speed's output")


def harnesses(a, seconds, check):
    extra = ["--check"] if check else []
    env = dict(os.environ, NODE_PATH=a.node_path, PYTHONDONTWRITEBYTECODE="1")
    return [
        ("rust", [a.rust, a.corpus, str(seconds)] + extra, env),
        (
            "py",
            [sys.executable, "-B", os.path.join(HERE, "harness.py"), a.corpus, str(seconds)]
            + extra,
            env,
        ),
        (
            "php",
            [
                "php",
                "-n",
                "-d",
                f"extension={a.php_ext}",
                os.path.join(HERE, "harness.php"),
                a.corpus,
                str(seconds),
            ]
            + extra,
            env,
        ),
        ("node", ["node", os.path.join(HERE, "harness.js"), a.corpus, str(seconds)] + extra, env),
    ]


def run_harness(name, cmd, env):
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    rows = []
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            rows.append(json.loads(line))
    if proc.returncode != 0:
        raise RuntimeError(
            f"the {name} harness failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}"
        )
    return rows


def verdicts_ok(row):
    want = row["n"] if row["set"] in VALID_SETS else 0
    return row["accepted"] == want, want


def check_mode(a):
    passed = failed = 0
    seen = set()
    for name, cmd, env in harnesses(a, 0, True):
        try:
            rows = run_harness(name, cmd, env)
        except RuntimeError as e:
            print(f"FAIL {e}")
            failed += 1
            continue
        for row in rows:
            ok, want = verdicts_ok(row)
            seen.add((row["id"], row["set"]))
            what = f"{row['id']} {row['set']}: {row['accepted']} of {row['n']} verified, {want} expected"
            if ok and row["n"] > 0:
                passed += 1
                print(f"ok {what}")
            else:
                failed += 1
                print(f"FAIL {what}")
    # Every verifier of the table ran over the valid and the invalid messages.
    expected = {
        (f"{p}/ours", s) for p, *_ in LANGS for s in ("valid", "invalid", "v2", "gbk", "hostile")
    }
    expected |= {
        (peer, s) for _, _, peers, _ in LANGS for peer, _, _ in peers for s in ("valid", "invalid")
    }
    for missing in sorted(expected - seen):
        failed += 1
        print(f"FAIL {missing[0]} {missing[1]}: not measured")
    print(f"test-bench: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def cpu_ticks():
    """(busy, total) jiffies of all CPUs, from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return sum(fields) - idle, sum(fields)


def busy_share(before, after):
    busy, total = after[0] - before[0], after[1] - before[1]
    return busy / total if total else 0.0


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def versions(a):
    from importlib import metadata

    def first(cmd):
        try:
            return sh(cmd).splitlines()[0].strip()
        except (OSError, subprocess.CalledProcessError):
            return "?"

    lock = open(os.path.join(ROOT, "Cargo.lock")).read()

    def crate(name):
        m = re.search(r'name = "%s"\nversion = "([^"]+)"' % re.escape(name), lock)
        return m.group(1) if m else "?"

    sdk = json.load(open(os.path.join(a.node_path, "alipay-sdk", "package.json")))["version"]
    return [
        (
            "alipay-notify",
            f"{metadata.version('alipay-notify')} (AWS-LC through aws-lc-rs {crate('aws-lc-rs')})",
        ),
        ("rustc", first(["rustc", "--version"])),
        ("OpenSSL", first(["openssl", "version"])),
        ("Python", platform.python_version()),
        ("PHP", first(["php", "-n", "-v"])),
        ("Node", first(["node", "--version"])),
        ("cryptography (PyPI)", metadata.version("cryptography")),
        (
            "python-alipay-sdk (PyPI)",
            f"{metadata.version('python-alipay-sdk')} (with pycryptodomex {metadata.version('pycryptodomex')})",
        ),
        ("alipay-sdk (npm)", sdk),
        ("AopClient", "its `rsaCheckV1` logic in bench/harness.php, PHP's openssl extension"),
    ]


def machine():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} CPUs, {model}, {platform.machine()}, Linux {platform.release()}"


def bench_mode(a):
    started = time.time()
    rounds = []  # {"openssl": rate, "load": ..., "rates": {(id, set): rate}, "n": {...}}
    load_before = loadavg()
    ticks_before = cpu_ticks()
    for r in range(a.rounds):
        round_ticks = cpu_ticks()
        log(f"== round {r + 1}/{a.rounds}: openssl speed -seconds {a.openssl_seconds} rsa2048")
        rnd = {"openssl": openssl_verify_rate(a.openssl_seconds), "rates": {}, "n": {}}
        log(f"   openssl rsa2048 verify/s: {rnd['openssl']:.0f}")
        for name, cmd, env in harnesses(a, a.seconds, False):
            log(f"   {name} harness")
            for row in run_harness(name, cmd, env):
                ok, want = verdicts_ok(row)
                if not ok:
                    raise RuntimeError(
                        f"{row['id']} {row['set']}: {row['accepted']} of {row['n']} verified, {want} expected"
                    )
                key = (row["id"], row["set"])
                rnd["rates"][key] = row["n"] / row["cpu"]
                rnd["n"][key] = row["n"]
        rnd["load"] = loadavg()
        rnd["busy"] = busy_share(round_ticks, cpu_ticks())
        log(f"   load average {rnd['load']}")
        rounds.append(rnd)
    result = {
        "rounds": rounds,
        "load_before": load_before,
        "load_after": loadavg(),
        "busy": busy_share(ticks_before, cpu_ticks()),
        "started": time.strftime("%Y-%m-%d %H:%M", time.gmtime(started)),
        "minutes": (time.time() - started) / 60,
        "openssl_seconds": a.openssl_seconds,
        "machine": machine(),
        "versions": versions(a),
    }
    return result


def med(values):
    return statistics.median(values)


def figures(res):
    """Medians over the rounds: rates, ratios to the floor (within each round), ratios to peers."""
    rounds = res["rounds"]
    keys = rounds[0]["rates"].keys()
    rate = {k: med([r["rates"][k] for r in rounds]) for k in keys}
    floor_ratio = {k: med([r["rates"][k] / r["openssl"] for r in rounds]) for k in keys}
    floor = med([r["openssl"] for r in rounds])
    return rate, floor_ratio, floor


def fmt_rate(x):
    return f"{x:,.0f}"


def fmt_ratio(x):
    return f"{x:.2f}x" if x < 10 else f"{x:.1f}x"


def render(res, chart_rel):
    rounds = res["rounds"]
    rate, fr, floor = figures(res)
    peer_ratio = lambda ours, peer: med([r["rates"][ours] / r["rates"][peer] for r in rounds])  # noqa: E731
    rust = ("rust/ours", "valid")
    out = []
    w = out.append
    w("## Results of the last `make bench`")
    w("")
    w(
        f"Run {res['started']} UTC, {len(rounds)} interleaved round{'s' if len(rounds) > 1 else ''}, {res['minutes']:.1f} minutes. "
        f"Load average (1, 5, 15 min) before: {res['load_before']}; after each round: "
        + ", ".join(r["load"].split()[0] for r in rounds)
        + f"; after: {res['load_after']}. All CPUs together were busy {res['busy']:.0%} of the "
        f"time (rounds: " + ", ".join(f"{r['busy']:.0%}" for r in rounds) + "); a harness keeps "
        f"one CPU busy, {1 / (os.cpu_count() or 1):.0%} of {os.cpu_count()}, the rest is other work."
    )
    w("")
    w(
        "**The machine is a shared virtual machine**, quiet or not (see the CPU figures above): "
        "absolute rates move by 20–30% from run to run. The ratios are what count: each is taken "
        "within one round, between processes measured a few seconds apart, and the table gives "
        "their median."
    )
    w("")
    w(f"- Machine: {res['machine']}")
    for name, version in res["versions"]:
        w(f"- {name}: {version}")
    w(
        f"- The floor, `openssl speed -seconds {res['openssl_seconds']} rsa2048` verify/s: median {fmt_rate(floor)} (rounds: "
        + ", ".join(fmt_rate(r["openssl"]) for r in rounds)
        + ")"
    )
    w("")
    w(
        "| | verifies per CPU-second | ratio to the OpenSSL floor (target) | µs per call over the core | ratio to what users would otherwise run (target) |"
    )
    w("|---|---:|---:|---:|---|")
    for prefix, label, peers, target in LANGS:
        k = (f"{prefix}/ours", "valid")
        over = "—" if prefix == "rust" else f"{(1 / rate[k] - 1 / rate[rust]) * 1e6:+.1f}"
        mark = "met" if fr[k] >= target else "missed"
        vs = (
            "; ".join(
                f"**{fmt_ratio(peer_ratio(k, (pid, 'valid')))}** {plabel} (≥ {t:g}x: "
                f"{'met' if peer_ratio(k, (pid, 'valid')) >= t else 'missed'})"
                for pid, plabel, t in peers
            )
            or "—"
        )
        w(
            f"| {label} | {fmt_rate(rate[k])} | **{fmt_ratio(fr[k])}** (≥ {target:.2f}x: {mark}) | {over} | {vs} |"
        )
    w("")
    w("The peers themselves, on the same messages in the same rounds:")
    w("")
    w("| peer | verifies per CPU-second | ratio to the OpenSSL floor |")
    w("|---|---:|---:|")
    for _, _, peers, _ in LANGS:
        for pid, plabel, _ in peers:
            k = (pid, "valid")
            w(f"| {plabel} (`{pid}`) | {fmt_rate(rate[k])} | {fmt_ratio(fr[k])} |")
    w("")
    w("### Worst cases")
    w("")
    w(
        "Ratios to the OpenSSL floor (verifies per CPU-second); the last row in milliseconds of CPU "
        "per diagnosis."
    )
    w("")
    w("| case | Rust | Python | PHP | Node |")
    w("|---|---:|---:|---:|---:|")
    w(
        "| valid notification (the row above) | "
        + " | ".join(fmt_ratio(fr[(f"{p}/ours", "valid")]) for p, *_ in LANGS)
        + " |"
    )
    for s, label in WORST:
        w(f"| {label} | " + " | ".join(fmt_ratio(fr[(f"{p}/ours", s)]) for p, *_ in LANGS) + " |")
    w(
        "| `diagnose` of a hostile 64 KiB body (1,000 parameters with long unknown names, a blank value, `sign_type`) | "
        + " | ".join(f"{1000 / rate[(f'{p}/ours', 'hostile')]:.0f} ms" for p, *_ in LANGS)
        + " |"
    )
    w("")
    w("### Round by round")
    w("")
    w(
        "| round | OpenSSL verify/s | "
        + " | ".join(f"{p} ours" for p, *_ in LANGS)
        + " | "
        + " | ".join(pid for _, _, peers, _ in LANGS for pid, _, _ in peers)
        + " | CPUs busy | load after |"
    )
    w("|---:|---:|" + "---:|" * (len(LANGS) + sum(len(p[2]) for p in LANGS)) + "---:|---|")
    for i, r in enumerate(rounds, 1):
        cells = [fmt_ratio(r["rates"][(f"{p}/ours", "valid")] / r["openssl"]) for p, *_ in LANGS]
        cells += [
            fmt_ratio(r["rates"][(pid, "valid")] / r["openssl"])
            for _, _, peers, _ in LANGS
            for pid, _, _ in peers
        ]
        w(
            f"| {i} | {fmt_rate(r['openssl'])} | "
            + " | ".join(cells)
            + f" | {r['busy']:.0%} | {r['load']} |"
        )
    w("")
    w(
        f"![Verifies per CPU-second as a ratio to OpenSSL's rsa2048 verify/s, per binding and peer]({chart_rel})"
    )
    w("")
    return "\n".join(out), (rate, fr, floor)


def chart(res, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rate, fr, floor = figures(res)
    labels, values, colors = [], [], []
    palette = {"ours": "#1f77b4", "hand": "#999999", "sdk": "#d62728"}
    for prefix, label, peers, _ in LANGS:
        labels.append(label.replace("`", ""))
        values.append(fr[(f"{prefix}/ours", "valid")])
        colors.append(palette["ours"])
        for i, (pid, plabel, _) in enumerate(peers):
            labels.append("  " + plabel.replace("`", ""))
            values.append(fr[(pid, "valid")])
            colors.append(palette["hand"] if i == 0 else palette["sdk"])
    fig, ax = plt.subplots(figsize=(9, 5.2), dpi=110)
    y = list(range(len(labels)))[::-1]
    ax.barh(y, values, color=colors)
    ax.set_yticks(y, labels, fontsize=8.5)
    ax.set_xscale("log")
    ax.axvline(1.0, color="black", linewidth=1, linestyle="--")
    ax.text(1.0, -0.9, "OpenSSL floor (1x) ", fontsize=8, ha="right", va="center")
    for yy, v in zip(y, values):
        ax.text(v * 1.04, yy, fmt_ratio(v), va="center", fontsize=8)
    ax.set_xlim(min(values) / 1.5, max(2.0, max(values) * 1.6))
    ax.set_xlabel(
        "verifies per CPU-second ÷ openssl speed rsa2048 verify/s (log scale; higher is better)"
    )
    ax.set_ylim(-1.4, len(labels) - 0.4)
    ax.set_title(
        "alipay-notify (blue) next to hand-rolled verification (grey) and the SDKs (red)\n"
        f"{res['started']} UTC, median of {len(res['rounds'])} interleaved rounds, {res['machine'].split(',')[0]}",
        fontsize=9.5,
    )
    fig.tight_layout()
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    fig.savefig(path)


def write_doc(res, doc_path, chart_path):
    chart(res, chart_path)
    rel = os.path.relpath(chart_path, os.path.dirname(os.path.abspath(doc_path)))
    generated, _ = render(res, rel)
    template = open(os.path.join(HERE, "BENCHMARKS.in.md"), encoding="utf-8").read()
    text = template.replace("<!-- results -->", generated.rstrip() + "\n")
    # The end-to-end section belongs to scripts/bench-e2e.sh: kept as it is.
    old = open(doc_path, encoding="utf-8").read() if os.path.exists(doc_path) else ""
    m = re.search(r"<!-- e2e:start -->.*?<!-- e2e:end -->\n?", old, re.S)
    if m:
        text = text.rstrip("\n") + "\n\n" + m.group(0)
    with open(doc_path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus")
    ap.add_argument("--rust")
    ap.add_argument("--php-ext")
    ap.add_argument("--node-path")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=1.0)
    ap.add_argument("--openssl-seconds", type=int, default=3)
    ap.add_argument("--doc")
    ap.add_argument("--chart")
    ap.add_argument("--json", help="also write the raw rounds here")
    ap.add_argument("--from-json", help="render the figures of an earlier --json, measure nothing")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    if a.check:
        return check_mode(a)
    if a.from_json:
        with open(a.from_json) as f:
            res = json.load(f)
        for r in res["rounds"]:
            r["rates"] = {(i, s): v for i, s, v in r["rates"]}
            r["n"] = {(i, s): v for i, s, v in r["n"]}
        res["versions"] = [tuple(v) for v in res["versions"]]
        a.json = None
    else:
        res = bench_mode(a)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(
                {
                    **res,
                    "rounds": [
                        {
                            **r,
                            "rates": [[*k, v] for k, v in r["rates"].items()],
                            "n": [[*k, v] for k, v in r["n"].items()],
                        }
                        for r in res["rounds"]
                    ],
                },
                f,
                indent=1,
            )
    text, _ = render(
        res, os.path.relpath(a.chart or "bench.png", os.path.dirname(os.path.abspath(a.doc or "x")))
    )
    print(text)
    if a.doc:
        write_doc(res, a.doc, a.chart)
        log(f"wrote {a.doc} and {a.chart}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
