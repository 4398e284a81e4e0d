#!/usr/bin/env bash
# Starts the ShapeProp notebooks: builds the jar (only when the sources changed), installs the `java`
# kernel for this user, fetches MNIST once, makes sure Jupyter is there and opens notebooks/ on
# localhost with a token. Safe to run again: nothing under notebooks/ is ever written by this script.
#   ./start.sh [--port N] [--no-browser]     (other options go to Jupyter)
set -euo pipefail
cd "$(dirname "$0")"
. scripts/lib.sh

need_java

jar=$(shaded_jar)
if [ -z "$jar" ] || [ -n "$(find pom.xml src kernel -newer "$jar" -type f -print -quit)" ]; then
  say "building the ShapeProp jar"
  mvn -B -q -DskipTests package || die "the build failed; Maven's messages are above."
  jar=$(shaded_jar)
  [ -n "$jar" ] || die "the build made no target/shapeprop-*-all.jar"
fi

say "installing the Java kernel for $(id -un)"
kernel/install --user --jar "$jar" || die "the Java kernel could not be installed; kernel/install's message is above."

say "checking MNIST"
fetch_mnist "$jar" || say "MNIST is not available yet; the MNIST notebooks will say how to get it."

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

# Jupyter refuses to run as root unless told; containers and fresh VMs often have only root.
[ "$(id -u)" = 0 ] && server+=(--allow-root)

say "opening notebooks/ with ${server[*]}"
exec "${server[@]}" --notebook-dir="$PWD/notebooks" --ip=127.0.0.1 "$@"
