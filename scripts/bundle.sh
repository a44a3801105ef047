#!/usr/bin/env bash
# Bundles the action (dist/index.js, with lazily loaded chunks) and the command line (dist/cli.js, one file,
# with the licenses of the code bundled into it in dist/cli-licenses.txt, which the npm package ships) into OUT
# (default dist). `npm run build` and the test command's freshness check both call this.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}
# Chunks are named by webpack's module ids, which change as modules move: drop the old ones so none stays behind.
rm -f "$out"/*.index.js
npx --no-install ncc build src/index.ts -o "$out" --license licenses.txt --quiet
cli=$(mktemp -d)
npx --no-install ncc build src/cli.ts -o "$cli" --license licenses.txt --quiet
cp "$cli/index.js" "$out/cli.js"
cp "$cli/licenses.txt" "$out/cli-licenses.txt"
rm -rf "$cli"
