"""Executes a notebook top to bottom with nbclient (what `jupyter nbconvert --execute` uses) on the given
kernel and prints, per code cell, the outputs a reader would see, as one JSON line after "RESULT ".

Usage: JUPYTER_PATH=... python3 notebook_driver.py <notebook.ipynb> <kernel name> <executed copy.ipynb>
"""
import json
import sys

import nbformat
from nbclient import NotebookClient

path, kernel, out = sys.argv[1:4]
nb = nbformat.read(path, as_version=4)
NotebookClient(nb, kernel_name=kernel, timeout=300, resources={"metadata": {"path": "."}}).execute()
nbformat.write(nb, out)
cells = []
for cell in nb.cells:
    if cell.cell_type != "code":
        continue
    shown = []
    for o in cell.get("outputs", []):
        if o["output_type"] == "stream":
            shown.append({"type": "stream", "name": o["name"], "text": o["text"]})
        elif o["output_type"] in ("execute_result", "display_data"):
            shown.append({"type": o["output_type"], "data": dict(o["data"])})
        elif o["output_type"] == "error":
            shown.append({"type": "error", "ename": o["ename"], "evalue": o["evalue"]})
    cells.append({"source": cell.source, "outputs": shown})
print("RESULT " + json.dumps(cells))
