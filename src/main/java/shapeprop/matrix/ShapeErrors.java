package shapeprop.matrix;

/** Builds the teaching messages of {@link ShapeException} for the operations of {@link Matrix}. */
final class ShapeErrors {

    private ShapeErrors() {
    }

    private static String label(Matrix m, String fallback) {
        return m.name() == null ? fallback : m.name();
    }

    /**
     * {@code dot: W1 is (128, 784) but X is (64, 784); W1.cols (784) must equal X.rows (64).
     * Did you mean W1.dot(X.T())? X.T() is (784, 64).}
     */
    static ShapeException dot(Matrix a, Matrix b) {
        String an = label(a, "A");
        String bn = label(b, "B");
        String problem = "dot: " + an + " is " + a.shape() + " but " + bn + " is " + b.shape() + "; " + an
                + ".cols (" + a.cols() + ") must equal " + bn + ".rows (" + b.rows() + ").";
        String hint;
        if (a.cols() == b.cols()) {
            hint = "Did you mean " + an + ".dot(" + bn + ".T())? " + bn + ".T() is " + b.shape().T() + ".";
        } else if (a.rows() == b.rows()) {
            hint = "Did you mean " + an + ".T().dot(" + bn + ")? " + an + ".T() is " + a.shape().T() + ".";
        } else if (b.cols() == a.rows()) {
            hint = "Did you mean " + bn + ".dot(" + an + ")? The order of a matrix product matters: "
                    + b.shape() + "·" + a.shape() + " works.";
        } else if (a.rows() == b.cols()) {
            hint = "Did you mean " + an + ".T().dot(" + bn + ".T())? That is " + a.shape().T() + "·" + b.shape().T()
                    + ".";
        } else {
            hint = "No transpose of either operand makes the inner dimensions agree; check how " + an + " and " + bn
                    + " were built.";
        }
        return new ShapeException("dot", a.shape(), b.shape(), problem, hint);
    }

    /**
     * {@code sub: W2 is (128, 10) but dW2 is (10, 128); they cannot be broadcast: axis 0 has 128 vs 10 (sizes
     * must be equal or one of them 1). Did you mean dW2.T()? dW2.T() is (128, 10).}
     */
    static ShapeException broadcast(String op, Matrix a, Matrix b) {
        String an = label(a, "A");
        String bn = label(b, "B");
        StringBuilder problem = new StringBuilder(op + ": " + an + " is " + a.shape() + " but " + bn + " is "
                + b.shape() + "; they cannot be broadcast: ");
        boolean rowsClash = Matrix.broadcastDim(a.rows(), b.rows()) < 0;
        boolean colsClash = Matrix.broadcastDim(a.cols(), b.cols()) < 0;
        if (rowsClash) {
            problem.append("axis 0 (rows) has ").append(a.rows()).append(" vs ").append(b.rows());
        }
        if (colsClash) {
            problem.append(rowsClash ? " and " : "").append("axis 1 (columns) has ").append(a.cols()).append(" vs ")
                    .append(b.cols());
        }
        problem.append(" (sizes must be equal or one of them 1).");
        String hint = "";
        if (a.shape().equals(b.shape().T())) {
            hint = "Did you mean " + bn + ".T()? " + bn + ".T() is " + b.shape().T() + ".";
        } else if (b.cols() == 1 && b.rows() == a.cols() || b.rows() == 1 && b.cols() == a.rows()) {
            hint = "Did you mean " + bn + ".T()? " + bn + ".T() is " + b.shape().T() + " and would broadcast.";
        } else if (a.cols() == 1 && b.rows() == a.rows() && b.cols() > 1) {
            hint = "If " + bn + " is a gradient for " + an + " that kept the batch axis, sum it over the batch: "
                    + bn + ".sum(1, true) is (" + b.rows() + ", 1).";
        } else if (a.rows() == 1 && b.cols() == a.cols() && b.rows() > 1) {
            hint = "If " + bn + " is a gradient for " + an + " that kept the batch axis, sum it over the batch: "
                    + bn + ".sum(0, true) is (1, " + b.cols() + ").";
        }
        return new ShapeException(op, a.shape(), b.shape(), problem.toString(), hint);
    }
}
