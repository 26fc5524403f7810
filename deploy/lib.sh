# shellcheck shell=bash
# Shared by deploy/azure/*.sh and deploy/aws/*.sh; sourced, not run.
# --dry-run prints every command (prefixed "+ ") and runs none: probes count as "not there",
# values read from the cloud become <NAME> placeholders, and the CLIs need not be installed.

DRY_RUN=0
STATE_FILE="${EDW_DEPLOY_STATE:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/deploy.state}"

parse_args() {
  local usage="$1"
  shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --dry-run) DRY_RUN=1 ;;
      -h | --help)
        echo "$usage"
        exit 0
        ;;
      *)
        echo "unknown argument: $1" >&2
        echo "$usage" >&2
        exit 2
        ;;
    esac
    shift
  done
}

say() { printf '==> %s\n' "$*" >&2; }

show() {
  printf '+'
  printf ' %q' "$@"
  printf '\n'
}

# run CMD...: prints it, runs it unless --dry-run.
run() {
  show "$@"
  if [ "$DRY_RUN" = 0 ]; then
    "$@"
  fi
}

# exists CMD...: true when the probe succeeds; in a dry run it is printed and counts as absent.
exists() {
  show "$@"
  if [ "$DRY_RUN" = 1 ]; then
    return 1
  fi
  "$@" >/dev/null 2>&1
}

# none CMD...: true when the probe's output (a count) is 0; in a dry run it is printed and is 0.
none() {
  show "$@"
  if [ "$DRY_RUN" = 1 ]; then
    return 0
  fi
  local n
  if ! n="$("$@")"; then
    echo "failed: $*" >&2
    exit 4
  fi
  [ "$n" = 0 ]
}

# capture VAR CMD...: VAR gets the command's output, or <VAR> in a dry run.
capture() {
  local var="$1"
  shift
  show "$@"
  local value="<$var>"
  if [ "$DRY_RUN" = 0 ] && ! value="$("$@")"; then
    echo "failed: $*" >&2
    exit 4
  fi
  printf -v "$var" '%s' "$value"
}

# need TOOL...: stops with a clear message when one is missing (a dry run only warns).
need() {
  local missing=()
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$DRY_RUN" = 1 ]; then
      say "dry run: missing ${missing[*]} (needed for a real run)"
    else
      echo "missing prerequisites: ${missing[*]} (install them and run again)" >&2
      exit 3
    fi
  fi
}

# The names of an earlier run are reused, so a re-run finds what it made.
load_state() {
  if [ -f "$STATE_FILE" ]; then
    local key value
    while IFS='=' read -r key value; do
      case "$key" in
        '' | '#'*) ;;
        *) printf -v "STATE_$key" '%s' "$value" ;;
      esac
    done <"$STATE_FILE"
  fi
}

# state KEY DEFAULT: the recorded value of KEY, else DEFAULT.
state() {
  local var="STATE_$1"
  printf '%s' "${!var:-$2}"
}

# save_state KEY...: records KEY=value lines (a dry run prints them instead).
save_state() {
  local out="" key
  for key in "$@"; do
    out+="$key=${!key}"$'\n'
  done
  if [ "$DRY_RUN" = 1 ]; then
    say "dry run: would record in $STATE_FILE:"
    printf '%s' "$out" >&2
  else
    printf '%s' "$out" >"$STATE_FILE"
    say "names recorded in $STATE_FILE"
  fi
}

new_suffix() {
  LC_ALL=C tr -dc 'a-z0-9' </dev/urandom | head -c 6 || true
}
