"""Executes one notebook top to bottom with a Jupyter kernel, the way `jupyter nbconvert --execute` does.

Used by shapeprop.NotebooksTest (run with Debian's /usr/bin/python3, which has nbclient):

    execute.py <input.ipynb> <output.ipynb> <kernel name> <cell timeout s>

The notebook's own folder is the kernel's working directory. Cells tagged `raises-exception` may fail;
any other failing cell stops the run. The executed notebook (with outputs and per-cell timing) is always
written, also after a failure, so the test can show what the learner would have seen. Exit codes:
0 all cells ran, 1 a cell failed (the error is printed), 2 the kernel could not be started or died.

What a saved notebook cannot show is written into each cell's metadata under "shapeprop": how many
update_display_data messages the kernel sent while the cell ran ("display_updates"). A progress view that
is updated in place leaves ONE output in the notebook but many updates here.
"""
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


class CountingClient(NotebookClient):
    """nbclient's client, counting the in-place display updates of each cell."""

    def process_message(self, msg, cell, cell_index):
        if msg.get("msg_type") == "update_display_data":
            counts = cell.metadata.setdefault("shapeprop", {})
            counts["display_updates"] = counts.get("display_updates", 0) + 1
        return super().process_message(msg, cell, cell_index)


def main(source, target, kernel, timeout):
    nb = nbformat.read(source, as_version=4)
    client = CountingClient(nb, timeout=timeout, kernel_name=kernel, startup_timeout=60,
                            resources={"metadata": {"path": str(Path(source).parent)}})
    started = time.monotonic()
    code = 0
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError) as error:
        print(f"{Path(source).name}: {error}", file=sys.stderr)
        code = 1
    except (DeadKernelError, RuntimeError) as error:
        print(f"{Path(source).name}: the kernel failed: {error}", file=sys.stderr)
        code = 2
    nb.metadata["shapeprop_run_seconds"] = round(time.monotonic() - started, 2)
    nbformat.write(nb, target)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
