package shapeprop.matrix;

/**
 * One broadcast that happened: an elementwise operation stretched one or both operands to a common shape,
 * exactly as numpy would. Silent stretching is where shape bugs hide (a (200, 1) label column against
 * (200, 2) outputs), so {@link Broadcasts} lets a trace or a strict mode see every one.
 *
 * @param operation the elementwise operation: add, sub, mul or div
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

    /** A sentence for a trace: {@code b1 (128, 1) stretched along axis 1 to (128, 64)}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (stretchesLeft()) {
            text.append(stretch(leftName, left));
        }
        if (stretchesRight()) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(stretch(rightName, right));
        }
        return text.toString();
    }

    private String stretch(String name, Shape from) {
        String who = name == null ? "operand" : name;
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
