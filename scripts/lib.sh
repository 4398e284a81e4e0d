# Shared by ./start.sh and ./test.sh: find a JDK and Maven, install Debian packages the scripts need.
# Sourced, not run.

JUPYTER_PYTHON=/usr/bin/python3   # Debian's Jupyter lives here, not in other pythons on PATH
JUPYTER_PACKAGES=(jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client jupyter-console python3-numpy)

say() { printf '\033[1m[shapeprop]\033[0m %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# need_java: java and mvn on PATH, Java 17 or newer.
need_java() {
  command -v java >/dev/null || die "no 'java' on PATH. Install a JDK 17+ (Debian: sudo apt-get install openjdk-17-jdk-headless)."
  command -v mvn >/dev/null || die "no 'mvn' on PATH. Install Maven 3.8+ (Debian: sudo apt-get install maven)."
  local v
  v=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ "${v%%.*}" -ge 17 ] 2>/dev/null || die "java is version $v; ShapeProp needs 17 or newer. Set JAVA_HOME/PATH to a JDK 17+."
}

# can_install: true when apt-get can be run (root, or sudo without a password).
can_install() {
  command -v apt-get >/dev/null || return 1
  [ "$(id -u)" = 0 ] && return 0
  command -v sudo >/dev/null && sudo -n true 2>/dev/null
}

apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo -n"
  say "installing Debian packages: $*"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || die "could not install $* (apt-get's messages are above). Run: sudo apt-get install $*"
}

# maven ARGS…: mvn in batch mode, quiet. Maven 3.8's jansi writes colour resets (ESC[0m) when it exits even
# with -B, -q and -Dstyle.color=never; jansi.noreset (a JVM property, so through MAVEN_OPTS) stops that.
maven() {
  MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q "$@"
}

# fetch_mnist JAR: makes sure MNIST is in the data cache, showing the fetch's progress in order. The fetch
# prints "MNIST is ready: 4 files verified in" on stderr and the folder on stdout; they are joined into one
# line here, and the launcher's "WARNING: Using incubator modules" (no JVM flag silences it) is left out.
fetch_mnist() {
  java --add-modules jdk.incubator.vector -jar "$1" fetch mnist 2>&1 \
    | awk '/^WARNING: Using incubator modules/ { next }
           / verified in$/ { printf "%s ", $0; fflush(); next }
           { print; fflush() }' >&2
}

# have_jupyter: Debian's Jupyter client stack importable by /usr/bin/python3.
have_jupyter() {
  [ -x "$JUPYTER_PYTHON" ] && "$JUPYTER_PYTHON" -c 'import jupyter_client, nbclient, nbconvert, notebook, numpy' 2>/dev/null
}

# shaded_jar: path of the newest self-contained jar (after mvn package); empty, and still success, when there
# is none yet, so `jar=$(shaded_jar)` in a fresh clone does not stop a script running under set -e.
shaded_jar() {
  local jar newest=""
  for jar in target/shapeprop-*-all.jar; do
    if [ -f "$jar" ] && { [ -z "$newest" ] || [ "$jar" -nt "$newest" ]; }; then newest=$jar; fi
  done
  printf '%s' "$newest"
}
