#!/usr/bin/env bash
# Installs what the demo, the tests and the benchmark need on a fresh Debian machine:
# Debian packages (registry, builders, skopeo, docker engine, QEMU), the buildx plugin
# taken from Debian 13's .deb without installing it, and the npm dependencies.
# Idempotent: every step checks first, so a second run costs a few hundred milliseconds.
set -euo pipefail
cd "$(dirname "$0")/.."
# Root on these machines; GitHub's runners need sudo for the system steps.
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

need_apt=()
for pair in docker-registry:docker-registry buildah:buildah podman:podman skopeo:skopeo \
            htpasswd:apache2-utils dockerd:docker.io qemu-aarch64-static:qemu-user-static \
            hyperfine:hyperfine curl:curl; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || need_apt+=("${pair#*:}")
done
# GNU time (the benchmark's peak memory, `-f %M`); `command -v time` finds the shell keyword instead.
[ -x /usr/bin/time ] || need_apt+=(time)
# docker.io ships the docker CLI too; keep a CLI that is already on the machine.
if ((${#need_apt[@]})); then
  echo "setup: installing Debian packages: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold "${need_apt[@]}" >/dev/null
fi

# buildx is only in Debian 13: take the plugin binary out of its .deb, never install the package
# (that would pull Debian 13's libc onto Debian 12).
plugin_dir=/usr/local/lib/docker/cli-plugins
if [ ! -x "$plugin_dir/docker-buildx" ]; then
  tmp=$(mktemp -d)
  (
    cd "$tmp"
    list=/etc/apt/sources.list.d/native-multiarch-trixie.list
    if [ ! -s "$list" ]; then
      # Reuse the mirror this machine already uses for Debian, pinned so nothing installs from it.
      mirror=$(grep -hoE '^(URIs:|deb) +[^ ]+/debian/?( |$)' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
        | head -n1 | awk '{print $2}')
      echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${mirror%/} trixie main" | $sudo tee "$list" >/dev/null
      printf 'Package: *\nPin: release n=trixie\nPin-Priority: 1\n' | $sudo tee /etc/apt/preferences.d/native-multiarch-trixie >/dev/null
      $sudo apt-get update -qq
    fi
    apt-get download -qq docker-buildx/trixie >/dev/null 2>&1 || apt-get download -qq -t trixie docker-buildx >/dev/null
    dpkg -x docker-buildx_*.deb x
    $sudo mkdir -p "$plugin_dir"
    $sudo install -m 0755 x/usr/libexec/docker/cli-plugins/docker-buildx "$plugin_dir/docker-buildx"
  ) || echo "setup: buildx plugin unavailable; buildx tests will be skipped"
  rm -rf "$tmp"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
