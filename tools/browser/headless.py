"""Headless Chromium with no network, for the browser checks and pictures in tools/browser.

Every host name resolves to nothing and the proxy is a closed local port, so a page that needs a CDN fails;
ShapeProp's figures must not. Virtual time lets scripts (Plotly drawing, decompressing plotly.js) finish
before the DOM is dumped or the picture is taken.
"""
import os
import signal
import subprocess
import sys
import tempfile

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# offline: no DNS, no proxy that answers, no background traffic
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--mute-audio",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
         "--virtual-time-budget=60000", "--run-all-compositor-stages-before-draw"]


def chromium(args, what, attempts, timeout=90):
    """Runs Chromium with a fresh profile; returns (stdout, stderr) or None when every attempt timed out.

    Headless Chromium now and then never finishes a page on a busy machine (seen once in CI: a screenshot
    still running after 300 s, where it takes about 10 s). Each attempt runs in a process group of its own, so
    that a timeout kills Chromium's helper processes too, and the next attempt starts clean."""
    for attempt in range(1, attempts + 1):
        with tempfile.TemporaryDirectory() as profile:
            p = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, start_new_session=True)
            try:
                return p.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.communicate()
                print(f"chromium: {what}: attempt {attempt} of {attempts} still running after {timeout} s; killed",
                      file=sys.stderr, flush=True)
    return None
