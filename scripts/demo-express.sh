#!/usr/bin/env bash
# The Express example shop (`make demo-express`): builds the Node addon, installs the example's
# npm packages, and runs examples/express/demo.js on 127.0.0.1 (a free port): a checkout, then
# a throwaway key plays Alipay (signed notifications in UTF-8 and GBK, a tampered one, a
# return_url redirect). `cd examples/express && npm start` runs the shop for real.
source "$(dirname "$0")/common.sh"
need_rust
need_node

step "the Node addon (node/build.js: cargo build --release)"
(cd node && node build.js)

npm_dependencies examples/express

step "the example shop, with a throwaway key playing Alipay"
(cd examples/express && node demo.js)
