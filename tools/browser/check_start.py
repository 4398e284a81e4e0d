#!/usr/bin/python3
"""Checks the README's start command the way a learner meets it: in a fresh copy of the project, with an
empty HOME, `./start.sh` installs the kernel and opens Jupyter on localhost with a token; headless Chromium
opens notebooks/00-start-here.ipynb through that server, runs every cell in the Java kernel and reads the
outputs back from the page. Then the learner edits the notebook and runs ./start.sh again: it must not
rebuild and must leave the edit alone.

    /usr/bin/python3 tools/browser/check_start.py OUT_DIR [--jar target/shapeprop-…-all.jar]

The copy holds the files git knows (tracked, and untracked ones it does not ignore) as they are in the work
tree, so uncommitted changes are checked too. With --jar the built jar goes into the copy's target/ (newer
than the sources, so start.sh must not rebuild); without it start.sh builds it. MNIST comes from
$SHAPEPROP_DATA when set. Prints one JSON report and leaves the logs and screenshot.png in OUT_DIR.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from cdp import Browser, free_port  # noqa: E402
from fresh_copy import copy_project, kill_leftovers  # noqa: E402
NOTEBOOK = "00-start-here.ipynb"

# Per code cell: its tags, prompt number and outputs as the page holds them after the run.
CELLS_JS = r"""
Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code').map(c => ({
  source: c.get_text().split('\n')[0],
  tags: (c.metadata && c.metadata.tags) || [],
  prompt: c.input_prompt_number === undefined ? null : c.input_prompt_number,
  outputs: c.output_area.outputs.map(o => ({
    type: o.output_type,
    ename: o.ename || null,
    evalue: o.evalue || null,
    mimes: o.data ? Object.keys(o.data) : [],
    text: o.text || (o.data && o.data['text/plain']) || ''
  }))
}))
"""
# Every code cell has run (a number in its prompt, no '*') and the kernel is idle.
DONE_JS = """
(() => {
  const cells = Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code');
  const pending = cells.filter(c => c.input_prompt_number === '*' || c.input_prompt_number === null
                                    || c.input_prompt_number === undefined);
  return pending.length === 0 && !Jupyter.notebook.kernel_busy ? cells.length : 0;
})()
"""




class StartCommand:
    """./start.sh running in the background with its output collected; stop() ends it and its kernels."""

    def __init__(self, project, env, port, log_path):
        self.log_path = log_path
        self.lines = []
        self.process = subprocess.Popen(
            ["./start.sh", "--no-browser", f"--port={port}"], cwd=project, env=env, start_new_session=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        with open(self.log_path, "w") as log:
            for line in self.process.stdout:
                self.lines.append(line)
                log.write(line)
                log.flush()

    def text(self):
        return "".join(self.lines)

    def wait_for_url(self, seconds):
        """The http://127.0.0.1:PORT/…?token=… address Jupyter prints once it listens."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            m = re.search(r"(http://127\.0\.0\.1:\d+/\S*\?token=[0-9a-f]+)", self.text())
            if m:
                return m.group(1)
            if self.process.poll() is not None:
                raise RuntimeError(f"./start.sh exited with {self.process.returncode}:\n{self.text()}")
            time.sleep(0.5)
        raise TimeoutError(f"./start.sh printed no address within {seconds} s:\n{self.text()}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()




def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--jar")
    args = parser.parse_args()
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="shapeprop-start-")
    project = os.path.join(work, "project")
    home = os.path.join(work, "home")
    os.makedirs(home)
    copy_project(project)
    if args.jar:
        os.makedirs(os.path.join(project, "target"))
        jar = shutil.copy(args.jar, os.path.join(project, "target"))
        os.utime(jar)  # newer than every source: nothing to rebuild

    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "MAVEN_OPTS"))}
    env.update(HOME=home, XDG_CACHE_HOME=os.path.join(home, ".cache"), XDG_DATA_HOME=os.path.join(home, ".local/share"))
    if "SHAPEPROP_DATA" in os.environ:
        env["SHAPEPROP_DATA"] = os.environ["SHAPEPROP_DATA"]
    report = {"copy": project}
    try:
        # ---- first start: install, serve, run 00-start-here in the browser
        port = free_port()
        started = time.time()
        server = StartCommand(project, env, port, os.path.join(out, "start-1.log"))
        try:
            url = server.wait_for_url(900)
            report["first_start_seconds"] = round(time.time() - started, 1)
            report["url"] = re.sub(r"token=[0-9a-f]+", "token=…", url)
            report["token"] = "token=" in url
            report["kernelspec"] = os.path.isfile(os.path.join(home, ".local/share/jupyter/kernels/java/kernel.json"))
            base, token = url.split("?token=")
            base = re.sub(r"/(tree|lab)?/?$", "", base.rstrip("/"))
            with Browser(out) as browser:
                page = browser.open(f"{base}/notebooks/{NOTEBOOK}?token={token}")
                page.wait_for("window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel "
                              "&& Jupyter.notebook.kernel.is_connected()", 120, "the notebook's kernel to connect")
                report["kernel_name"] = page.evaluate("Jupyter.notebook.kernel.name")
                report["kernel_display_name"] = page.evaluate(
                    "Jupyter.notebook.metadata.kernelspec && Jupyter.notebook.metadata.kernelspec.display_name")
                page.wait_for("Jupyter.notebook.kernel.info_reply && Jupyter.notebook.kernel.info_reply.status",
                              120, "kernel_info_reply")
                report["language"] = page.evaluate("Jupyter.notebook.kernel.info_reply.language_info.name")
                t = time.time()
                page.evaluate("Jupyter.notebook.execute_all_cells(), true")
                time.sleep(1.0)
                report["code_cells"] = page.wait_for(DONE_JS, 600, "every cell to run")
                report["run_all_seconds"] = round(time.time() - t, 1)
                report["cells"] = page.evaluate(CELLS_JS)
                page.evaluate("Jupyter.notebook.scroll_to_top(0), true")
                # the picture is for people to look at; the checks read the cells above, so a capture that
                # Chromium never finishes (it happens on a busy machine) is reported, not fatal
                try:
                    page.screenshot(os.path.join(out, "screenshot.png"))
                    report["screenshot"] = os.path.join(out, "screenshot.png")
                except Exception as e:  # tornado's timeout, or the connection gone
                    report["screenshot"] = None
                    report["screenshot_problem"] = f"{type(e).__name__}: {e}"
        finally:
            server.stop()
        report["first_start_log"] = server.text()[-4000:]

        # ---- the learner edits the notebook, then starts again
        path = os.path.join(project, "notebooks", NOTEBOOK)
        with open(path) as f:
            nb = json.load(f)
        nb["cells"].insert(0, {"cell_type": "markdown", "id": "learner-note", "metadata": {},
                               "source": ["My own note: W1 is (128, 784)."]})
        with open(path, "w") as f:
            json.dump(nb, f, indent=1)
        before = sha256(path)
        started = time.time()
        server = StartCommand(project, env, free_port(), os.path.join(out, "start-2.log"))
        try:
            server.wait_for_url(300)
            report["second_start_seconds"] = round(time.time() - started, 1)
        finally:
            server.stop()
        report["second_start_log"] = server.text()[-4000:]
        report["second_start_rebuilt"] = "building the ShapeProp jar" in server.text()
        report["learner_edit_kept"] = sha256(path) == before
    finally:
        report["leftover_processes_killed"] = kill_leftovers(work)
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
