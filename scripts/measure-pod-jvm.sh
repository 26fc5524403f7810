#!/usr/bin/env bash
# Measures the consumer with the image's JVM flags and the pod's memory limit emulated
# (-XX:MaxRAM=128m), on the embedded store, beside the same run with the JVM's defaults:
#   - resident memory (VmRSS of the process, sampled every 50 ms) while it consumes N messages;
#   - start to first processed message: wall time of `edw consume --max-messages 1` (start,
#     first message processed and written, exit), median of R runs.
# Usage: scripts/measure-pod-jvm.sh [N=20000] [R=5]   (needs edw-cli/target/edw.jar)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/find-java.sh
n="${1:-20000}"
runs="${2:-5}"
jar="$root/edw-cli/target/edw.jar"
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 2; }
flags="$(sed -n 's:.*<edw.image.jvmFlags>\(.*\)</edw.image.jvmFlags>.*:\1:p' edw-cli/pom.xml)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

edw() { # edw LABEL JVMFLAGS... -- ARGS...
  local jvm=()
  while [ "$1" != -- ]; do jvm+=("$1"); shift; done
  shift
  EDW_STORE="sqlite:$work/edw.db" "$JAVA_HOME/bin/java" "${jvm[@]}" -jar "$jar" "$@"
}

rss_run() { # rss_run LABEL JVMFLAGS...: peak and median RSS (MiB) while consuming N messages
  local label="$1"
  shift
  rm -f "$work"/edw.db*
  edw "$@" -- produce --count "$n" --queue q >/dev/null 2>&1
  local start end
  start=$(date +%s.%N)
  edw "$@" -- consume --queue q --table t --until-empty --metrics-port -1 >/dev/null 2>&1 &
  local pid=$! samples=()
  while kill -0 "$pid" 2>/dev/null; do
    local kb
    kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$kb" ] && samples+=("$kb")
    sleep 0.05
  done
  wait "$pid" || true
  end=$(date +%s.%N)
  printf '%s\n' "${samples[@]}" | sort -n | awk -v label="$label" -v s="$start" -v e="$end" -v n="$n" '
    { a[NR] = $1 } END { printf "%-9s RSS peak %.1f MiB, median %.1f MiB over %d samples; %d msgs in %.1f s\n",
      label, a[NR] / 1024, a[int((NR + 1) / 2)] / 1024, NR, n, e - s }'
}

start_run() { # start_run LABEL JVMFLAGS...: median wall time of consume --max-messages 1
  local label="$1"
  shift
  rm -f "$work"/edw.db*
  edw "$@" -- produce --count $((runs + 1)) --queue q >/dev/null 2>&1
  local times=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s%N)
    edw "$@" -- consume --queue q --table t --max-messages 1 --metrics-port -1 >/dev/null 2>&1
    e=$(date +%s%N)
    times+=($(((e - s) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '
    { a[NR] = $1 } END { printf "%-9s start to first message (process exit): median %d ms, min %d, max %d (%d runs)\n",
      label, a[int((NR + 1) / 2)], a[1], a[NR], NR }'
}

echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "image flags: $flags -XX:MaxRAM=128m"
# shellcheck disable=SC2086
rss_run image $flags -XX:MaxRAM=128m
rss_run default --enable-native-access=ALL-UNNAMED
# shellcheck disable=SC2086
start_run image $flags -XX:MaxRAM=128m
start_run default --enable-native-access=ALL-UNNAMED
