#!/usr/bin/env bash
# Starts the ShapeProp notebooks: builds the jar (only when the sources changed), installs the `java` kernel
# for this user (only when the jar or the installer changed), fetches MNIST once, makes sure Jupyter is there
# and opens notebooks/ on localhost with a token. Safe to run again: nothing under notebooks/ is ever written
# by this script.
#   ./start.sh [--port N] [--no-browser]     (other options go to Jupyter)
set -euo pipefail
cd "$(dirname "$0")"
. scripts/lib.sh

need_java

# Jupyter first, so a missing one is said before a minute of building.
if command -v jupyter-lab >/dev/null; then
  server=(jupyter-lab)
elif have_jupyter; then
  server=("$JUPYTER_PYTHON" -m notebook)
elif can_install; then
  apt_install "${JUPYTER_PACKAGES[@]}"
  server=("$JUPYTER_PYTHON" -m notebook)
else
  die "Jupyter is not installed. Run: sudo apt-get install ${JUPYTER_PACKAGES[*]}   (or pip install jupyterlab), then ./start.sh again."
fi

# A port the learner chose is the port they will open: Jupyter would quietly take the next free one instead.
port=""
previous=""
for arg in "$@"; do
  case "$arg" in --port=*) port="${arg#--port=}" ;; esac
  [ "$previous" != --port ] || port="$arg"
  previous="$arg"
done
if [ -n "$port" ] && [ -z "${port//[0-9]/}" ]; then
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port is in use (another Jupyter?). Stop that server, or choose another port: ./start.sh --port $((port + 1)), or leave out --port and Jupyter picks a free one."
  fi
  # Jupyter Server (JupyterLab, Notebook 7) reads ServerApp options, Notebook 6 NotebookApp ones.
  if [ "${server[0]}" = jupyter-lab ] \
     || "$JUPYTER_PYTHON" -c 'import notebook, sys; sys.exit(int(notebook.__version__.split(".")[0]) < 7)' 2>/dev/null; then
    server+=(--ServerApp.port_retries=0)
  else
    server+=(--NotebookApp.port_retries=0)
  fi
fi

jar=$(shaded_jar)
if [ -z "$jar" ] || [ -n "$(find pom.xml src kernel -newer "$jar" -type f -print -quit)" ]; then
  say "building the ShapeProp jar"
  maven -DskipTests package || die "the build failed; Maven's messages are above."
  jar=$(shaded_jar)
  [ -n "$jar" ] || die "the build made no target/shapeprop-*-all.jar"
fi

# kernel/install says whether it installs or finds the same jar, JVM and options installed already.
kernel/install --user --jar "$jar" || die "the Java kernel could not be installed; kernel/install's message is above."

say "checking MNIST"
fetch_mnist "$jar" || say "MNIST is not available yet; the MNIST notebooks will say how to get it."

# Jupyter refuses to run as root unless told; containers and fresh VMs often have only root.
[ "$(id -u)" = 0 ] && server+=(--allow-root)

say "opening notebooks/ with ${server[*]}"
exec "${server[@]}" --notebook-dir="$PWD/notebooks" --ip=127.0.0.1 "$@"
