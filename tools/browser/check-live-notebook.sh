#!/bin/bash
# Runs src/test/resources/viz/live-figures.ipynb in the installed ShapeProp kernel (kernelspec "java"),
# checks that training left ONE progress output (updated in place, ending "done"), then exports the executed
# notebook and checks in headless Chromium, offline, that Plotly drew every figure.
#
#   kernel/install --data-dir /tmp/jdata --jar target/shapeprop-*-all.jar --no-cds
#   JUPYTER_PATH=/tmp/jdata tools/browser/check-live-notebook.sh target/live-check
#
# Leaves live-figures.ipynb (executed), live-figures.html, dom.html and screenshot.png in OUT_DIR.
set -euo pipefail
if [ $# -ne 1 ]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
out=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$(dirname "$here")")
mkdir -p "$out"
/usr/bin/python3 -m nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
  --output-dir "$out" --output live-figures "$root/src/test/resources/viz/live-figures.ipynb" 2>"$out/execute.err"
/usr/bin/python3 - "$out/live-figures.ipynb" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
for cell in nb["cells"]:
    if cell["cell_type"] == "code" and "LiveProgress" in "".join(cell["source"]):
        outputs = [o for o in cell["outputs"] if o["output_type"] in ("display_data", "execute_result")]
        text = "".join(outputs[0]["data"]["text/plain"]) if outputs else ""
        print("progress cell: %d output(s): %s" % (len(outputs), text))
        sys.exit(0 if len(outputs) == 1 and " done in " in text else 1)
sys.exit("no LiveProgress cell found")
PY
"$here/check-notebook.sh" "$out/live-figures.ipynb" "$out"
