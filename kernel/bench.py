#!/usr/bin/python3
"""ShapeProp kernel benchmark: round trips through a real Jupyter client (Debian's jupyter_client).

Reports medians of: kernel_info round trip; execute `1+1` and `int x = 3;` round trips next to JShell's
own eval time for the same snippets in one JVM (shapeprop.kernel.JShellBench), so the difference is what
the kernel adds; completion of `Matrix.`; cold start to first result; shutdown. Targets from the kernel issue
are printed alongside. The machine is shared: compare numbers from the same run.

Usage:
  /usr/bin/python3 kernel/bench.py                      # the installed kernelspec named "java"
  /usr/bin/python3 kernel/bench.py --kernel NAME --starts 5 --reps 50
  JUPYTER_PATH=/some/dir /usr/bin/python3 kernel/bench.py --kernel NAME
"""
import argparse
import os
import json
import statistics
import subprocess
import sys
import time

import jupyter_client
from jupyter_client.kernelspec import KernelSpecManager


def median_ms(fn, reps):
    for _ in range(min(reps, 10)):
        fn()
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


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
        return median_ms(once, reps)
    finally:
        sock.close(linger=0)


def execute(kc, code):
    reply = kc.execute(code, reply=True, timeout=60)
    if reply["content"]["status"] != "ok":
        raise SystemExit(f"{code!r} failed in the kernel: {reply['content']}")


def cpu_seconds(pid):
    """CPU time (user + system) the process has used: start-up cost that other load on the machine does not inflate."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cold_start(name):
    """Seconds from process start to the first execute reply, the kernel's CPU seconds by then, and
    seconds to shut down."""
    km = jupyter_client.KernelManager(kernel_name=name)
    t = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    execute(kc, "1+1")
    first = time.perf_counter() - t
    cpu = cpu_seconds(km.provisioner.process.pid)
    t = time.perf_counter()
    km.shutdown_kernel(now=False)
    down = time.perf_counter() - t
    kc.stop_channels()
    return first, down, cpu


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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kernel", default="java")
    ap.add_argument("--reps", type=int, default=50)
    ap.add_argument("--starts", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON too")
    args = ap.parse_args()
    spec = KernelSpecManager().get_kernel_spec(args.kernel)
    snippets = ["1+1", "int x = 3;"]

    starts = [cold_start(args.kernel) for _ in range(args.starts)]
    km = jupyter_client.KernelManager(kernel_name=args.kernel)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    r = {
        "kernel_info_ms": median_ms(lambda: kc.kernel_info(reply=True, timeout=10), args.reps * 4),
        "kernel_info_raw_zmq_ms": raw_kernel_info_ms(km, args.reps * 4),
        "execute_ms": {s: median_ms(lambda s=s: execute(kc, s), args.reps) for s in snippets},
        "complete_matrix_ms": median_ms(lambda: kc.complete("Matrix.", reply=True, timeout=10), args.reps),
        "cold_start_s": statistics.median(s[0] for s in starts),
        "shutdown_s": statistics.median(s[1] for s in starts),
        "cold_start_cpu_s": statistics.median(s[2] for s in starts),
    }
    km.shutdown_kernel(now=False)
    kc.stop_channels()
    ref = jshell_reference(spec, args.reps, snippets)
    r["jshell_bare_ms"] = {s: ref.get(s, (float("nan"),) * 2)[0] for s in snippets}
    r["jshell_evaluator_ms"] = {s: ref.get(s, (float("nan"),) * 2)[1] for s in snippets}

    print(f"kernel: {args.kernel}  ({' '.join(spec.argv[:1])})")
    print(f"{'measure':34s} {'median':>10s}   target")
    print(f"{'kernel_info round trip':34s} {r['kernel_info_ms']:8.2f} ms   <= 2 ms (jupyter_client's blocking client)")
    print(f"{'kernel_info, bare pyzmq client':34s} {r['kernel_info_raw_zmq_ms']:8.2f} ms   <= 2 ms (the kernel's own latency)")
    for s in snippets:
        bare = r["jshell_bare_ms"][s]
        added = r["execute_ms"][s] - bare
        print(f"{'execute ' + s:34s} {r['execute_ms'][s]:8.2f} ms   (JShell bare {bare:.2f} ms, "
              f"via Evaluator {r['jshell_evaluator_ms'][s]:.2f} ms; kernel adds {added:+.2f} ms, target <= 5)")
    print(f"{'complete Matrix.':34s} {r['complete_matrix_ms']:8.2f} ms   <= 100 ms")
    print(f"{'cold start to first result':34s} {r['cold_start_s']:8.3f} s    <= 1.2 s"
          f"  (kernel CPU by then {r['cold_start_cpu_s']:.2f} s on {os.cpu_count()} cores)")
    print(f"{'shutdown':34s} {r['shutdown_s']:8.3f} s    <= 0.3 s  (jupyter_client polls every 0.1 s)")
    if args.json:
        print(json.dumps(r))


if __name__ == "__main__":
    sys.exit(main())
