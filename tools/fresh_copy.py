"""Shared by the end-to-end checks (tools/browser/check_start.py, tools/binder/check_build.py): a fresh copy
of the project as a clone would hold it, and clean-up of the processes started from it."""
import os
import shutil
import signal
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def copy_project(dest):
    """The files git knows (tracked, and untracked ones it does not ignore) as they are in the work tree:
    what a clone would hold, plus uncommitted edits."""
    listed = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT, check=True,
                            capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        src = os.path.join(ROOT, rel)
        if os.path.isfile(src):
            target = os.path.join(dest, rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(src, target)


def kill_leftovers(marker):
    """Kills the processes whose command line names marker (kernels that outlived their server); returns how
    many there were."""
    killed = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if marker in f.read().decode(errors="replace") and int(pid) != os.getpid():
                    os.kill(int(pid), signal.SIGKILL)
                    killed += 1
        except OSError:
            pass
    return killed
