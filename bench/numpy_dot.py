"""numpy's GFLOPS for np.dot on the shapes ShapeProp's `bench dot` measures, as the reference to compare with.

Usage: python3 bench/numpy_dot.py [--seconds S] M,K,N [M,K,N ...]
Prints one header line starting with '#', then one line per shape: "M K N GFLOPS CPU_GFLOPS".
GFLOPS = 2*M*K*N / median wall time of np.dot(A, B), with A (M, K) and B (K, N) float64, C-contiguous;
CPU_GFLOPS uses the process's CPU time instead (for one thread, the speed per CPU-second, which a busy shared
machine disturbs less than the wall clock).
Threads: whatever OpenBLAS is given (set OPENBLAS_NUM_THREADS=1 for one thread). The environment is left as
it is; OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE, when set, are printed because they change OpenBLAS's speed.
"""
import os
import sys
import time

try:
    import numpy as np
    from blas import blas_library
except ImportError:
    print("# numpy is not installed for " + sys.executable)
    sys.exit(3)


def gflops(m, k, n, seconds):
    rng = np.random.default_rng(42)
    a = rng.standard_normal((m, k))
    b = rng.standard_normal((k, n))
    # warm-up, and how many calls make one sample of at least seconds/10
    reps = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(reps):
            np.dot(a, b)
        elapsed = time.perf_counter() - t0
        if elapsed >= seconds / 10:
            break
        reps *= 2
    samples = []
    cpu_samples = []
    deadline = time.perf_counter() + seconds
    while len(samples) < 5 or time.perf_counter() < deadline:
        t0 = time.perf_counter()
        c0 = time.process_time()
        for _ in range(reps):
            np.dot(a, b)
        cpu_samples.append((time.process_time() - c0) / reps)
        samples.append((time.perf_counter() - t0) / reps)
        if len(samples) >= 200:
            break
    flops = 2.0 * m * k * n
    return flops / median(samples) / 1e9, flops / max(median(cpu_samples), 1e-12) / 1e9


def median(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def main(argv):
    seconds = 0.5
    shapes = []
    i = 0
    while i < len(argv):
        if argv[i] == "--seconds":
            seconds = float(argv[i + 1])
            i += 2
            continue
        shapes.append(tuple(int(x) for x in argv[i].split(",")))
        i += 1
    env = " ".join(f"{key}={os.environ[key]}" for key in
                   ("OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS")
                   if key in os.environ)
    print(f"# numpy {np.__version__}, python {sys.version.split()[0]}, BLAS: {blas_library()},"
          f" env: {env or '(no OpenBLAS variables)'}")
    for m, k, n in shapes:
        wall, cpu = gflops(m, k, n, seconds)
        print(f"{m} {k} {n} {wall:.3f} {cpu:.3f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
