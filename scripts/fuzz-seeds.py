#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpus (fuzz/corpus/<target>/) from the shared vectors.

Each seed is one vector's input, named by the SHA-1 of its bytes as libFuzzer names its own
finds, so a rerun writes the same files. `--check` only compares, for CI: the committed seeds
must be what the vectors give.

    python3 scripts/fuzz-seeds.py          # rewrite fuzz/corpus/
    python3 scripts/fuzz-seeds.py --check  # exit 1 when fuzz/corpus/ is stale
"""

import hashlib
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
VECTORS = ROOT / "tests" / "vectors"
CORPUS = ROOT / "fuzz" / "corpus"

# Which vector kinds feed which target (tests/vectors/README.md lists the kinds).
TARGET_KINDS = {
    "form": {"notify", "return"},
    "response": {"response", "aes_response", "diagnose_response"},
    "aes": {"aes_decrypt", "open_data"},
    "wap": {"wap_notify", "app_result"},
    "diagnose": {"diagnose", "diagnose_response"},
    "v3": {"v3_response", "diagnose_v3"},
}


def raw_input(vector):
    if "input_hex" in vector:
        return bytes.fromhex(vector["input_hex"])
    value = vector.get("input")
    return value.encode() if isinstance(value, str) else None


def v3_input(vector):
    """The v3 target's framing: `name: value` lines, an empty line, the body."""
    head = "".join(f"{name}: {value}\n" for name, value in vector.get("headers", []))
    return (head + "\n" + vector.get("body", "")).encode()


def seeds():
    out = {target: set() for target in [*TARGET_KINDS, "keys", "cert"]}
    for path in sorted(VECTORS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for text in data.get("keys", {}).values():
            # Every key text a vector file holds: PEM, bare base64, certificates, garbage.
            out["cert" if "CERTIFICATE" in text else "keys"].add(text.encode())
        for vector in data["vectors"]:
            kind = vector["kind"]
            if kind == "cert_sn":
                out["cert"].add(vector["cert"].encode())
            for target, kinds in TARGET_KINDS.items():
                if kind not in kinds:
                    continue
                seed = v3_input(vector) if target == "v3" else raw_input(vector)
                if seed:
                    out[target].add(seed)
    for pem in sorted((VECTORS / "keys").glob("*.pem")) + sorted((VECTORS / "certs").glob("*.crt")):
        text = pem.read_bytes()
        out["cert" if b"CERTIFICATE" in text else "keys"].add(text)
    return out


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for target, inputs in sorted(seeds().items()):
        folder = CORPUS / target
        want = {hashlib.sha1(seed).hexdigest(): seed for seed in inputs}
        have = {p.name for p in folder.glob("*")} if folder.is_dir() else set()
        if check:
            if have != set(want) or any((folder / n).read_bytes() != s for n, s in want.items()):
                stale.append(target)
            continue
        folder.mkdir(parents=True, exist_ok=True)
        for name in have - set(want):
            (folder / name).unlink()
        for name, seed in want.items():
            (folder / name).write_bytes(seed)
        print(f"{target}: {len(want)} seeds")
    if stale:
        print("fuzz/corpus is stale for: " + ", ".join(stale) + " (run scripts/fuzz-seeds.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
