#!/bin/bash
# Exports an executed notebook to HTML and checks in headless Chromium, with no network, that Plotly drew
# every ShapeProp figure on it. Leaves the page, the DOM and screenshot.png in OUT_DIR.
#
#   tools/browser/check-notebook.sh target/notebook-runs/executed/06-mnist-training.ipynb target/browser-check
#
# Needs Debian's chromium and jupyter-nbconvert (/usr/bin/python3 -m nbconvert). Exits 1 when a figure is
# not drawn, and prints each figure's id and how many Plotly SVG layers it has.
set -euo pipefail
if [ $# -ne 2 ]; then
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
notebook=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
name=$(basename "$notebook" .ipynb)
/usr/bin/python3 -m nbconvert --to html --output-dir "$out" --output "$name" "$notebook" >/dev/null 2>"$out/nbconvert.err"
report=$(/usr/bin/python3 "$here/check_figures.py" "$out/$name.html" "$out")
echo "$report" | /usr/bin/python3 -c '
import json, sys
r = json.load(sys.stdin)
figures = r["figures"]
bad = [f for f in figures if f["mainSvg"] == 0 or f["staticImage"]]
for f in figures:
    print(("drawn    " if f not in bad else "NOT DRAWN") + "  %s  (%d main-svg)" % (f["id"], f["mainSvg"]))
print("%d of %d figures drawn; screenshot: %s" % (len(figures) - len(bad), len(figures), sys.argv[1]))
sys.exit(1 if bad or not figures else 0)
' "$out/screenshot.png"
