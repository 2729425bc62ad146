# Finds a JDK 21 or newer and exports JAVA_HOME and JAVA. Sourced by ops/hirestream and .ci/run.
# Looks at $JAVA_HOME, the java on PATH, then the usual install folders, and takes the newest.

hirestream_java_version() {
  # Prints the feature version (17, 21, 25, ...) of the java binary $1, or nothing.
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

hirestream_find_jdk() {
  local minimum=21 best_home="" best_version=0 candidate version
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* \
                   "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    version="$(hirestream_java_version "$candidate/bin/java")"
    [ -n "$version" ] || continue
    if [ "$version" -ge "$minimum" ] && [ "$version" -gt "$best_version" ]; then
      best_home="$candidate"
      best_version="$version"
    fi
  done
  if [ -z "$best_home" ]; then
    echo "hirestream needs a JDK $minimum or newer (java and javac); none was found in JAVA_HOME, on PATH," >&2
    echo "or under /usr/lib/jvm, /opt/java, ~/.sdkman. Install one (for example Temurin 25, or Debian's" >&2
    echo "openjdk-21-jdk) and run again, or point JAVA_HOME at it." >&2
    return 1
  fi
  export JAVA_HOME="$best_home"
  export JAVA="$best_home/bin/java"
  export HIRESTREAM_JAVA_FEATURE="$best_version"
  # Maven's own dependencies still use sun.misc.Unsafe, which JDK 24+ warns about on every run.
  if [ "$best_version" -ge 24 ]; then
    case "${MAVEN_OPTS:-}" in
      *sun-misc-unsafe-memory-access*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
}
