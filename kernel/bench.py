#!/usr/bin/python3
"""ShapeProp kernel benchmark: round trips through a real Jupyter client (Debian's jupyter_client).

Reports medians of:
  kernel_info round trip, with jupyter_client's blocking client and with a bare pyzmq socket (the kernel's
    own latency without the client's asyncio machinery), next to ipykernel's with the same client when the
    "python3" kernelspec exists (what the client alone costs);
  execute `1+1` and `int x = 3;`: the round trip, the time JShell's eval took inside the kernel for that same
    request (the execute_reply's metadata), and their difference per request: what the kernel (with the
    client and ZeroMQ) adds to JShell's own work, split into the kernel's own code and the rest; the kernel's
    CPU milliseconds per request (all threads, the JIT's too), and per thread that a round trip waits for (shell,
    ZeroMQ's I/O thread, C1, C2) with how often it lost its core while it could run. For reference, JShell's
    eval time for the same snippets in a separate JVM with no kernel around it (shapeprop.kernel.JShellBench);
  completion of `Matrix.`; cold start to first result (with the kernel's CPU seconds by then); shutdown.
Targets from the kernel issue are printed alongside. The machine may be shared: a paired difference and CPU
seconds are steadier than wall-clock totals, and numbers from one run compare better than across runs.

Usage:
  /usr/bin/python3 kernel/bench.py                      # the installed kernelspec named "java"
  /usr/bin/python3 kernel/bench.py --kernel NAME --starts 5 --reps 50
  /usr/bin/python3 kernel/bench.py --warmup 500 --starts 1    # after the JIT has settled
  JUPYTER_PATH=/some/dir /usr/bin/python3 kernel/bench.py --kernel NAME
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import jupyter_client
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel


def timed(fn, reps, warmup=10):
    """fn's results and wall milliseconds for reps calls, after a few calls to warm up."""
    for _ in range(min(reps, warmup)):
        fn()
    rows = []
    for _ in range(reps):
        t = time.perf_counter()
        result = fn()
        rows.append(((time.perf_counter() - t) * 1000, result))
    return rows


def p10(values):
    """The best decile: what a request costs when nothing else on the machine got in its way."""
    values = sorted(values)
    return values[len(values) // 10]


def median_ms(fn, reps):
    return statistics.median(ms for ms, _ in timed(fn, reps))


def median_p10_ms(fn, reps):
    times = [ms for ms, _ in timed(fn, reps)]
    return statistics.median(times), p10(times)


def raw_kernel_info_ms(km, reps):
    """kernel_info round trip with a bare pyzmq DEALER socket and jupyter_client's Session for signing: the
    kernel's latency without the asyncio machinery of jupyter_client's blocking client."""
    import zmq
    ctx = zmq.Context.instance()
    sock = ctx.socket(zmq.DEALER)
    sock.connect(f"{km.transport}://{km.ip}:{km.shell_port}")
    session = km.session

    def once():
        session.send(sock, "kernel_info_request", {})
        session.recv(sock, mode=0)

    try:
        return median_p10_ms(once, reps)
    finally:
        sock.close(linger=0)


def execute(kc, code):
    reply = kc.execute(code, reply=True, timeout=60)
    if reply["content"]["status"] != "ok":
        raise SystemExit(f"{code!r} failed in the kernel: {reply['content']}")
    return reply["metadata"].get("shapeprop", {})


def execute_paired(kc, pid, code, reps):
    """Round trip, JShell eval inside the kernel, and their per-request difference (ms): medians, and the
    best decile of the round trip and the difference; and the kernel's CPU milliseconds per request (all
    its threads), which other load on the machine does not inflate."""
    execute(kc, code)
    cpu = cpu_seconds(pid)
    threads = thread_stats(pid)
    rows = timed(lambda: execute(kc, code), reps, warmup=0)
    cpu_per_request = (cpu_seconds(pid) - cpu) * 1000 / reps
    per_thread = thread_roles(threads, thread_stats(pid), reps)
    jshell = [t.get("jshell_eval_ms", float("nan")) for _, t in rows]
    inside = [t.get("kernel_ms", float("nan")) for _, t in rows]
    trips = [ms for ms, _ in rows]
    added = [ms - j for ms, j in zip(trips, jshell)]
    kernel_only = [k - j for k, j in zip(inside, jshell)]
    wire = [ms - k for ms, k in zip(trips, inside)]
    return {"round_trip_ms": statistics.median(trips), "round_trip_p10_ms": p10(trips),
            "jshell_eval_ms": statistics.median(jshell),
            "kernel_adds_ms": statistics.median(added), "kernel_adds_p10_ms": p10(added),
            "kernel_code_ms": statistics.median(kernel_only), "kernel_code_p10_ms": p10(kernel_only),
            "zmq_and_client_ms": statistics.median(wire), "zmq_and_client_p10_ms": p10(wire),
            "kernel_cpu_ms": cpu_per_request, "threads": per_thread}


def cpu_seconds(pid):
    """CPU time (user + system) the process has used: start-up cost that other load on the machine does not inflate."""
    with open(f"/proc/{pid}/stat") as f:
        return stat_cpu_seconds(f.read())


def stat_cpu_seconds(stat):
    """User + system CPU seconds from the text of a /proc/.../stat file (after the command name in brackets)."""
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def thread_stats(pid):
    """Per thread of the process: name, CPU milliseconds, and how often it lost its core while it could run
    (involuntary context switches), from /proc."""
    stats = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                status = dict(line.split(":", 1) for line in f if ":" in line)
        except FileNotFoundError:
            continue  # the thread ended meanwhile
        cpu_ms = stat_cpu_seconds(stat) * 1000
        stats[tid] = (stat[stat.index("(") + 1:stat.rindex(")")], cpu_ms, int(status["nonvoluntary_ctxt_switches"]))
    return stats


ROLES = {"iothread-2": "zmq_io", "C1 CompilerThre": "jit_c1", "C2 CompilerThre": "jit_c2"}


def thread_roles(before, after, reps):
    """Per request, for the threads a round trip depends on: CPU milliseconds, and how often each lost its core
    while it could run. The shell thread is the busiest one named "java" (the JVM's main thread); the JIT's
    and ZeroMQ's threads are known by name. Threads that ended meanwhile are not counted."""
    rows = {}
    for tid, (name, cpu, preempted) in after.items():
        b = before.get(tid, (name, 0.0, 0))
        row = {"cpu_ms": (cpu - b[1]) / reps, "lost_core": (preempted - b[2]) / reps}
        role = "shell" if name == "java" else ROLES.get(name)
        if role == "shell" and row["cpu_ms"] < rows.get("shell", {"cpu_ms": -1})["cpu_ms"]:
            continue
        if role is not None and role != "shell" and role in rows:
            row = {k: rows[role][k] + row[k] for k in row}
        if role is not None:
            rows[role] = row
    return rows


def settle(pid, quiet=0.1, window=0.5, limit=30.0):
    """Waits until the kernel's CPU use over a window falls below `quiet` of a core: after start-up the JIT
    keeps compiling for seconds, and a warm kernel is what the round trips should measure."""
    end = time.time() + limit
    while time.time() < end:
        before = cpu_seconds(pid)
        time.sleep(window)
        if cpu_seconds(pid) - before < quiet * window:
            return


def started(name):
    km = jupyter_client.KernelManager(kernel_name=name)
    km.start_kernel(stderr=subprocess.DEVNULL)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


def cold_start(name):
    """Seconds from process start to the first execute reply, the kernel's CPU seconds by then, and
    seconds to shut down."""
    t = time.perf_counter()
    km, kc = started(name)
    execute(kc, "1+1")
    first = time.perf_counter() - t
    cpu = cpu_seconds(km.provisioner.process.pid)
    t = time.perf_counter()
    km.shutdown_kernel(now=False)
    down = time.perf_counter() - t
    kc.stop_channels()
    return first, down, cpu


def ipykernel_kernel_info_ms(reps):
    """ipykernel's kernel_info round trip with the same client, or None without a python3 kernelspec."""
    try:
        KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        return None
    km, kc = started("python3")
    try:
        return median_ms(lambda: kc.kernel_info(reply=True, timeout=10), reps)
    finally:
        km.shutdown_kernel(now=True)
        kc.stop_channels()


def jshell_reference(spec, reps, snippets):
    """JShell's own eval medians (bare and through the kernel's Evaluator) with the kernel's java and jar."""
    argv = spec.argv
    main = argv.index("shapeprop.kernel.KernelMain")
    cmd = argv[:main] + ["shapeprop.kernel.JShellBench", str(reps)] + snippets
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=600).stdout
    rows = {}
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            rows[parts[0]] = (float(parts[1]), float(parts[2]))
    return rows


def verdict(value, target):
    return "ok" if value <= target else "MISSED"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernel", default="java")
    ap.add_argument("--reps", type=int, default=50)
    ap.add_argument("--starts", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=None,
                    help="cells of each kind run before measuring (default: --reps). javac's code is so large that "
                         "the JIT still compiles parts of it after hundreds of cells, on the cores the round trips "
                         "need: --warmup 500 shows the kernel once the JIT has settled")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON too")
    args = ap.parse_args()
    if args.starts < 1 or args.reps < 1 or (args.warmup is not None and args.warmup < 0):
        ap.error("--starts and --reps must be at least 1, --warmup at least 0")
    spec = KernelSpecManager().get_kernel_spec(args.kernel)
    snippets = ["1+1", "int x = 3;"]

    starts = [cold_start(args.kernel) for _ in range(args.starts)]
    km, kc = started(args.kernel)
    for s in snippets + ["Matrix.zeros(2, 3)"]:  # JIT-compile the request paths, then let the JIT finish
        for _ in range(args.warmup if args.warmup is not None else args.reps):
            execute(kc, s)
    settle(km.provisioner.process.pid)
    r = {
        "kernel_info_ms": median_p10_ms(lambda: kc.kernel_info(reply=True, timeout=10), args.reps * 4),
        "kernel_info_raw_zmq_ms": raw_kernel_info_ms(km, args.reps * 4),
        "execute": {s: execute_paired(kc, km.provisioner.process.pid, s, args.reps * 2) for s in snippets},
        "complete_matrix_ms": median_ms(lambda: kc.complete("Matrix.", reply=True, timeout=10), args.reps),
        "cold_start_s": statistics.median(s[0] for s in starts),
        "shutdown_s": statistics.median(s[1] for s in starts),
        "cold_start_cpu_s": statistics.median(s[2] for s in starts),
    }
    km.shutdown_kernel(now=False)
    kc.stop_channels()
    r["ipykernel_kernel_info_ms"] = ipykernel_kernel_info_ms(args.reps * 4)
    ref = jshell_reference(spec, args.reps, snippets)
    r["jshell_bare_ms"] = {s: ref.get(s, (float("nan"),) * 2)[0] for s in snippets}

    warm = args.warmup if args.warmup is not None else args.reps
    print(f"kernel: {args.kernel}  ({' '.join(spec.argv[:1])}), after {warm} warm-up cells of each of 3 kinds")
    print(f"{'measure':32s} {'median':>10s} {'(best 10%)':>10s}   target")
    ki, ki10 = r["kernel_info_ms"]
    py = r["ipykernel_kernel_info_ms"]
    print(f"{'kernel_info round trip':32s} {ki:7.2f} ms ({ki10:6.2f} ms)   <= 2 ms {verdict(ki, 2)}"
          "  (jupyter_client's blocking client" + (f"; ipykernel with it: {py:.2f} ms)" if py is not None else ")"))
    raw, raw10 = r["kernel_info_raw_zmq_ms"]
    print(f"{'kernel_info, bare pyzmq client':32s} {raw:7.2f} ms ({raw10:6.2f} ms)   <= 2 ms {verdict(raw, 2)}"
          "  (the kernel's own latency)")
    for s in snippets:
        e = r["execute"][s]
        stretch = f"< 20 ms {verdict(e['round_trip_ms'], 20)} (stretch)" if s == "1+1" else ""
        print(f"{'execute ' + s:32s} {e['round_trip_ms']:7.2f} ms ({e['round_trip_p10_ms']:6.2f} ms)   {stretch}"
              f"  (kernel CPU per request {e['kernel_cpu_ms']:.1f} ms)")
        print(f"{'  JShell eval in the kernel':32s} {e['jshell_eval_ms']:7.2f} ms {'':11s}   "
              f"(JShell alone, fresh JVM: {r['jshell_bare_ms'][s]:.2f} ms)")
        print(f"{'  kernel adds (paired)':32s} {e['kernel_adds_ms']:7.2f} ms ({e['kernel_adds_p10_ms']:6.2f} ms)   "
              f"<= 5 ms {verdict(e['kernel_adds_ms'], 5)}")
        print(f"{'    of which kernel code':32s} {e['kernel_code_ms']:7.2f} ms ({e['kernel_code_p10_ms']:6.2f} ms)   "
              "(request received to reply sent, minus JShell's eval)")
        print(f"{'    of which ZeroMQ and client':32s} {e['zmq_and_client_ms']:7.2f} ms ({e['zmq_and_client_p10_ms']:6.2f} ms)")
        t = e["threads"]
        print(f"{'  kernel threads per request':32s} " + ", ".join(
            f"{label} {t[role]['cpu_ms']:.1f} ms CPU, lost its core {t[role]['lost_core']:.1f}x"
            for role, label in (("shell", "shell"), ("zmq_io", "ZeroMQ I/O"), ("jit_c1", "C1"), ("jit_c2", "C2"))
            if role in t))
    c = r["complete_matrix_ms"]
    print(f"{'complete Matrix.':32s} {c:7.2f} ms {'':11s}   <= 100 ms {verdict(c, 100)}")
    cs = r["cold_start_s"]
    print(f"{'cold start to first result':32s} {cs:7.3f} s  {'':11s}   <= 1.2 s {verdict(cs, 1.2)}"
          f"  (kernel CPU by then {r['cold_start_cpu_s']:.2f} s on {os.cpu_count()} cores)")
    sd = r["shutdown_s"]
    print(f"{'shutdown':32s} {sd:7.3f} s  {'':11s}   <= 0.3 s {verdict(sd, 0.3)}  (jupyter_client polls every 0.1 s)")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    if args.json:
        print(json.dumps(r))


if __name__ == "__main__":
    sys.exit(main())
