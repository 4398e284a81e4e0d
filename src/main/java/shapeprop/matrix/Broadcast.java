package shapeprop.matrix;

/**
 * One broadcast that happened: an elementwise operation stretched one or both operands to a common shape,
 * exactly as numpy would. Silent stretching is where shape bugs hide (a (200, 1) label column against
 * (200, 2) outputs, or {@code b1 - db1} growing a (10, 1) bias into (10, 64)), so {@link Broadcasts} lets a
 * trace or a strict mode see every one.
 *
 * @param operation the elementwise operation: add, sub, mul, div or zip
 * @param left      the left operand's shape
 * @param leftName  the left operand's name, or null
 * @param right     the right operand's shape
 * @param rightName the right operand's name, or null
 * @param result    the shape of the result
 */
public record Broadcast(String operation, Shape left, String leftName, Shape right, String rightName,
                        Shape result) {

    /** True when the left operand was stretched along at least one axis. */
    public boolean stretchesLeft() {
        return !left.equals(result);
    }

    /** True when the right operand was stretched along at least one axis. */
    public boolean stretchesRight() {
        return !right.equals(result);
    }

    /** A sentence for a trace: {@code b1 (128, 1) stretched along axis 1 (columns) to (128, 64)}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (stretchesLeft()) {
            text.append(stretch(leftLabel(), left));
        }
        if (stretchesRight()) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(stretch(rightLabel(), right));
        }
        return text.toString();
    }

    /**
     * The likely fix when the stretch was a mistake, or an empty string. A bias-shaped operand stretched by a
     * batch-shaped one is the classic: {@code b1 (10, 1) - db1 (10, 64)} grows the bias to (10, 64), and
     * {@code db1.sum(1, true)} is the gradient of the right shape.
     */
    public String hint() {
        String small;
        String big;
        Shape smallShape;
        Shape bigShape;
        if (stretchesLeft() && !stretchesRight()) {
            small = leftLabel();
            smallShape = left;
            big = rightLabel();
            bigShape = right;
        } else if (stretchesRight() && !stretchesLeft()) {
            small = rightLabel();
            smallShape = right;
            big = leftLabel();
            bigShape = left;
        } else {
            return "Both operands were stretched (an outer " + operation + "); if one of them should be a matrix "
                    + "already, check how it was built.";
        }
        if (smallShape.size() == 1) {
            return "";
        }
        String text;
        // a column (r, 1) against (r, m): summing over axis 1 (the batch in the columns layout) gives (r, 1)
        if (smallShape.cols() == 1) {
            text = "If " + big + " is the gradient of " + small + " and kept the batch axis, sum it over the batch: "
                    + big + ".sum(1, true) is " + new Shape(bigShape.rows(), 1) + ".";
        } else {
            // a row (1, n) against (m, n): summing over axis 0 (the batch in the rows layout) gives (1, n)
            text = "If " + big + " is the gradient of " + small + " and kept the batch axis, sum it over the batch: "
                    + big + ".sum(0, true) is " + new Shape(1, bigShape.cols()) + ".";
        }
        if (stretchesLeft()) {
            text = "The result " + result + " no longer has " + small + "'s shape " + smallShape + ". " + text;
        }
        return text;
    }

    private String leftLabel() {
        return leftName == null ? "A" : leftName;
    }

    private String rightLabel() {
        return rightName == null ? "B" : rightName;
    }

    private String stretch(String who, Shape from) {
        String axes;
        if (from.rows() != result.rows() && from.cols() != result.cols()) {
            axes = "axes 0 and 1";
        } else if (from.rows() != result.rows()) {
            axes = "axis 0 (rows)";
        } else {
            axes = "axis 1 (columns)";
        }
        return who + " " + from + " stretched along " + axes + " to " + result;
    }

    @Override
    public String toString() {
        return operation + ": " + describe();
    }
}
