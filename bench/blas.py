"""Which BLAS numpy multiplies with, for the benchmark scripts' reports."""
import os

import numpy as np


def blas_library():
    """The BLAS numpy multiplies with, e.g. "OpenBLAS (/usr/lib/.../openblas-pthread/libblas.so.3)": the library
    mapped into this process (Linux), resolved through symlinks such as Debian's alternatives. Debian's reference
    BLAS (.../blas/libblas.so.3) is 10-20x slower than OpenBLAS at matrix products."""
    np.dot(np.ones((2, 2)), np.ones((2, 2)))  # make sure the library is loaded
    try:
        with open("/proc/self/maps") as maps:
            paths = sorted({line.split()[-1] for line in maps if "/" in line})
    except OSError:
        return "unknown"
    for path in paths:
        name = os.path.basename(path)
        if "lapack" in name or not any(key in name for key in ("blas", "mkl", "blis", "atlas")):
            continue
        real = os.path.realpath(path)
        for key, kind in (("openblas", "OpenBLAS"), ("mkl", "MKL"), ("blis", "BLIS"), ("atlas", "ATLAS"),
                          ("/blas/", "reference BLAS")):
            if key in real:
                return f"{kind} ({real})"
        return f"BLAS ({real})"
    return "unknown"
