"""A small Chrome DevTools Protocol client for headless Chromium, on the tornado that Debian's Jupyter brings
(no pip packages): start Chromium, open a page, evaluate JavaScript, take a screenshot.

    with Browser(out_dir) as browser:
        page = browser.open("http://127.0.0.1:8888/...")
        page.wait_for("window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel", 60)
        page.evaluate("1 + 1")           # -> 2
        page.screenshot("shot.png", height=4000)
"""
import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

from tornado.ioloop import IOLoop
from tornado.websocket import websocket_connect

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# As root Chromium needs --no-sandbox; the rest keeps it from calling home on a closed network.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--mute-audio",
         "--disable-quic", "--disable-extensions"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """Headless Chromium with a fresh profile and a DevTools port; a context manager that stops it."""

    def __init__(self, log_dir):
        self.port = free_port()
        self.profile = tempfile.mkdtemp(prefix="shapeprop-chromium-")
        os.makedirs(log_dir, exist_ok=True)
        self.log = open(os.path.join(log_dir, "chromium.log"), "w")
        self.process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", f"--remote-debugging-port={self.port}",
             "--window-size=1280,1000", "about:blank"],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.loop = IOLoop()
        self.pages = []
        deadline = time.time() + 60
        while True:
            try:
                self._json("/json/version")
                break
            except OSError:
                if time.time() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"Chromium did not open its DevTools port; see {self.log.name}")
                time.sleep(0.2)

    def _json(self, path, method="GET"):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method)
        with urllib.request.urlopen(request, timeout=10) as r:
            return json.loads(r.read())

    def open(self, url):
        """A new tab showing url."""
        target = self._json("/json/new?about:blank", method="PUT")
        page = Page(self.loop, target["webSocketDebuggerUrl"])
        self.pages.append(page)
        page.navigate(url)
        return page

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for page in self.pages:
            page.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        self.loop.close()
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    """One tab, driven over its DevTools WebSocket."""

    def __init__(self, loop, ws_url):
        self.loop = loop
        self.next_id = 0
        self.console = []
        self.ws = loop.run_sync(lambda: websocket_connect(ws_url, max_message_size=256 * 1024 * 1024))
        self.call("Runtime.enable")
        self.call("Page.enable")

    def close(self):
        self.ws.close()
        # let the connection's reader see the close before the loop goes
        self.loop.run_sync(lambda: __import__("asyncio").sleep(0.1))

    def call(self, method, timeout=60, **params):
        self.next_id += 1
        mine = self.next_id

        async def exchange():
            await self.ws.write_message(json.dumps({"id": mine, "method": method, "params": params}))
            while True:
                message = await self.ws.read_message()
                if message is None:
                    raise RuntimeError("Chromium closed the DevTools connection")
                data = json.loads(message)
                if data.get("method") == "Runtime.consoleAPICalled":
                    self.console.append(" ".join(str(a.get("value", a.get("description", "")))
                                                 for a in data["params"]["args"]))
                if data.get("id") == mine:
                    return data

        data = self.loop.run_sync(exchange, timeout=timeout)
        if "error" in data:
            raise RuntimeError(f"{method}: {data['error']}")
        return data["result"]

    def navigate(self, url):
        self.call("Page.navigate", url=url)

    def evaluate(self, expression, timeout=60):
        """The JSON value of a JavaScript expression (promises are awaited)."""
        result = self.call("Runtime.evaluate", timeout=timeout, expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise RuntimeError(f"JavaScript error in {expression[:80]!r}: "
                               f"{details.get('exception', {}).get('description', details.get('text'))}")
        return result["result"].get("value")

    def wait_for(self, expression, seconds, what=None):
        """Polls until the expression is truthy; returns its value."""
        deadline = time.time() + seconds
        while True:
            try:
                value = self.evaluate(expression)
            except RuntimeError:
                value = None
            if value:
                return value
            if time.time() > deadline:
                raise TimeoutError(f"waited {seconds} s for {what or expression}")
            time.sleep(0.25)

    def screenshot(self, path, width=1280, height=4000):
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                  mobile=False)
        time.sleep(1.0)
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
