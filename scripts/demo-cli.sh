#!/usr/bin/env bash
# The command-line tour: `make demo-cli`. Signs sample notifications with a throwaway key,
# verifies them with the CLI, and shows what a tampered, misaddressed or wrongly-keyed message gets.
source "$(dirname "$0")/common.sh"
need_rust
command -v python3 >/dev/null 2>&1 || apt_install python3

step "building the alipay-notify command (release)"
cargo build --release --locked -q -p alipay-notify-cli
CLI="$PWD/target/release/alipay-notify"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

show() { printf '\n$ %s\n' "$*"; }
# Runs a command that is expected to be rejected, and shows its exit code.
rejected() {
  set +e
  "$@"
  local code=$?
  set -e
  echo "(exit code $code)"
}

step "1. A throwaway key pair stands in for Alipay's (the public half as the console shows it)"
show alipay-notify keygen --private-out alipay_private.pem --public-out alipay_public.txt --public-format base64
"$CLI" keygen --private-out alipay_private.pem --public-out alipay_public.txt --public-format base64
"$CLI" keygen --private-out app_private.pem --public-out app_public.pem 2>/dev/null
echo "alipay_public.txt: $(cut -c1-48 alipay_public.txt)…"

step "2. A signed notify_url POST body, as Alipay sends it"
show alipay-notify simulate --private-key alipay_private.pem --out-trade-no T1001 --total-amount 88.00 '> body.txt'
"$CLI" simulate --private-key alipay_private.pem --out-trade-no T1001 --total-amount 88.00 > body.txt
cut -c1-160 body.txt; echo "… ($(wc -c < body.txt) bytes)"

step "3. Verified: the signed parameters, how they verified, and typed fields"
show alipay-notify verify --key alipay_public.txt --app-id 2021000000000000 --out-trade-no T1001 --total-amount 88.00 --output report '< body.txt'
"$CLI" verify --key alipay_public.txt --app-id 2021000000000000 --out-trade-no T1001 --total-amount 88.00 --output report < body.txt
echo "(exit code 0: answer Alipay with exactly: success)"

step "4. A tampered copy (total_amount 88.00 changed to 0.01) is rejected"
sed 's/total_amount=88.00/total_amount=0.01/' body.txt > tampered.txt
show alipay-notify verify --key alipay_public.txt '< tampered.txt'
rejected "$CLI" verify --key alipay_public.txt < tampered.txt

step "5. The #1 real-world mistake: the app's own public key configured instead of Alipay's"
show alipay-notify verify --key app_public.pem '< body.txt'
rejected "$CLI" verify --key app_public.pem < body.txt

step "6. Authentic, but for another order amount: the business check catches it"
show alipay-notify verify --key alipay_public.txt --out-trade-no T1001 --total-amount 8.80 '< body.txt'
rejected "$CLI" verify --key alipay_public.txt --out-trade-no T1001 --total-amount 8.80 < body.txt

step "7. A return_url redirect (the whole URL), and a GBK-encoded notification"
URL="https://shop.example/alipay/return?$("$CLI" simulate --private-key alipay_private.pem --kind return --out-trade-no T1001)"
show "echo \"https://shop.example/alipay/return?…\" | alipay-notify verify --key alipay_public.txt"
echo "$URL" | "$CLI" verify --key alipay_public.txt
"$CLI" simulate --private-key alipay_private.pem --charset GBK --subject '测试商品：中文' > gbk.txt
show alipay-notify verify --key alipay_public.txt '< gbk.txt   # body is percent-encoded GBK bytes'
"$CLI" verify --key alipay_public.txt --output report < gbk.txt | python3 -c \
  'import json,sys; r=json.load(sys.stdin); print("subject:", r["params"]["subject"], "| charset:", r["verification"]["charset"])'

step "8. A legacy mapi (即时到账) notification signed with the partner's MD5 key"
"$CLI" simulate --md5-key demo-partner-key --out-trade-no T1002 > md5.txt
show alipay-notify verify --md5-key '***' '< md5.txt'
"$CLI" verify --md5-key demo-partner-key < md5.txt | python3 -c \
  'import json,sys; p=json.load(sys.stdin); print("verified", len(p), "params; out_trade_no =", p["out_trade_no"])'

step "9. A real notification signed by Alipay (published in the Node SDK's test suite)"
python3 - "$OLDPWD/tests/vectors/alipay_real.json" <<'PY'
import json, shlex, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
vector = next(v for v in doc["vectors"] if v["id"] == "alipay-real-n4-notify-2019-08-yuque")
open("real_key.txt", "w").write(doc["keys"][vector["keys"][0]])
open("real_body.txt", "w").write(vector["input"])
print("source:", vector["source"])
PY
show alipay-notify verify --key real_key.txt '< real_body.txt'
"$CLI" verify --key real_key.txt < real_body.txt | head -8; echo "  …"
echo
echo "Done. Every step above ran the same binary as: cargo run -p alipay-notify-cli -- <command>"
