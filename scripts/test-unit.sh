#!/usr/bin/env bash
# `npm run test:unit`: the suites that need no Debian package and no service (jest.unit.config.js), for the
# edit-test loop; no setup.sh. The tools setup.sh installs are shadowed by stubs that fail, so a unit suite
# that starts one fails here rather than passing only on a machine that happens to have it.
set -euo pipefail
cd "$(dirname "$0")/.."
stubs=$(mktemp -d)
trap 'rm -rf "$stubs"' EXIT
for tool in docker-registry buildah podman skopeo docker dockerd htpasswd azurite jq qemu-aarch64-static; do
  printf '#!/bin/sh\necho "%s is not available to unit tests: npm test runs the suites that need it." >&2\nexit 127\n' \
    "$tool" >"$stubs/$tool"
  chmod +x "$stubs/$tool"
done
PATH="$stubs:$PATH" node --experimental-vm-modules node_modules/jest/bin/jest.js --config jest.unit.config.js "$@"
