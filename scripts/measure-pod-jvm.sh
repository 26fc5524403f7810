#!/usr/bin/env bash
# Measures the consumer with the image's JVM flags and the pod's memory limit emulated
# (-XX:MaxRAM=128m), on the embedded store, beside the same run with the JVM's defaults:
#   - resident memory (VmRSS of the process, sampled every 50 ms) while it consumes N messages;
#   - start to first processed message: wall time of `edw consume --max-messages 1` (start,
#     first message processed and written, exit) and the CPU time it used (user + system), median
#     of R runs; with the image's flags, without and with the class-data-sharing archive that the
#     Dockerfile makes (a dynamic AppCDS archive written at the exit of one training consume).
# Usage: scripts/measure-pod-jvm.sh [N=20000] [R=5]   (needs edw-cli/target/edw.jar)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/find-java.sh
n="${1:-20000}"
runs="${2:-5}"
jar="$root/edw-cli/target/edw.jar"
[ -f "$jar" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 2; }
flags="$(sed -n 's:.*<edw.image.jvmFlags>\(-[^<]*\)</edw.image.jvmFlags>.*:\1:p' edw-cli/pom.xml)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

edw() { # edw LABEL JVMFLAGS... -- ARGS...
  local jvm=()
  while [ "$1" != -- ]; do jvm+=("$1"); shift; done
  shift
  EDW_STORE="sqlite:$work/edw.db" "$JAVA_HOME/bin/java" "${jvm[@]}" -jar "$jar" "$@"
}

edw_exec() { # as edw, but the JVM replaces the calling (background) subshell, so $! is its pid
  local jvm=()
  while [ "$1" != -- ]; do jvm+=("$1"); shift; done
  shift
  EDW_STORE="sqlite:$work/edw.db" exec "$JAVA_HOME/bin/java" "${jvm[@]}" -jar "$jar" "$@"
}

rss_run() { # rss_run LABEL JVMFLAGS...: peak and median RSS (MiB) while consuming N messages
  local label="$1"
  shift
  rm -f "$work"/edw.db*
  edw "$@" -- produce --count "$n" --queue q >/dev/null 2>&1
  local start end
  start=$(date +%s.%N)
  edw_exec "$@" -- consume --queue q --table t --until-empty --metrics-port -1 >/dev/null 2>&1 &
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

start_run() { # start_run LABEL JVMFLAGS...: medians of wall and CPU time of consume --max-messages 1
  local label="$1"
  shift
  rm -f "$work"/edw.db*
  edw "$@" -- produce --count $((runs + 1)) --queue q >/dev/null 2>&1
  local walls=() cpus=()
  for _ in $(seq "$runs"); do
    local s e t0 t1
    t0=$(cpu_of_children)
    s=$(date +%s%N)
    edw "$@" -- consume --queue q --table t --max-messages 1 --metrics-port -1 >/dev/null 2>&1
    e=$(date +%s%N)
    t1=$(cpu_of_children)
    walls+=($(((e - s) / 1000000)))
    cpus+=($(((t1 - t0) * 1000 / $(getconf CLK_TCK))))
  done
  local wall cpu
  wall=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "median %d ms, min %d, max %d", a[int((NR + 1) / 2)], a[1], a[NR] }')
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "median %d ms", a[int((NR + 1) / 2)] }')
  printf '%-9s start to first message (process exit): wall %s; CPU (user+sys) %s (%d runs)\n' \
    "$label" "$wall" "$cpu" "$runs"
}

cpu_of_children() { # clock ticks of user + system time of this shell's finished children
  awk '{ print $16 + $17 }' /proc/$$/stat
}

echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "image flags: $flags -XX:MaxRAM=128m"
# shellcheck disable=SC2086
rss_run image $flags -XX:MaxRAM=128m
rss_run default --enable-native-access=ALL-UNNAMED
# the archive, as the Dockerfile makes it: one training consume with the image's flags
rm -f "$work"/edw.db*
# shellcheck disable=SC2086
edw $flags -- produce --count 2 --queue q >/dev/null 2>&1
# shellcheck disable=SC2086
edw $flags -XX:MaxRAM=128m -XX:ArchiveClassesAtExit="$work/edw.jsa" -- consume --queue q --table t \
  --max-messages 1 --metrics-port -1 >/dev/null 2>&1
# shellcheck disable=SC2086
start_run image $flags -XX:MaxRAM=128m
# shellcheck disable=SC2086
start_run image+cds $flags -XX:MaxRAM=128m -XX:SharedArchiveFile="$work/edw.jsa"
start_run default --enable-native-access=ALL-UNNAMED
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
