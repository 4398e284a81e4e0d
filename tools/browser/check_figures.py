#!/usr/bin/python3
"""Opens an HTML page (an exported notebook) in headless Chromium with no network, and reports, for every
ShapeProp figure on it, whether Plotly drew its SVG.

    /usr/bin/python3 tools/browser/check_figures.py PAGE.html OUT_DIR

Writes OUT_DIR/dom.html (the DOM after scripts ran) and OUT_DIR/screenshot.png (the whole page, up to
16,000 pixels high), and prints one JSON object:
{"figures": [{"id": ..., "mainSvg": n, "staticImage": bool}, ...], "plotlyErrors": [...], "pageHeight": px,
 "screenshot": path, or null when Chromium never finished it}.
A figure is drawn when mainSvg > 0 (Plotly puts two or three <svg class="main-svg"> in each plot).

Network: every host name resolves to nothing and the proxy is a closed local port, so a page that needs a
CDN fails here; ShapeProp's figures must not.
"""
import json
import os
import re
import sys
from html.parser import HTMLParser

from headless import chromium

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Figures(HTMLParser):
    """Counts, inside each element of class shapeprop-plot, the descendants of class main-svg."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []      # open tags: (tag, figure index or None)
        self.figures = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        inside = next((f for _, f in reversed(self.stack) if f is not None), None)
        if inside is not None:
            if "main-svg" in classes:
                self.figures[inside]["mainSvg"] += 1
            if "shapeprop-static" in classes:
                self.figures[inside]["staticImage"] = True
        figure = None
        if "shapeprop-plot" in classes:
            figure = len(self.figures)
            self.figures.append({"id": a.get("id"), "mainSvg": 0, "staticImage": False})
        if tag not in VOID:
            self.stack.append((tag, figure))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return


# appended to a copy of the page: once scripts have run, the page's height goes into the DOM
MEASURE = ("<script>setTimeout(function () { document.body.setAttribute('data-page-height',"
           " document.documentElement.scrollHeight); }, 20000);</script>")


def main(page, out):
    os.makedirs(out, exist_ok=True)
    page = os.path.abspath(page)
    # the probe sits next to the page, so that relative links resolve the same
    probe = os.path.join(os.path.dirname(page), "." + os.path.basename(page) + ".probe.html")
    with open(page, encoding="utf-8") as f:
        html = f.read()
    with open(probe, "w", encoding="utf-8") as f:
        f.write(html.replace("</body>", MEASURE + "</body>") if "</body>" in html else html + MEASURE)
    try:
        dom = chromium(["--window-size=1100,900", "--dump-dom", "file://" + probe], "the DOM of " + page, attempts=3)
    finally:
        os.remove(probe)
    if dom is None:
        sys.exit(f"Chromium never finished {page}: 3 attempts, each killed after 90 s (see the lines above)")
    stdout, stderr = dom
    with open(os.path.join(out, "dom.html"), "w") as f:
        f.write(stdout)
    parser = Figures()
    parser.feed(stdout)
    measured = re.search(r'data-page-height="(\d+)"', stdout)
    height = int(measured.group(1)) if measured else max(900, 640 * max(1, len(parser.figures)))
    screenshot = os.path.join(os.path.abspath(out), "screenshot.png")
    if os.path.exists(screenshot):
        os.remove(screenshot)
    # the screenshot is for people to look at; the figures' check above does not depend on it
    shot = chromium([f"--screenshot={screenshot}", "--hide-scrollbars", f"--window-size=1100,{min(height, 16000)}",
                     "file://" + page], "a screenshot of " + page, attempts=2)
    errors = sorted(set(re.findall(r"[^\n]*(?:Plotly|plotly)[^\n]*(?:Error|error)[^\n]*", stderr)))
    print(json.dumps({"figures": parser.figures, "plotlyErrors": errors, "pageHeight": height,
                      "screenshot": screenshot if shot is not None and os.path.exists(screenshot) else None}))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
