# Sourced by ./edw and scripts/test: sets JAVA_HOME to a JDK >= 21, or explains what is missing.
# Order: $JAVA_HOME if it is new enough, then the newest JDK under /usr/lib/jvm (and a few usual
# places), then the java on PATH.

edw_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1
}

edw_find_java() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(edw_java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then echo "$JAVA_HOME"; return; fi
  fi
  for candidate in /usr/lib/jvm/*/ /opt/java/*/ /usr/local/*jdk*/; do
    [ -x "${candidate}bin/java" ] && [ -x "${candidate}bin/javac" ] || continue
    major=$(edw_java_major "${candidate}bin/java")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
      best="${candidate%/}"; best_major=$major
    fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null; then
    local home
    home="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    major=$(edw_java_major "$home/bin/java")
    if [ "${major:-0}" -ge 21 ] 2>/dev/null; then best="$home"; fi
  fi
  echo "$best"
}

JAVA_HOME="$(edw_find_java)"
if [ -z "$JAVA_HOME" ]; then
  echo "edw: no JDK 21 or newer found. Set JAVA_HOME to one, or install one (e.g. apt-get install openjdk-21-jdk)." >&2
  exit 2
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
