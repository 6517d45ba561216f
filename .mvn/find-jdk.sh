# Sourced by ./rnn4j and ./mvnw (POSIX sh): finds a JDK >= RNN4J_JDK (25), preferring JAVA_HOME, then
# the newest in the usual install places. Prints its home, or nothing when there is none.
RNN4J_JDK=25

# The major version a JDK home declares in its `release` file (no JVM start needed), else 0.
rnn4j_jdk_major() {
  _v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1)
  echo "${_v:-0}"
}

rnn4j_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(rnn4j_jdk_major "$JAVA_HOME")" -ge $RNN4J_JDK ]; then
    echo "$JAVA_HOME"; return
  fi
  _best="" _best_v=0
  for _home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -x "$_home/bin/javac" ] || continue
    _v=$(rnn4j_jdk_major "$_home")
    if [ "$_v" -ge $RNN4J_JDK ] && [ "$_v" -gt "$_best_v" ]; then _best="$_home"; _best_v=$_v; fi
  done
  if [ -z "$_best" ] && command -v javac >/dev/null 2>&1; then
    _home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    [ "$(rnn4j_jdk_major "$_home")" -ge $RNN4J_JDK ] && _best="$_home"
  fi
  echo "$_best"
}

RNN4J_NO_JDK="rnn4j needs a JDK $RNN4J_JDK or newer and found none (checked JAVA_HOME, /usr/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks): install one, e.g. Temurin $RNN4J_JDK from https://adoptium.net, or set JAVA_HOME to it."
