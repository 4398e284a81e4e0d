#!/usr/bin/env bash
# Runs every ShapeProp test on this machine, installing what the tests need first: Debian's Jupyter (a
# real Jupyter client drives the kernel and executes the notebooks), numpy on OpenBLAS (the benchmark
# references), Fashion-MNIST, Chromium (figures and the start command are checked in a headless browser)
# and MNIST (fetched once into the user cache). Then: unit, protocol, notebook, browser, start-command and
# Binder-build tests on the default JDK, and the kernel and matrix tests again on Temurin 25 when it is
# installed.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/lib.sh

need_java
missing=()
have_jupyter || missing+=("${JUPYTER_PACKAGES[@]}")
command -v chromium >/dev/null || missing+=(chromium)
# numpy on OpenBLAS, as a learner's pip numpy has it (Debian's python3-numpy alone gets the slow reference
# BLAS), so the benchmarks race the real thing; Fashion-MNIST for the data tests.
for package in libopenblas0-pthread dataset-fashion-mnist; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  can_install || die "the tests need these Debian packages: ${missing[*]}. Run: sudo apt-get install ${missing[*]}"
  apt_install "${missing[@]}"
fi

say "building"
maven -DskipTests package
say "fetching MNIST (once; cached)"
fetch_mnist "$(shaded_jar)"

say "running every test on $(java -version 2>&1 | head -n 1)"
mvn -B verify

jdk25=$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1 || true)
if [ -n "$jdk25" ]; then
  say "running the matrix and kernel tests on $jdk25"
  JAVA_HOME="$jdk25" mvn -B -Dsp.buildDir=target/jdk25 test -Dtest='shapeprop.matrix.**,shapeprop.kernel.**' \
    -Dsurefire.failIfNoSpecifiedTests=false
fi
say "all tests passed"
