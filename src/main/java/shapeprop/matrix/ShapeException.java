package shapeprop.matrix;

/**
 * A shape mistake: the operands of an operation cannot be combined as written.
 *
 * <p>The message teaches: it names the operation, both operands with their shapes, the dimension that must
 * agree (with both values) and, where one fits, the likely fix. It is an {@link IllegalArgumentException}
 * because it is the caller's mistake. The structured parts are available for tables and notebooks.
 */
public class ShapeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final Shape left;
    private final Shape right;
    private final String hint;

    public ShapeException(String operation, Shape left, Shape right, String problem, String hint) {
        super(problem + (hint == null || hint.isEmpty() ? "" : " " + hint));
        this.operation = operation;
        this.left = left;
        this.right = right;
        this.hint = hint == null ? "" : hint;
    }

    /** The operation that failed, e.g. {@code dot} or {@code sub}. */
    public String operation() {
        return operation;
    }

    /** Shape of the left operand (the receiver). */
    public Shape left() {
        return left;
    }

    /** Shape of the right operand, or null for one-operand operations such as {@code reshape}. */
    public Shape right() {
        return right;
    }

    /** The suggested fix, or an empty string when there is none. */
    public String hint() {
        return hint;
    }
}
