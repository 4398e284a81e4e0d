#!/usr/bin/env python3
"""The numpy reference that `shapeprop bench` races against.

It trains the same fully connected networks as ShapeProp - the same data, sizes, activations, loss,
batch size, learning rate, Xavier initialisation and float64 - with the textbook numpy code a learner
writes (Z = W.dot(X) + b, dZ = A - Y, dW = dZ.dot(A_prev.T) / m, ...). It is a yardstick, not a library:
one script, no options beyond the experiment's.

Output: one JSON object per line, {"epoch": ...} after every reported epoch and a final {"summary": ...}.
The time of an epoch covers the training loop only (shuffle, slicing batches, forward, backward,
update); evaluating accuracy afterwards is not timed. cpu_seconds is the CPU time of the process in
those loops (all threads), which a busy machine disturbs less than the wall time.

  /usr/bin/python3 bench/numpy_train.py --dataset mnist --data ~/.cache/shapeprop/mnist --epochs 5
  /usr/bin/python3 bench/numpy_train.py --dataset moons --data train.f64 --test test.f64 --hidden 16,16 \
      --activation tanh --epochs 2000 --batch 0 --lr 0.5
"""
import argparse
import gzip
import json
import os
import sys
import time

import numpy as np

from blas import blas_library


def read_idx(path):
    """The bytes of an IDX file, raw or .gz, as a numpy array (header checked by magic)."""
    for candidate in (path, path + ".gz"):
        if os.path.exists(candidate):
            opener = gzip.open if candidate.endswith(".gz") else open
            with opener(candidate, "rb") as f:
                data = f.read()
            magic = int.from_bytes(data[0:4], "big")
            count = int.from_bytes(data[4:8], "big")
            if magic == 2051:
                rows, cols = int.from_bytes(data[8:12], "big"), int.from_bytes(data[12:16], "big")
                return np.frombuffer(data, np.uint8, offset=16).reshape(count, rows * cols)
            if magic == 2049:
                return np.frombuffer(data, np.uint8, offset=8)
            sys.exit(f"{candidate}: magic number {magic} is neither 2051 (images) nor 2049 (labels)")
    sys.exit(f"{path}: not found (nor {path}.gz); run bin/shapeprop fetch mnist")


def load_mnist(folder):
    """(X_train, y_train, X_test, y_test) with samples as rows and pixels in [0, 1]."""
    x = read_idx(os.path.join(folder, "train-images-idx3-ubyte")).astype(np.float64) / 255.0
    y = read_idx(os.path.join(folder, "train-labels-idx1-ubyte")).astype(np.int64)
    xt = read_idx(os.path.join(folder, "t10k-images-idx3-ubyte")).astype(np.float64) / 255.0
    yt = read_idx(os.path.join(folder, "t10k-labels-idx1-ubyte")).astype(np.int64)
    return x, y, xt, yt


def load_points(path):
    """Points written by ShapeProp: float64 little-endian, m rows of (x, y, label)."""
    data = np.fromfile(path, dtype="<f8").reshape(-1, 3)
    return data[:, :2].copy(), data[:, 2].astype(np.int64)


def activation(name):
    """g and g' expressed through the output A = g(Z)."""
    if name == "sigmoid":
        return (lambda z: 1.0 / (1.0 + np.exp(-z))), (lambda a: a * (1.0 - a))
    if name == "tanh":
        return np.tanh, (lambda a: 1.0 - a * a)
    if name == "relu":
        return (lambda z: np.maximum(z, 0.0)), (lambda a: (a > 0).astype(np.float64))
    sys.exit(f"--activation {name}: use sigmoid, tanh or relu")


def softmax(z, axis):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dataset", choices=["mnist", "moons"], required=True)
    p.add_argument("--data", required=True, help="MNIST folder, or the training points file ShapeProp wrote")
    p.add_argument("--test", help="moons: the test points file ShapeProp wrote")
    p.add_argument("--hidden", default="128", help="hidden sizes, comma separated")
    p.add_argument("--activation", default="sigmoid")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch", type=int, default=64, help="0 for full batch")
    p.add_argument("--lr", type=float, default=1.0)
    p.add_argument("--layout", choices=["columns", "rows"], default="columns")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--every", type=int, default=1, help="report every N epochs")
    args = p.parse_args()

    rng = np.random.default_rng(args.seed)
    if args.dataset == "mnist":
        x, y, xt, yt = load_mnist(args.data)
        classes = 10
    else:
        x, y = load_points(args.data)
        xt, yt = load_points(args.test) if args.test else (x, y)
        classes = 2
    m, features = x.shape
    binary = classes == 2 and args.dataset == "moons"
    outputs = 1 if binary else classes
    sizes = [features] + [int(h) for h in args.hidden.split(",") if h] + [outputs]
    g, g_prime = activation(args.activation)
    columns = args.layout == "columns"

    # Xavier: W ~ randn * sqrt(2 / (in + out)), b = 0
    W, b = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        scale = np.sqrt(2.0 / (n_in + n_out))
        W.append(rng.standard_normal((n_out, n_in) if columns else (n_in, n_out)) * scale)
        b.append(np.zeros((n_out, 1) if columns else (1, n_out)))

    if binary:
        targets = y.reshape(-1, 1).astype(np.float64)
    else:
        targets = np.eye(classes)[y]
    # Batches are gathered as rows (contiguous) and transposed for the columns layout: X_all[:, idx] on a
    # (784, 60000) array would be a strided gather that costs numpy more than the whole forward pass.
    X_all, Y_all = x, targets
    batch = m if args.batch <= 0 else args.batch
    L = len(W)

    def forward(X):
        A = [X]
        for l in range(L):
            Z = W[l].dot(A[-1]) + b[l] if columns else A[-1].dot(W[l]) + b[l]
            if l < L - 1:
                A.append(g(Z))
            elif binary:
                A.append(sigmoid(Z))
            else:
                A.append(softmax(Z, 0 if columns else 1))
        return A

    def predict(X):
        out = forward(X)[-1]
        if binary:
            return (out >= 0.5).astype(np.int64).ravel()
        return out.argmax(axis=0 if columns else 1)

    def test_accuracy():
        return float((predict(xt.T if columns else xt) == yt).mean())

    seconds = []
    cpu_seconds = []
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        cpu_start = time.process_time()
        order = rng.permutation(m) if batch < m else None
        loss_sum = 0.0
        hits = 0
        for start_i in range(0, m, batch):
            if order is None:
                X, Y = X_all[start_i:start_i + batch], Y_all[start_i:start_i + batch]
            else:
                idx = order[start_i:start_i + batch]
                X, Y = X_all[idx], Y_all[idx]
            if columns:
                X, Y = X.T, Y.T
            n = X.shape[1] if columns else X.shape[0]
            # forward
            A = forward(X)
            out = A[-1]
            if binary:
                loss_sum += -np.sum(Y * np.log(out + 1e-12) + (1 - Y) * np.log(1 - out + 1e-12))
                hits += int(((out >= 0.5) == (Y >= 0.5)).sum())
            else:
                loss_sum += -np.sum(Y * np.log(out + 1e-12))
                axis = 0 if columns else 1
                hits += int((out.argmax(axis=axis) == Y.argmax(axis=axis)).sum())
            # backward: dZ = A - Y for sigmoid/BCE and softmax/CE
            dZ = out - Y
            for l in range(L - 1, -1, -1):
                if columns:
                    dW = dZ.dot(A[l].T) / n
                    db = np.sum(dZ, axis=1, keepdims=True) / n
                    if l > 0:
                        dZ_prev = W[l].T.dot(dZ) * g_prime(A[l])
                else:
                    dW = A[l].T.dot(dZ) / n
                    db = np.sum(dZ, axis=0, keepdims=True) / n
                    if l > 0:
                        dZ_prev = dZ.dot(W[l].T) * g_prime(A[l])
                # update
                W[l] -= args.lr * dW
                b[l] -= args.lr * db
                if l > 0:
                    dZ = dZ_prev
        seconds.append(time.perf_counter() - start)
        cpu_seconds.append(time.process_time() - cpu_start)
        if epoch % args.every == 0 or epoch == args.epochs:
            print(json.dumps({"epoch": epoch, "loss": loss_sum / m, "train_accuracy": hits / m,
                              "test_accuracy": test_accuracy(), "seconds": seconds[-1]}), flush=True)
    print(json.dumps({"summary": {"epochs": args.epochs, "seconds": sum(seconds), "epoch_seconds": seconds,
                                  "cpu_seconds": sum(cpu_seconds),
                                  "test_accuracy": test_accuracy(),
                                  "blas": blas_library(),
                                  "threads": os.environ.get("OPENBLAS_NUM_THREADS", "default")}}), flush=True)


if __name__ == "__main__":
    main()
