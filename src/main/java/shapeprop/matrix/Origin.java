package shapeprop.matrix;

/**
 * How an unnamed result was made from two named operands, {@code Xrows.dot(Wᵀ)}: what a shape error calls the
 * result when the learner gave it no name of their own, written as the Java that computed it
 * ({@code Xrows.dot(W.T())}) instead of a letter the learner never wrote. Only names are kept, never the operands,
 * so a result does not keep the matrices it came from alive.
 */
record Origin(String op, String left, String right) {

    /** The origin of {@code a.op(b)}; null unless both operands are named (one call deep, so names stay short). */
    static Origin of(String op, Matrix a, Matrix b) {
        String left = a.name();
        String right = b.name();
        return left == null || right == null ? null : new Origin(op, left, right);
    }

    /** {@code Xrows.dot(W.T())}: the call as Java, each transposed name written with T(). */
    String code() {
        return ShapeErrors.plain(left + "." + op + "(" + right + ")");
    }

    @Override
    public String toString() {
        return code();
    }
}
