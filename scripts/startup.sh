#!/usr/bin/env bash
# `npm run bench:startup`: what starting the action costs on Node 24, against what loading @actions/core would.
# Four commands, each run by hyperfine with a hosted runner's lack of NODE_EXTRA_CA_CERTS: Node alone
# (`node -e ''`), the action's bundle with no inputs (it reads `mode`, finds it empty and fails), and a
# two-line script that loads @actions/core and reads an input, once bundled by ncc as actions ship it and once
# straight from node_modules. Prints each one's median wall time and mean CPU time (user + system), the
# steadier figure on a busy machine. Needs hyperfine (setup.sh installs it) and dist/ (npm run build).
set -euo pipefail
cd "$(dirname "$0")/.."
node=$(bash scripts/node24.sh)
work=.tmp/startup
mkdir -p "$work"
printf "import * as core from '@actions/core'\ncore.getInput('mode')\n" >"$work/core-only.mjs"
npx --no-install ncc build "$work/core-only.mjs" -o "$work/core-bundle" --quiet
env -u NODE_EXTRA_CA_CERTS hyperfine --shell=none --ignore-failure --style basic --warmup 5 --runs "${RUNS:-40}" \
  --export-json "$work/results.json" \
  -n "node -e ''" "$node -e ''" \
  -n "node dist/index.js" "$node dist/index.js" \
  -n "@actions/core, bundled" "$node $work/core-bundle/index.mjs" \
  -n "@actions/core, node_modules" "$node $work/core-only.mjs" >/dev/null
"$node" -e '
  const { results } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))
  const ms = s => `${Math.round(s * 1000)} ms`
  console.log(`Node ${process.version}, ${results[0].times.length} runs each: median wall time, mean CPU time`)
  for (const r of results) {
    console.log(`${r.command.padEnd(30)} wall ${ms(r.median).padStart(7)}   cpu ${ms(r.user + r.system).padStart(7)}`)
  }
  for (const [name, file] of [["dist/index.js", "dist/index.js"], ["@actions/core, bundled", process.argv[2]]])
    console.log(`${name}: ${Math.round(require("fs").statSync(file).size / 1024)} KiB`)
' "$work/results.json" "$work/core-bundle/index.mjs"
