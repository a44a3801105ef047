#!/usr/bin/env bash
# The test command (`npm test`): sets the machine up, checks types, lint, formatting and that dist/ is the
# bundle of these sources, then runs every test. Its last line is `N passed, N failed[, N skipped]` from jest's results.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

echo "test: typecheck, lint and formatting"
npx --no-install tsc --noEmit
npx --no-install eslint --quiet .
npx --no-install prettier --check --log-level warn .

echo "test: dist/ matches a fresh bundle"
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
bash scripts/bundle.sh "$fresh"
if ! diff -r -q "$fresh" dist >/dev/null 2>&1; then
  diff -r -q "$fresh" dist || true
  echo "dist/ is stale: run 'npm run build' and commit dist/." >&2
  exit 1
fi

results="$fresh/jest-results.json"
set +e
node --experimental-vm-modules node_modules/jest/bin/jest.js --json --outputFile="$results" "$@"
status=$?
set -e
if [ -s "$results" ]; then
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""))' "$results"
else
  echo "0 passed, 1 failed"
fi
exit $status
