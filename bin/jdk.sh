# Sourced by bin/run and bin/test: selects a JDK 21 or newer and exports JAVA_HOME and PATH.
# Order: $JAVA_HOME, the java on PATH, then the newest JDK under the usual install folders.

java_major() { # prints the major version of the java binary $1, or nothing
  local line
  line=$("$1" -version 2>&1 | head -n 1) || return 0
  line=${line#*version \"}
  line=${line%%\"*}
  case "$line" in
    1.*) line=${line#1.}; echo "${line%%.*}" ;;
    *) line=${line%%[.+-]*}; echo "${line%%[!0-9]*}" ;;
  esac
}

select_jdk() {
  local required=21 candidate major best="" best_major=0 tried=()
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(java_major "$JAVA_HOME/bin/java")
    tried+=("JAVA_HOME=$JAVA_HOME (${major:-unknown})")
    if [ "${major:-0}" -ge "$required" ]; then return 0; fi
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(java_major "$candidate/bin/java")
    tried+=("$candidate (${major:-unknown})")
    if [ "${major:-0}" -ge "$required" ]; then export JAVA_HOME="$candidate"; return 0; fi
  fi
  # shellcheck disable=SC2086
  for candidate in ${JDK_SEARCH_DIRS:-/usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*}; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    tried+=("$candidate (${major:-unknown})")
    if [ "${major:-0}" -ge "$required" ] && [ "${major:-0}" -gt "$best_major" ]; then
      best=$candidate best_major=$major
    fi
  done
  if [ -n "$best" ]; then export JAVA_HOME="$best"; return 0; fi
  {
    echo "This project needs a JDK $required or newer (the Zeebe engine is compiled for Java 21)."
    echo "Found: ${tried[*]:-no JDK at all}"
    echo "Install one, e.g. 'apt-get install openjdk-21-jdk' or Temurin 21 from adoptium.net,"
    echo "then run again (or point JAVA_HOME at it)."
  } >&2
  return 1
}

select_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
