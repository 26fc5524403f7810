#!/usr/bin/env bash
# What ./edw adds to a call: runs `./edw --version` and `java <same flags> -jar edw.jar --version`
# in turns, RUNS times each (default 21), and prints the median wall time of each and their
# difference. The same flags: those cached in edw-cli/target/.edw-java, the class-data archive
# when there is one, C1 only and the serial collector, as ./edw passes them. Extra launchers to compare (e.g. an older ./edw copied into the repository root)
# can be given as arguments. The jar must be built (./edw builds it on its first call).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-21}"
"$root/edw" --version >/dev/null # builds if needed, fills the JDK cache
# shellcheck disable=SC1091
. "$root/edw-cli/target/.edw-java"
jar="$root/edw-cli/target/edw.jar"
jsa="$root/edw-cli/target/edw.jsa"
vm="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
if [ -s "$jsa" ] && [ "$jsa" -nt "$jar" ]; then vm="-XX:SharedArchiveFile=$jsa $vm"; fi

millis() { # command... -> wall milliseconds
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

declare -A times
names=("java -jar" "./edw" "$@")
for ((i = 0; i < runs; i++)); do
  # shellcheck disable=SC2086
  times["java -jar"]+="$(millis "$EDW_JAVA_HOME/bin/java" $EDW_JAVA_FLAGS $vm -jar "$jar" --version) "
  times["./edw"]+="$(millis "$root/edw" --version) "
  for extra in "$@"; do
    times["$extra"]+="$(millis "$extra" --version) "
  done
done
base=$(tr ' ' '\n' <<<"${times["java -jar"]}" | grep . | median)
printf '%-28s %10s %12s\n' "command (--version)" "median ms" "minus java"
for name in "${names[@]}"; do
  m=$(tr ' ' '\n' <<<"${times[$name]}" | grep . | median)
  printf '%-28s %10s %12s\n' "$name" "$m" "$(awk -v a="$m" -v b="$base" 'BEGIN {print a - b}')"
done
echo "runs: $runs each, in turns; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
