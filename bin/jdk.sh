#!/usr/bin/env bash
# Sourced by bin/run and bin/test: selects a JDK 21 or newer and exports JAVA_HOME and PATH
# (and JDK_MAJOR). Run directly, it prints the JDK it would pick.
# Order: $JAVA_HOME, the java on PATH, then the newest JDK found under the search roots.
# JDK_SEARCH_DIRS (colon-separated) overrides the search roots; each root and each folder
# directly inside it is tried. Default: /usr/lib/jvm:/opt/java:/opt:~/.sdkman/candidates/java

# Prints the major version of the java binary $1 ("1.8.0_x" -> 8, "17.0.15" -> 17, "25" -> 25),
# or nothing if it cannot be run or parsed. Skips lines such as "Picked up JAVA_TOOL_OPTIONS".
java_major() {
  local out v
  out=$("$1" -version 2>&1) || return 0
  v=$(printf '%s\n' "$out" | sed -n 's/^.* version "\([^"]*\)".*$/\1/p' | head -n 1)
  case "$v" in
    1.*) v=${v#1.} ;;
  esac
  v=${v%%[!0-9]*}
  [ -n "$v" ] && echo "$((10#$v))"
  return 0
}

select_jdk() {
  local required=21 candidate real major best="" best_major=0 root
  local -a tried=() seen=() roots=()
  JDK_MAJOR=""

  # A JDK home is usable if it holds java and javac of version >= required.
  if [ -n "${JAVA_HOME:-}" ]; then
    if [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
      major=$(java_major "$JAVA_HOME/bin/java")
      tried+=("JAVA_HOME=$JAVA_HOME (Java ${major:-unknown})")
      if [ "${major:-0}" -ge "$required" ]; then JDK_MAJOR=$major; return 0; fi
    else
      tried+=("JAVA_HOME=$JAVA_HOME (no bin/java and bin/javac)")
    fi
  fi

  if command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    major=$(java_major "$candidate/bin/java")
    if [ -x "$candidate/bin/javac" ]; then
      tried+=("java on PATH: $candidate (Java ${major:-unknown})")
      if [ "${major:-0}" -ge "$required" ]; then JAVA_HOME=$candidate JDK_MAJOR=$major; return 0; fi
    else
      tried+=("java on PATH: $candidate (Java ${major:-unknown}, a JRE without javac)")
    fi
    seen+=("$candidate")
  fi

  IFS=: read -r -a roots <<<"${JDK_SEARCH_DIRS-/usr/lib/jvm:/opt/java:/opt:$HOME/.sdkman/candidates/java}"
  for root in "${roots[@]}"; do
    if [ -z "$root" ] || [ ! -d "$root" ]; then continue; fi
    for candidate in "$root" "$root"/*; do
      if [ ! -x "$candidate/bin/java" ] || [ ! -x "$candidate/bin/javac" ]; then continue; fi
      real=$(readlink -f "$candidate")
      case " ${seen[*]} " in *" $real "*) continue ;; esac
      seen+=("$real")
      major=$(java_major "$real/bin/java")
      tried+=("$real (Java ${major:-unknown})")
      if [ "${major:-0}" -ge "$required" ] && [ "${major:-0}" -gt "$best_major" ]; then
        best=$real best_major=$major
      fi
    done
  done
  if [ -n "$best" ]; then JAVA_HOME=$best JDK_MAJOR=$best_major; return 0; fi

  {
    echo "ERROR: this project needs a JDK $required or newer (the Zeebe engine jars are built for Java 21, class version 65)."
    echo "Looked at (JAVA_HOME, java on PATH, then ${JDK_SEARCH_DIRS-/usr/lib/jvm:/opt/java:/opt:$HOME/.sdkman/candidates/java}):"
    if [ ${#tried[@]} -eq 0 ]; then echo "  - no JDK at all"; else printf '  - %s\n' "${tried[@]}"; fi
    echo "Install a JDK 21+, for example:"
    echo "  sudo apt-get install openjdk-21-jdk        (Debian 13 / Ubuntu 22.04+)"
    echo "  or Temurin 21 from https://adoptium.net/   (packages.adoptium.net has an apt repository)"
    echo "then run again, or point JAVA_HOME at it: export JAVA_HOME=/path/to/jdk-21"
  } >&2
  return 1
}

select_jdk || exit 1
export JAVA_HOME JDK_MAJOR
export PATH="$JAVA_HOME/bin:$PATH"

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  echo "JDK $JDK_MAJOR at $JAVA_HOME"
fi
