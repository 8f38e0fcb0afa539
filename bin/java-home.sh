# Sourced by .ci/run and bin/demo: exports JAVA_HOME pointing at a JDK 21 or newer, or fails with a clear message.
# Order: $JAVA_HOME if it is 21+, the java on the PATH if it is 21+, then the newest JDK under /usr/lib/jvm.

java_major() {
  local release="$1/release"
  [ -f "$release" ] || return 1
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

pick_java_home() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && major=$(java_major "$JAVA_HOME") && [ "${major:-0}" -ge 21 ]; then
    return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if major=$(java_major "$candidate") && [ "${major:-0}" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate") || continue
    if [ "${major:-0}" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ "$best_major" -ge 21 ]; then
    export JAVA_HOME="$best"
    return 0
  fi
  echo "ticketflow needs a JDK 21 or newer; none found (JAVA_HOME=${JAVA_HOME:-unset}, /usr/lib/jvm)." >&2
  echo "Install one (e.g. Temurin 21 or 25) and set JAVA_HOME to it." >&2
  return 1
}

pick_java_home || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
