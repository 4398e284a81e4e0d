package shapeprop.matrix;

import java.util.regex.Pattern;

/**
 * Builds the teaching messages of {@link ShapeException} for the operations of {@link Matrix}: the
 * operation, both operands with names and full shapes, the dimension that must agree with both values, and
 * the likely fix. Unnamed operands are called A (the receiver) and B (the argument).
 */
final class ShapeErrors {

    private ShapeErrors() {
    }

    /**
     * The names of a receiver and an argument. An unnamed result of named operands is the call that made it,
     * {@code Xrows.dot(W.T())}. Any other unnamed one is A (the receiver) or B (the argument), unless the
     * other operand already goes by that letter (a learner's own B, or Aᵀ): then C or D, so that a message never
     * reads "B is (2, 3) but B is (2, 5)".
     */
    static String[] labels(Matrix a, Matrix b) {
        String an = a.name() != null ? a.name() : a.origin() != null ? a.origin().code() : letter(b.name(), "A", "C");
        String bn = b.name() != null ? b.name() : b.origin() != null ? b.origin().code() : letter(an, "B", "D");
        return new String[] {an, bn};
    }

    private static String letter(String other, String first, String second) {
        return other != null && other.replace("ᵀ", "").equals(first) ? second : first;
    }

    /**
     * A name that ends in ᵀ where Java code follows or closes: "Xᵀ.dot(", "(Xᵀ)", "Xᵀ.T()"; not a factor of a
     * product in math, "Qᵀ·Pᵀ)".
     */
    private static final Pattern CODE_TRANSPOSE = Pattern.compile("(?<![·\\w])(\\w+(?:\\.T\\(\\))*)ᵀ(?=[ᵀ.),])");

    /**
     * A hint as the learner would write it in Java: a transposed name in code is written with T() ("Xᵀ.dot(W)"
     * is X.T().dot(W)), and the transpose of a transposed name is the name ("W2ᵀ.T()" is W2). Prose and math keep
     * the ᵀ ("That is Xᵀ·W").
     */
    static String plain(String hint) {
        String code = hint;
        for (String before = null; !code.equals(before); ) {
            before = code;
            code = CODE_TRANSPOSE.matcher(code).replaceAll("$1.T()");
        }
        for (String before = null; !code.equals(before); ) {
            before = code;
            code = code.replace(".T().T()", "");
        }
        return code;
    }

    /**
     * Refuses a product that transposes both operands or whose inner dimensions differ: {@code operation} names the
     * caller in the first message; the second is the shape explanation of a.dot(b), a.dotT(b) or a.Tdot(b).
     */
    static void checkProduct(String operation, Matrix a, boolean transposeA, Matrix b, boolean transposeB) {
        if (transposeA && transposeB) {
            throw new IllegalArgumentException(operation + ": transpose a or b, not both.");
        }
        if (transposeA ? a.rows != b.rows : a.cols != (transposeB ? b.cols : b.rows)) {
            throw transposeA ? tdot(a, b) : transposeB ? dotT(a, b) : dot(a, b);
        }
    }

    /**
     * {@code NoCopy.wrap: a (3, 4) matrix needs 12 values but the array holds 10.} Built here, apart from the check,
     * which runs several times a training step: the check stays small enough for the JIT to inline and compile early.
     */
    static ShapeException wrap(int rows, int cols, int length) {
        return new ShapeException("NoCopy.wrap", new Shape(Math.max(rows, 0), Math.max(cols, 0)), null,
                "NoCopy.wrap: a (" + rows + ", " + cols + ") matrix needs " + (long) rows * cols
                        + " values but the array holds " + length + ".",
                "Give an array of exactly rows·cols values in row-major order.");
    }

    /**
     * {@code dot: W1 is (128, 784) but X is (64, 784); W1.cols (784) must equal X.rows (64).
     * Did you mean W1.dot(X.T())? X.T() is (784, 64).}
     */
    static ShapeException dot(Matrix a, Matrix b) {
        String[] names = labels(a, b);
        String an = names[0];
        String bn = names[1];
        String problem = "dot: " + an + " is " + a.shape() + " but " + bn + " is " + b.shape() + "; " + an
                + ".cols (" + a.cols() + ") must equal " + bn + ".rows (" + b.rows() + ").";
        String hint;
        if (a.cols() == b.cols()) {
            hint = "Did you mean " + an + ".dot(" + bn + ".T())? " + bn + ".T() is " + b.shape().T() + ", so "
                    + a.shape() + "·" + b.shape().T() + " → " + new Shape(a.rows(), b.rows()) + ".";
        } else if (a.rows() == b.rows()) {
            hint = "Did you mean " + an + ".T().dot(" + bn + ")? " + an + ".T() is " + a.shape().T() + ", so "
                    + a.shape().T() + "·" + b.shape() + " → " + new Shape(a.cols(), b.cols()) + ".";
        } else if (b.cols() == a.rows()) {
            hint = "Did you mean " + bn + ".dot(" + an + ")? The order of a matrix product matters: "
                    + b.shape() + "·" + a.shape() + " → " + new Shape(b.rows(), a.cols()) + ".";
        } else if (a.rows() == b.cols()) {
            hint = "Did you mean " + an + ".T().dot(" + bn + ".T())? That is " + a.shape().T() + "·"
                    + b.shape().T() + " → " + new Shape(a.cols(), b.rows()) + ".";
        } else {
            hint = "No transpose of either operand makes the inner dimensions agree; check how " + an + " and "
                    + bn + " were built.";
        }
        return new ShapeException("dot", a.shape(), b.shape(), problem, plain(hint));
    }

    /** {@code dotT: X·dZ1ᵀ needs X.cols (20) to equal dZ1.cols (7), but X is (64, 20) and dZ1 is (64, 7). …} */
    static ShapeException dotT(Matrix a, Matrix b) {
        String[] names = labels(a, b);
        String an = names[0];
        String bn = names[1];
        String problem = "dotT: " + an + "·" + bn + "ᵀ needs " + an + ".cols (" + a.cols() + ") to equal " + bn
                + ".cols (" + b.cols() + "), but " + an + " is " + a.shape() + " and " + bn + " is " + b.shape() + ".";
        String hint;
        if (a.rows() == b.rows()) {
            hint = "Did you mean " + an + ".Tdot(" + bn + ")? That is " + an + "ᵀ·" + bn + ": " + a.shape().T() + "·"
                    + b.shape() + " → " + new Shape(a.cols(), b.cols()) + ".";
        } else if (a.cols() == b.rows()) {
            hint = "Did you mean " + an + ".dot(" + bn + ")? " + a.shape() + "·" + b.shape() + " → "
                    + new Shape(a.rows(), b.cols()) + ".";
        } else {
            hint = "No transpose makes the inner dimensions agree; check how " + an + " and " + bn + " were built.";
        }
        return new ShapeException("dotT", a.shape(), b.shape(), problem, plain(hint));
    }

    /** {@code Tdot: Xᵀ·W needs X.rows (64) to equal W.rows (7), but X is (64, 20) and W is (7, 20). …} */
    static ShapeException tdot(Matrix a, Matrix b) {
        String[] names = labels(a, b);
        String an = names[0];
        String bn = names[1];
        String problem = "Tdot: " + an + "ᵀ·" + bn + " needs " + an + ".rows (" + a.rows() + ") to equal " + bn
                + ".rows (" + b.rows() + "), but " + an + " is " + a.shape() + " and " + bn + " is " + b.shape() + ".";
        String hint;
        if (a.cols() == b.cols()) {
            hint = "Did you mean " + an + ".dotT(" + bn + ")? That is " + an + "·" + bn + "ᵀ: " + a.shape() + "·"
                    + b.shape().T() + " → " + new Shape(a.rows(), b.rows()) + ".";
        } else if (a.cols() == b.rows()) {
            hint = "Did you mean " + an + ".dot(" + bn + ")? " + a.shape() + "·" + b.shape() + " → "
                    + new Shape(a.rows(), b.cols()) + ".";
        } else {
            hint = "No transpose makes the inner dimensions agree; check how " + an + " and " + bn + " were built.";
        }
        return new ShapeException("Tdot", a.shape(), b.shape(), problem, plain(hint));
    }

    /**
     * {@code sub: W2 is (128, 10) but dW2 is (10, 128); they cannot be broadcast: axis 0 (rows) has 128 vs 10
     * and axis 1 (columns) has 10 vs 128 (each axis needs equal sizes, or 1 to stretch). dW2 is W2's shape
     * transposed. Did you mean W2.sub(dW2.T())? …}
     */
    static ShapeException broadcast(String op, Matrix a, Matrix b) {
        String[] names = labels(a, b);
        String an = names[0];
        String bn = names[1];
        StringBuilder problem = new StringBuilder(op + ": " + an + " is " + a.shape() + " but " + bn + " is "
                + b.shape() + "; they cannot be broadcast: ");
        boolean rowsClash = Matrix.broadcastDim(a.rows(), b.rows()) < 0;
        boolean colsClash = Matrix.broadcastDim(a.cols(), b.cols()) < 0;
        if (rowsClash) {
            problem.append("axis 0 (rows) has ").append(a.rows()).append(" vs ").append(b.rows());
        }
        if (colsClash) {
            problem.append(rowsClash ? " and " : "").append("axis 1 (columns) has ").append(a.cols())
                    .append(" vs ").append(b.cols());
        }
        problem.append(" (each axis needs equal sizes, or 1 to stretch).");
        return new ShapeException(op, a.shape(), b.shape(), problem.toString(), plain(broadcastHint(op, a, an, b, bn)));
    }

    /**
     * The fix for a refused broadcast. A transpose is suggested only when it gives a result with values, in the
     * shape of the operand that is not stretched: never an empty result, never an outer sum of two vectors.
     */
    private static String broadcastHint(String op, Matrix a, String an, Matrix b, String bn) {
        Shape as = a.shape();
        Shape bs = b.shape();
        if (as.size() == 0 || bs.size() == 0) {
            // every result with an empty operand is empty too: the operand is the bug, not its orientation
            String empty = as.size() == 0 && bs.size() == 0 ? an + " " + as + " and " + bn + " " + bs + " are"
                    : as.size() == 0 ? an + " " + as + " is" : bn + " " + bs + " is";
            return empty + " empty, so no transpose gives a result with any values. Check how "
                    + (as.size() == 0 && bs.size() == 0 ? "they were" : (as.size() == 0 ? an : bn) + " was")
                    + " built: a slice such as sliceRows(i, i) or sliceCols(j, j), or a batch of 0 samples, is empty.";
        }
        if (as.equals(bs.T())) {
            return bn + " is " + an + "'s shape transposed. Did you mean " + call(an, op, bn + ".T()") + "? "
                    + bn + ".T() is " + bs.T() + ". If " + bn + " is the gradient of " + an + ", it should come out "
                    + as + " already: a gradient has the shape of its parameter, so swap the factors of the dot "
                    + "product that computes it ((P·Q)ᵀ = Qᵀ·Pᵀ).";
        }
        // A gradient computed in the other layout: summing over its batch axis and transposing fits.
        if (as.cols() == 1 && bs.cols() == as.rows()) {
            return "If " + bn + " is the gradient of " + an + " in the other layout (samples as rows), sum it over "
                    + "the batch and transpose: " + bn + ".sum(0, true).T() is " + new Shape(bs.cols(), 1) + ".";
        }
        if (as.rows() == 1 && bs.rows() == as.cols()) {
            return "If " + bn + " is the gradient of " + an + " in the other layout (samples as columns), sum it "
                    + "over the batch and transpose: " + bn + ".sum(1, true).T() is " + new Shape(1, bs.rows()) + ".";
        }
        // A vector on the wrong axis: its transpose stretches along the other one, and only it stretches.
        if (isVector(bs) && Matrix.broadcastDim(as.rows(), bs.cols()) == as.rows()
                && Matrix.broadcastDim(as.cols(), bs.rows()) == as.cols()) {
            return "Did you mean " + call(an, op, bn + ".T()") + "? " + bn + ".T() is " + bs.T()
                    + " and broadcasts with " + as + ".";
        }
        if (isVector(as) && Matrix.broadcastDim(as.cols(), bs.rows()) == bs.rows()
                && Matrix.broadcastDim(as.rows(), bs.cols()) == bs.cols()) {
            return "Did you mean " + call(an + ".T()", op, bn) + "? " + an + ".T() is " + as.T()
                    + " and broadcasts with " + bs + ".";
        }
        return "Check how " + an + " and " + bn + " were built: for an elementwise " + op
                + ", both must have the same shape, or one of them 1 along the axis it stretches.";
    }

    /** {@code a.op(b)} as the learner would write it; zip also takes the function, {@code a.zip(b, f)}. */
    private static String call(String a, String op, String b) {
        return a + "." + op + "(" + b + (op.equals("zip") ? ", f" : "") + ")";
    }

    private static boolean isVector(Shape s) {
        return s.rows() == 1 || s.cols() == 1;
    }
}
