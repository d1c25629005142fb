import { HEALTH_CHECK_INTERVAL_SECONDS } from './constants'
import type { HealthCheck, InstallMode } from './inputs'

/**
 * The shell script each instance runs through AWS-RunShellScript, generated here and nowhere
 * else. Every value reaches it as a single-quoted shell word assigned to a variable at the top
 * (quoted, never interpolated into code): a quote, `$(...)`, a backtick or a newline in a value
 * stays data. The values are validated by inputs.ts as well. The user's own `commands` and a
 * command `health-check` are shell by design; they run through `sh -c "$VAR"`, so they cannot
 * change the script around them.
 *
 * POSIX sh (the agent runs the script with sh), written to work relative to its working
 * directory: in direct mode that is the install directory holding `releases/<version>/<name>`
 * and the symlink `current`.
 *
 * Its last line on failure, on stderr, is `deploy-binary: <step> failed: <why>`, which the
 * report reads back (steps: install, switch, restart, health check).
 */

export interface ScriptSpec {
  mode: InstallMode
  version: string
  /** `s3://bucket/prefix/version/name`: what direct mode downloads. */
  objectUri: string
  /** Hex SHA-256 the download must have (direct mode); empty: installed already, not checked again. */
  sha256: string
  binaryName: string
  region: string
  service?: string
  commands?: string
  healthCheck?: HealthCheck
  healthCheckTimeoutSeconds: number
}

/** Quotes a value as one POSIX shell word: `'...'`, with each `'` written as `'\''`. */
export function shellQuote(value: string): string {
  if (value.includes('\0')) throw new Error('a shell value cannot hold a NUL character')
  return `'${value.replace(/'/g, `'\\''`)}'`
}

/** The marker line a failed script ends with, and what the report reads from it. */
export const FAILURE_MARKER = /^deploy-binary: (install|switch|restart|health check) failed: (.*)$/m

export function parseFailureMarker(text: string): { step: string; why: string } | undefined {
  const lines = text.split(/\r?\n/).filter((l) => FAILURE_MARKER.test(l))
  const last = lines.at(-1)
  if (!last) return undefined
  const m = FAILURE_MARKER.exec(last)!
  return { step: m[1], why: m[2] }
}

export function buildScript(spec: ScriptSpec): string {
  const health = spec.healthCheck
  const vars: Array<[string, string]> = [
    ['VERSION', spec.version],
    ['NAME', spec.binaryName],
    ['OBJECT', spec.objectUri],
    ['SHA256', spec.sha256],
    ['REGION', spec.region],
    ['SERVICE', spec.service ?? ''],
    ['COMMANDS', spec.commands ?? ''],
    ['HEALTH_KIND', health?.kind ?? 'none'],
    ['HEALTH', health === undefined ? '' : health.kind === 'url' ? health.url : health.command],
    ['HEALTH_TIMEOUT', String(Math.round(spec.healthCheckTimeoutSeconds))],
  ]
  return [
    '#!/bin/sh',
    `# deploy-binary: ${spec.mode} mode. Every value below is data, quoted; nothing is interpolated into code.`,
    'set -u',
    ...vars.map(([name, value]) => `${name}=${shellQuote(value)}`),
    COMMON,
    spec.mode === 'direct' ? DIRECT : POINTER,
  ].join('\n')
}

const COMMON = `
# What the user's commands and health-check command may read.
export DEPLOY_VERSION="$VERSION"
FAILED_STEP=''
FAILED_WHY=''
STEP_QUIET=''
say() { printf 'deploy-binary: %s\\n' "$*"; }
# step NAME COMMAND...: runs COMMAND, shows its output (on failure not when STEP_QUIET is set),
# and on failure keeps its last line as the reason.
step() {
  step_name=$1
  shift
  step_log=$(mktemp) || return 1
  if "$@" >"$step_log" 2>&1; then
    cat "$step_log"
    rm -f "$step_log"
    return 0
  fi
  [ -n "$STEP_QUIET" ] || cat "$step_log"
  FAILED_STEP=$step_name
  FAILED_WHY=$(grep -v -e '^[[:space:]]*$' -e '^See "' "$step_log" | tail -n 1)
  [ -n "$FAILED_WHY" ] || FAILED_WHY='exited with an error and no output'
  rm -f "$step_log"
  return 1
}
fail() {
  printf 'deploy-binary: %s failed: %s\\n' "$FAILED_STEP" "$FAILED_WHY\${1:-}" >&2
  exit 1
}
restart() {
  if [ -n "$COMMANDS" ]; then
    sh -c "$COMMANDS"
  else
    systemctl restart "$SERVICE"
  fi
}
health_once() {
  case $HEALTH_KIND in
    url) curl -fsS -o /dev/null --max-time 10 "$HEALTH" ;;
    command) sh -c "$HEALTH" ;;
    *) return 0 ;;
  esac
}
# Retried until HEALTH_TIMEOUT seconds have passed. The first failed attempt shows its output,
# later ones only a reason that changed: SSM keeps the first 2,500 characters of the output in
# ListCommandInvocations, and the failure line written last must still fit.
health() {
  [ "$HEALTH_KIND" = none ] && return 0
  health_deadline=$(( $(date +%s) + HEALTH_TIMEOUT ))
  health_attempt=1
  health_last=''
  while :; do
    [ "$health_attempt" -eq 1 ] || STEP_QUIET=1
    if step 'health check' health_once; then
      STEP_QUIET=''
      say "healthy after $health_attempt attempt(s)"
      return 0
    fi
    STEP_QUIET=''
    if [ "$health_attempt" -gt 1 ] && [ "$FAILED_WHY" != "$health_last" ]; then
      say "health check attempt $health_attempt: $FAILED_WHY"
    fi
    health_last=$FAILED_WHY
    if [ "$(date +%s)" -ge "$health_deadline" ]; then
      FAILED_WHY="$FAILED_WHY (after $health_attempt attempts in \${HEALTH_TIMEOUT}s)"
      return 1
    fi
    health_attempt=$((health_attempt + 1))
    sleep ${HEALTH_CHECK_INTERVAL_SECONDS}
  done
}`

// Pointer mode: the pointer has moved already; the restart makes the unit fetch what it names.
const POINTER = `
say "restarting for $VERSION"
step restart restart || fail
health || fail
say "$VERSION is running"
`

// Direct mode: download the versioned object, check its SHA-256, install it under
// releases/<version>, switch the symlink 'current' atomically (a new link renamed over the old
// one), restart and health-check; on failure switch back to what 'current' named and restart.
const DIRECT = `
RELEASE="releases/$VERSION"
verify() {
  [ -z "$SHA256" ] && return 0
  printf '%s  %s\\n' "$SHA256" "$1" | sha256sum -c --status || {
    echo "the SHA-256 of $1 is not $SHA256"
    return 1
  }
}
install() {
  if [ -f "$RELEASE/$NAME" ] && verify "$RELEASE/$NAME" >/dev/null; then
    echo "$RELEASE/$NAME is installed already"
    return 0
  fi
  [ -n "$SHA256" ] || { echo "$RELEASE/$NAME is not installed and its SHA-256 is unknown"; return 1; }
  install_tmp="releases/.$VERSION.tmp.$$"
  rm -rf "$install_tmp" && mkdir -p "$install_tmp" || return 1
  aws s3 cp "$OBJECT" "$install_tmp/$NAME" --region "$REGION" --only-show-errors || { rm -rf "$install_tmp"; return 1; }
  verify "$install_tmp/$NAME" || { rm -rf "$install_tmp"; return 1; }
  chmod 0755 "$install_tmp/$NAME" && rm -rf "$RELEASE" && mv "$install_tmp" "$RELEASE" || return 1
  echo "installed $RELEASE/$NAME"
}
switch_to() {
  ln -sfn "$1" ".current.$$" && mv -T ".current.$$" current || { rm -f ".current.$$"; return 1; }
  echo "current -> $1"
}
PREVIOUS=$(readlink current 2>/dev/null || true)
step install install || fail
step switch switch_to "$RELEASE" || fail
if step restart restart && health; then
  say "$VERSION is running from $RELEASE"
  exit 0
fi
if [ -n "$PREVIOUS" ] && [ "$PREVIOUS" != "$RELEASE" ]; then
  KEEP_STEP=$FAILED_STEP
  KEEP_WHY=$FAILED_WHY
  if switch_to "$PREVIOUS" && restart >/dev/null 2>&1; then
    say "switched back to $PREVIOUS and restarted"
  else
    say "switching back to $PREVIOUS failed"
  fi
  FAILED_STEP=$KEEP_STEP
  FAILED_WHY=$KEEP_WHY
fi
fail
`
