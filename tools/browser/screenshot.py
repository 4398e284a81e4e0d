#!/usr/bin/python3
"""Screenshots part of an HTML page (an exported notebook) in headless Chromium with no network: the window
starting at the first heading that contains a text, e.g. for a README picture.

    /usr/bin/python3 tools/browser/screenshot.py PAGE.html OUT.png [--from TEXT] [--width 1200] [--height 1400]

Without --from, the top of the page. Plotly figures are drawn before the picture is taken (the page's own
plotly.js; nothing is fetched).
"""
import argparse
import os
import re

from headless import chromium

# puts the page offset of the first h1/h2/h3 containing the text into the DOM
FIND = """<script>setTimeout(function () {
  var want = %s;
  var hs = document.querySelectorAll('h1, h2, h3');
  for (var i = 0; i < hs.length; i++) {
    if (hs[i].textContent.indexOf(want) >= 0) {
      var top = hs[i].getBoundingClientRect().top + window.scrollY;
      document.body.setAttribute('data-section-top', Math.max(0, Math.round(top) - 12));
      return;
    }
  }
  document.body.setAttribute('data-section-top', 'none');
}, 20000);</script>"""


def variant(page, suffix, html):
    """A copy of the page next to it (so relative links resolve the same); the caller removes it."""
    path = os.path.join(os.path.dirname(page), "." + os.path.basename(page) + suffix)
    with open(path, "w", encoding="utf-8") as f:
        f.write(html)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page")
    parser.add_argument("out")
    parser.add_argument("--from", dest="start", help="text of the heading the picture starts at")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=1400)
    a = parser.parse_args()
    page = os.path.abspath(a.page)
    with open(page, encoding="utf-8") as f:
        html = f.read()
    top = 0
    if a.start:
        import json
        probe = variant(page, ".probe.html", html.replace("</body>", FIND % json.dumps(a.start) + "</body>"))
        try:
            dom = chromium([f"--window-size={a.width},{a.height}", "--dump-dom", "file://" + probe],
                           "the headings of " + page, attempts=2)
        finally:
            os.remove(probe)
        if dom is None:
            raise SystemExit(f"Chromium never finished {page}")
        found = re.search(r'data-section-top="(\d+|none)"', dom[0])
        if not found or found.group(1) == "none":
            raise SystemExit(f"no heading containing {a.start!r} in {a.page}")
        top = int(found.group(1))
    shifted = variant(page, ".shot.html", html.replace(
        "</head>", f"<style>html {{ margin-top: -{top}px !important; }}</style></head>", 1))
    try:
        chromium([f"--window-size={a.width},{a.height}", f"--screenshot={os.path.abspath(a.out)}",
                  "--hide-scrollbars", "file://" + shifted], "a screenshot of " + page, attempts=2)
    finally:
        os.remove(shifted)
    if not os.path.exists(a.out):
        raise SystemExit("Chromium wrote no screenshot")
    print(a.out)


if __name__ == "__main__":
    main()
