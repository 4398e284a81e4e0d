package shapeprop.matrix;

/**
 * The loops behind {@code add}, {@code sub}, {@code mul} and {@code div}. Each operation has its own plain
 * loops (no function call per element), so the JIT turns them into SIMD code; each call allocates only the
 * result.
 *
 * <p>Broadcasting reads an operand with stride 0 along a stretched axis: row i of the result combines row
 * {@code i·rowStride} of each operand, and within the row element {@code j·colStride} (colStride 0 repeats
 * the single column).
 */
final class Elementwise {

    /** The four arithmetic operations, with numpy's operator for messages. */
    enum Op {
        ADD("add", "+"), SUB("sub", "-"), MUL("mul", "*"), DIV("div", "/");

        final String method;
        final String symbol;

        Op(String method, String symbol) {
            this.method = method;
            this.symbol = symbol;
        }

        @Override
        public String toString() {
            return method;
        }
    }

    private Elementwise() {
    }

    /** out[i, j] = a[i·ars + j·acs] op b[i·brs + j·bcs] for an (r, c) result. */
    static double[] apply(Op op, double[] a, int ars, int acs, double[] b, int brs, int bcs, int r, int c) {
        double[] out = new double[new Shape(r, c).size()];
        if (ars == c && acs == 1 && brs == c && bcs == 1) {
            // same shape: one flat loop
            row(op, out, 0, a, 0, 1, b, 0, 1, out.length);
            return out;
        }
        for (int i = 0; i < r; i++) {
            row(op, out, i * c, a, i * ars, acs, b, i * brs, bcs, c);
        }
        return out;
    }

    /** out[o + j] = a[ai + j·as] op b[bi + j·bs] for j < len, where the strides as and bs are 0 or 1. */
    private static void row(Op op, double[] out, int o, double[] a, int ai, int as, double[] b, int bi, int bs,
                            int len) {
        switch (op) {
            case ADD -> add(out, o, a, ai, as, b, bi, bs, len);
            case SUB -> sub(out, o, a, ai, as, b, bi, bs, len);
            case MUL -> mul(out, o, a, ai, as, b, bi, bs, len);
            case DIV -> div(out, o, a, ai, as, b, bi, bs, len);
            default -> throw new AssertionError(op);
        }
    }

    private static void add(double[] out, int o, double[] a, int ai, int as, double[] b, int bi, int bs, int len) {
        if (as == 1 && bs == 1) {
            for (int j = 0; j < len; j++) {
                out[o + j] = a[ai + j] + b[bi + j];
            }
        } else if (as == 1) {
            double y = len == 0 ? 0 : b[bi];
            for (int j = 0; j < len; j++) {
                out[o + j] = a[ai + j] + y;
            }
        } else {
            double x = len == 0 ? 0 : a[ai];
            for (int j = 0; j < len; j++) {
                out[o + j] = x + b[bi + j * bs];
            }
        }
    }

    private static void sub(double[] out, int o, double[] a, int ai, int as, double[] b, int bi, int bs, int len) {
        if (as == 1 && bs == 1) {
            for (int j = 0; j < len; j++) {
                out[o + j] = a[ai + j] - b[bi + j];
            }
        } else if (as == 1) {
            double y = len == 0 ? 0 : b[bi];
            for (int j = 0; j < len; j++) {
                out[o + j] = a[ai + j] - y;
            }
        } else {
            double x = len == 0 ? 0 : a[ai];
            for (int j = 0; j < len; j++) {
                out[o + j] = x - b[bi + j * bs];
            }
        }
    }

    private static void mul(double[] out, int o, double[] a, int ai, int as, double[] b, int bi, int bs, int len) {
        if (as == 1 && bs == 1) {
            for (int j = 0; j < len; j++) {
                out[o + j] = a[ai + j] * b[bi + j];
            }
        } else if (as == 1) {
            double y = len == 0 ? 0 : b[bi];
            for (int j = 0; j < len; j++) {
                out[o + j] = a[ai + j] * y;
            }
        } else {
            double x = len == 0 ? 0 : a[ai];
            for (int j = 0; j < len; j++) {
                out[o + j] = x * b[bi + j * bs];
            }
        }
    }

    private static void div(double[] out, int o, double[] a, int ai, int as, double[] b, int bi, int bs, int len) {
        if (as == 1 && bs == 1) {
            for (int j = 0; j < len; j++) {
                out[o + j] = a[ai + j] / b[bi + j];
            }
        } else if (as == 1) {
            double y = len == 0 ? 0 : b[bi];
            for (int j = 0; j < len; j++) {
                out[o + j] = a[ai + j] / y;
            }
        } else {
            double x = len == 0 ? 0 : a[ai];
            for (int j = 0; j < len; j++) {
                out[o + j] = x / b[bi + j * bs];
            }
        }
    }

    /** out[i] = a[i] op s, or s op a[i] when {@code scalarFirst}. */
    static double[] withScalar(Op op, double[] a, double s, boolean scalarFirst) {
        double[] out = new double[a.length];
        double[] scalar = {s};
        if (scalarFirst) {
            row(op, out, 0, scalar, 0, 0, a, 0, 1, a.length);
        } else {
            row(op, out, 0, a, 0, 1, scalar, 0, 0, a.length);
        }
        return out;
    }
}
