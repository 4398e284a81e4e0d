#!/usr/bin/python3
"""Builds the ShapeProp notebooks (notebooks/*.ipynb) from their sources in tools/notebooks/src/.

Why a generator: a notebook is JSON, which is hard to review and to edit by hand; the sources are plain
text, one cell after another, so a diff shows exactly which explanation or line of Java changed. The
generated .ipynb files are committed WITHOUT outputs, and a test (NotebooksTest) runs `--check` so the
two never drift apart.

Source format (one file per notebook, e.g. src/02-mnist-by-hand.cells):

    %% markdown
    # A title
    %% code id=forward
    Matrix Z1 = W1.dot(X).add(b1);   // (H, m)
    %% code id=wrong-dot tags=raises-exception
    W1.dot(X.T());

A header line starts a cell: its kind (markdown or code), an optional stable `id` (tests find cells by
it) and optional comma-separated `tags`. Lines up to the next header are the cell's source.

Exercises and their solutions come from ONE source, so they cannot drift apart: a first line
`%% notebook path=07-exercises solutions=solutions/07-exercises-solutions` writes two notebooks, and a
cell marked `only=exercise` or `only=solution` goes into just one of them (same id in both).

Usage:  /usr/bin/python3 tools/notebooks/notebooks.py           writes every notebook
        /usr/bin/python3 tools/notebooks/notebooks.py --check   lists notebooks that differ; exit 1 if any
"""
import re
import sys
from pathlib import Path

import nbformat
from nbformat import v4

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "tools" / "notebooks" / "src"
TARGET = ROOT / "notebooks"

KERNELSPEC = {"name": "java", "display_name": "Java (ShapeProp)", "language": "java"}
LANGUAGE_INFO = {
    "name": "java",
    "codemirror_mode": "java",
    "file_extension": ".jshell",
    "mimetype": "text/x-java-source",
    "pygments_lexer": "java",
}
HEADER = re.compile(r"^%% (markdown|code|notebook)((?:\s+\w+=\S+)*)\s*$")


def parse(path):
    """Returns ({relative output path: variant}, list of cells) for one source file."""
    outputs = {path.stem: None}
    cells = []
    kind, attrs, lines = None, {}, []

    def flush():
        if kind is None:
            return
        text = "\n".join(lines).strip("\n")
        if not text:
            raise SystemExit(f"{path.name}: an empty {kind} cell (id={attrs.get('id')}); remove its header")
        cells.append((kind, attrs, text))

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = HEADER.match(line)
        if match:
            found = dict(a.split("=", 1) for a in match.group(2).split())
            if match.group(1) == "notebook":
                if cells or kind is not None:
                    raise SystemExit(f"{path.name}:{number}: '%% notebook' must be the first line")
                outputs = {found["path"]: "exercise"}
                if "solutions" in found:
                    outputs[found["solutions"]] = "solution"
                continue
            flush()
            kind, attrs, lines = match.group(1), found, []
        elif line.startswith("%%"):
            raise SystemExit(f"{path.name}:{number}: unknown header {line!r}; use '%% markdown' or '%% code'")
        elif kind is None:
            if line.strip():
                raise SystemExit(f"{path.name}:{number}: text before the first '%% markdown' or '%% code'")
        else:
            lines.append(line)
    flush()
    return outputs, cells


def build(path):
    """Returns [(relative .ipynb path, text)] for one source file."""
    outputs, cells = parse(path)
    return [(name + ".ipynb", render(path, [c for c in cells if c[1].get("only") in (None, variant)]))
            for name, variant in outputs.items()]


def render(path, cells):
    nb = v4.new_notebook()
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": dict(LANGUAGE_INFO)}
    seen = set()
    for index, (kind, attrs, text) in enumerate(cells):
        cell_id = attrs.get("id", f"cell-{index:02d}")
        if cell_id in seen:
            raise SystemExit(f"{path.name}: two cells have id {cell_id}")
        seen.add(cell_id)
        cell = v4.new_markdown_cell(text) if kind == "markdown" else v4.new_code_cell(text)
        cell.id = cell_id
        tags = [t for t in attrs.get("tags", "").split(",") if t]
        if tags:
            cell.metadata["tags"] = tags
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nbformat.writes(nb, version=4) + "\n"


def main(argv):
    check = "--check" in argv
    stale = []
    expected = set()
    for path in sorted(SOURCES.glob("*.cells")):
        for name, text in build(path):
            expected.add(name)
            target = TARGET / name
            current = target.read_text(encoding="utf-8") if target.exists() else None
            if current == text:
                continue
            if check:
                stale.append(f"notebooks/{name} differs from tools/notebooks/src/{path.name}")
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
                print(f"wrote notebooks/{name}")
    for found in sorted(TARGET.rglob("*.ipynb")):
        name = found.relative_to(TARGET).as_posix()
        if ".ipynb_checkpoints" not in name and name not in expected:
            stale.append(f"notebooks/{name} has no source in tools/notebooks/src/")
    if stale:
        print("\n".join(stale))
        print("Run: /usr/bin/python3 tools/notebooks/notebooks.py   (then commit the notebooks)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
