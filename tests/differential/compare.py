#!/usr/bin/env python3
"""Compares the verdicts of alipay-notify and the SDKs on the differential corpus.

Usage: compare.py CORPUS OURS FZLEE OFFICIAL NODE [--markdown FILE]

Every verifier's verdict is predicted from the case (its family, variant and facts) by the
rules below: our verdict by docs/rules.md, each SDK's by the first of RULES that applies to it,
else the same as ours. A verdict that differs from its prediction is a failure: a disagreement
no rule explains, or an agreement where a rule says the SDK differs. A case passes when all
five verdicts are as predicted. Prints the counts per verifier and family and, last,
"cases: N passed, M failed"; exits 1 on any failure.
"""

import argparse
import collections
import json
import sys

VERIFIERS = ["ours", "n4_checkNotifySign", "n4_checkNotifySignV2", "fzlee", "official"]
SDKS = VERIFIERS[1:]
TITLES = {
    "ours": "alipay-notify (Python wheel)",
    "n4_checkNotifySign": "alipay-sdk `checkNotifySign`",
    "n4_checkNotifySignV2": "alipay-sdk `checkNotifySignV2`",
    "fzlee": "python-alipay-sdk `AliPay.verify`",
    "official": "alipay-sdk-python `verify_with_rsa`",
}

# Our verdict per family (docs/rules.md): accept unless listed here.
OURS_REJECTS = {
    "tampered": None,
    "wrong_key": None,
    "extra_param": None,
    "no_signature": None,
    "embedded_pair": None,
    "resplit": None,
    "duplicate": None,
    "rsa_downgrade": None,
    "md5_legacy": {"tampered"},
}


def ours_accepts(case):
    if case["family"] not in OURS_REJECTS:
        return True
    variants = OURS_REJECTS[case["family"]]
    return variants is not None and case["variant"] not in variants


def fam(family, *variants):
    return lambda c: c["family"] == family and (not variants or c["variant"] in variants)


# (reason, verifiers it applies to, predicate, SDK verdict). First match wins; the reason of a
# disagreement is the rule that decided it. docs/compatibility.md explains each with sources.
ALL = tuple(SDKS)
NODE = ("n4_checkNotifySign", "n4_checkNotifySignV2")
RULES = [
    ("md5_unsupported", ALL, fam("md5_legacy"), False),
    ("sign_space_not_repaired", ALL, fam("sign_space", "plus_in_sign"), False),
    ("double_decoding", ("n4_checkNotifySign",), lambda c: c["facts"]["percent_in_values"], False),
    ("algorithm_from_message", NODE + ("official",), fam("rsa_downgrade"), True),
    (
        "duplicate_last_wins",
        ("fzlee", "official"),
        fam("duplicate", "same_value", "genuine_last"),
        True,
    ),
    ("one_reading", ALL, lambda c: c["family"] in ("embedded_pair", "resplit"), True),
    (
        "empty_values_kept",
        ALL,
        lambda c: (
            fam("empty_value", "skipped_by_signer", "no_equals_sign")(c)
            or (c["family"] == "blank_value" and c["variant"].startswith("java_whitespace"))
        ),
        False,
    ),
    ("utf8_only", NODE + ("fzlee",), lambda c: c["facts"]["non_utf8_bytes"], False),
    ("v1_only", ("fzlee",), fam("gateway_v2"), False),
]


def predict(verifier, case):
    """(accept, reason): reason is the rule that makes an SDK differ from us, else None."""
    ours = ours_accepts(case)
    if verifier == "ours":
        return ours, None
    for reason, who, applies, verdict in RULES:
        if verifier in who and applies(case):
            return verdict, (reason if verdict != ours else None)
    return ours, None


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("ours")
    ap.add_argument("fzlee")
    ap.add_argument("official")
    ap.add_argument("node")
    ap.add_argument("--markdown")
    args = ap.parse_args()

    cases = load(args.corpus)
    verdicts = {"ours": {}, "fzlee": {}, "official": {}}
    for name in verdicts:
        for v in load(getattr(args, name)):
            verdicts[name][v["id"]] = v
    verdicts["n4_checkNotifySign"], verdicts["n4_checkNotifySignV2"] = {}, {}
    for v in load(args.node):
        verdicts["n4_checkNotifySign"][v["id"]] = v["checkNotifySign"]
        verdicts["n4_checkNotifySignV2"][v["id"]] = v["checkNotifySignV2"]

    # counts[verifier][family] = Counter of "agree" / reason
    counts = {v: collections.defaultdict(collections.Counter) for v in VERIFIERS}
    errors = {v: collections.defaultdict(collections.Counter) for v in VERIFIERS}
    passed = failed = 0
    shown = 0
    for case in cases:
        ok = True
        for verifier in VERIFIERS:
            got = verdicts[verifier].get(case["id"])
            want, reason = predict(verifier, case)
            if got is None or got["accept"] != want:
                ok = False
                if shown < 20:
                    shown += 1
                    print(
                        f"UNEXPLAINED {verifier} {case['id']} {case['family']}/{case['variant']}: "
                        f"predicted {'accept' if want else 'reject'}, got {got}",
                        file=sys.stderr,
                    )
                counts[verifier][case["family"]]["UNEXPLAINED"] += 1
                continue
            counts[verifier][case["family"]][reason or "agree"] += 1
            if not got["accept"] and got.get("error"):
                errors[verifier][case["family"]][got["error"]] += 1
        passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)

    families = sorted({c["family"] for c in cases})
    lines = []
    for verifier in VERIFIERS:
        lines.append(f"\n{TITLES[verifier]}")
        for family in families:
            c = counts[verifier][family]
            if not c:
                continue
            parts = [f"agree {c['agree']}"] + [
                f"{r} {n}" for r, n in sorted(c.items()) if r != "agree"
            ]
            lines.append(f"  {family:14} " + ", ".join(parts))
    print("\n".join(lines))
    if args.markdown:
        write_markdown(args.markdown, cases, counts, errors, families)
    print(f"cases: {passed} passed, {failed} failed")
    return 1 if failed else 0


def write_markdown(path, cases, counts, errors, families):
    out = [f"Cases: {len(cases)}. Each cell: agree / disagree (the reasons, below).", ""]
    out.append("| family | cases | " + " | ".join(TITLES[v] for v in SDKS) + " |")
    out.append("|---|---|" + "---|" * len(SDKS))
    per_family = collections.Counter(c["family"] for c in cases)
    for family in families:
        cells = []
        for v in SDKS:
            c = counts[v][family]
            dis = {r: n for r, n in c.items() if r != "agree"}
            cell = f"{c['agree']} / {sum(dis.values())}"
            if dis:
                cell += " (" + ", ".join(f"`{r}`" for r in sorted(dis)) + ")"
            cells.append(cell)
        out.append(f"| `{family}` | {per_family[family]} | " + " | ".join(cells) + " |")
    totals = []
    for v in SDKS:
        agree = sum(c["agree"] for c in counts[v].values())
        totals.append(f"{agree} / {len(cases) - agree}")
    out.append(f"| **all** | {len(cases)} | " + " | ".join(totals) + " |")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    sys.exit(main())
