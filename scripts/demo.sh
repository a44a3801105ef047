#!/usr/bin/env bash
# `npm run demo`: sets the machine up, compiles the demo (it reuses the test harness), and runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -f dist/index.js ] || npm run build
npx --no-install tsc -p scripts/tsconfig.scripts.json
node .tmp/scripts/scripts/demo.js
