#!/usr/bin/python3
"""Checks the Binder build locally, the way repo2docker runs it: after apt.txt is installed as root (here:
the JDK and Maven are already on this machine), binder/postBuild runs as an ordinary user with a clean HOME
and NB_PYTHON_PREFIX pointing at the environment that serves JupyterLab. Then a notebook executes with the
kernel postBuild installed there, reading MNIST from the cache postBuild filled.

    /usr/bin/python3 tools/binder/check_build.py OUT_DIR [--notebook 02-mnist-by-hand.ipynb]

Run as root, it builds as a throwaway user made for the check (home = the clean HOME, as jovyan's is on
Binder), removed afterwards; otherwise as the current user. The project is
copied (the files git knows, as they are in the work tree) into a fresh folder that user owns; Maven and
npm download into the clean HOME, as on Binder. Prints one JSON report; logs and the executed notebook stay
in OUT_DIR. The SHAPEPROP_CI=1 short mode is used for the notebook, as in the other notebook tests.
"""
import argparse
import json
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from fresh_copy import copy_project, kill_leftovers  # noqa: E402




class BuildUser:
    """As root: a new user whose home is the clean HOME (Java takes user.home from the password database, not
    from $HOME, so the home must really be the user's), deleted on close. Otherwise: the current user."""

    def __init__(self, home):
        self.name = None
        if os.geteuid() == 0:
            self.name = "spbinder" + secrets.token_hex(3)
            subprocess.run(["useradd", "--no-create-home", "--home-dir", home, "--shell", "/bin/bash",
                            "--user-group", self.name], check=True)
            self.uid = pwd.getpwnam(self.name).pw_uid

    def describe(self):
        return f"{self.name} (uid {self.uid}, made for this check)" if self.name else pwd.getpwuid(os.getuid()).pw_name

    def command(self, argv):
        if not self.name:
            return argv
        return ["setpriv", f"--reuid={self.name}", f"--regid={self.name}", "--init-groups", *argv]

    def own(self, path):
        if self.name:
            chown_tree(path, self.uid)

    def close(self):
        if self.name:
            subprocess.run(["userdel", self.name], check=False, capture_output=True)


def as_user(user, command, env, cwd, log_path, timeout):
    """Runs command as the build user with exactly env; returns (exit code, seconds)."""
    prefix = user.command([])
    started = time.time()
    with open(log_path, "w") as log:
        process = subprocess.Popen([*prefix, "env", "-i", *[f"{k}={v}" for k, v in env.items()], *command],
                                   cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            code = process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            code = "timeout"
    return code, round(time.time() - started, 1)


def chown_tree(path, uid):
    gid = pwd.getpwuid(uid).pw_gid
    for folder, dirs, files in os.walk(path):
        os.chown(folder, uid, gid)
        for name in files:
            os.chown(os.path.join(folder, name), uid, gid, follow_symlinks=False)




def tail(path, lines=40):
    with open(path, errors="replace") as f:
        return "".join(f.readlines()[-lines:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--notebook", default="02-mnist-by-hand.ipynb")
    args = parser.parse_args()
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="shapeprop-binder-")
    os.chmod(work, 0o755)
    repo, home, prefix = (os.path.join(work, d) for d in ("repo", "home", "srv-conda-envs-notebook"))
    os.makedirs(home)
    os.makedirs(prefix)
    copy_project(repo)
    user = BuildUser(home)
    user.own(work)
    env = {"HOME": home, "USER": user.name or pwd.getpwuid(os.getuid()).pw_name, "LANG": "C.UTF-8", "NB_PYTHON_PREFIX": prefix,
           "PATH": "/usr/local/bin:/usr/bin:/bin"}
    if os.environ.get("JAVA_HOME"):
        env["JAVA_HOME"] = os.environ["JAVA_HOME"]
    report = {"user": user.describe()}
    try:
        code, seconds = as_user(user, ["bash", "binder/postBuild"], env, repo, os.path.join(out, "postBuild.log"), 1800)
        report.update(postbuild_exit=code, postbuild_seconds=seconds)
        if code != 0:
            report["postbuild_log"] = tail(os.path.join(out, "postBuild.log"))
            return report
        spec_path = os.path.join(prefix, "share/jupyter/kernels/java/kernel.json")
        report["kernelspec"] = os.path.isfile(spec_path)
        if report["kernelspec"]:
            with open(spec_path) as f:
                spec = json.load(f)
            report["kernel_argv"] = spec["argv"]
            report["kernel_jar_inside_prefix"] = any(a.startswith(prefix) and a.endswith(".jar") for a in spec["argv"])
        mnist = os.path.join(home, ".cache/shapeprop/mnist")
        report["mnist_files"] = sorted(f for f in os.listdir(mnist)) if os.path.isdir(mnist) else []

        # A learner opens a notebook: the kernel postBuild installed, MNIST from the image's cache.
        executed = os.path.join(work, "executed.ipynb")
        run_env = dict(env, JUPYTER_PATH=os.path.join(prefix, "share/jupyter"), SHAPEPROP_CI="1",
                       JUPYTER_RUNTIME_DIR=os.path.join(home, ".local/share/jupyter/runtime"))
        code, seconds = as_user(user, ["/usr/bin/python3", "src/test/resources/notebooks/execute.py",
                                 os.path.join("notebooks", args.notebook), executed, "java", "600"],
                                run_env, repo, os.path.join(out, "notebook.log"), 1200)
        report.update(notebook=args.notebook, notebook_exit=code, notebook_seconds=seconds)
        if os.path.isfile(executed):
            shutil.copy(executed, os.path.join(out, "executed-" + args.notebook))
            with open(executed) as f:
                nb = json.load(f)
            cells = []
            for cell in nb["cells"]:
                if cell["cell_type"] != "code":
                    continue
                errors = [o["ename"] for o in cell.get("outputs", []) if o["output_type"] == "error"]
                text = "".join("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
                               for o in cell.get("outputs", []))
                cells.append({"id": cell.get("id"), "ran": cell.get("execution_count") is not None,
                              "tagged_to_fail": "raises-exception" in cell.get("metadata", {}).get("tags", []),
                              "errors": errors, "text": text[-600:]})
            report["cells"] = cells
        if code != 0:
            report["notebook_log"] = tail(os.path.join(out, "notebook.log"))
        return report
    finally:
        kill_leftovers(work)
        user.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    print(json.dumps(main(), indent=1))
