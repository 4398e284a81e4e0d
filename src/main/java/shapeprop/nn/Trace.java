package shapeprop.nn;

import java.util.ArrayList;
import java.util.List;
import shapeprop.matrix.Shape;

/**
 * What one forward, backward and update did, one {@link Step} per operation: the equation in the layout's
 * notation, the operand shapes, the result shape, any broadcasting, and for gradients whether the shape equals
 * the parameter's. It prints as an aligned table in a terminal and is plain data for notebook tables:
 * <pre>
 * forward   Z1 = W1·X + b1   (128, 784)·(784, 64) + (128, 1)  -&gt; (128, 64)  broadcast: b1 (128, 1) stretched …
 * forward   A1 = σ(Z1)       (128, 64)                        -&gt; (128, 64)
 * backward  dW1 = dZ1·Xᵀ / m (128, 64)·(64, 784)              -&gt; (128, 784) = W1 (128, 784) ✓
 * update    W1 -= 0.5·dW1    (128, 784) - 0.5·(128, 784)      -&gt; (128, 784)
 * </pre>
 */
public final class Trace {

    /** A trace with no steps (tracing was off). */
    public static final Trace EMPTY = new Trace(List.of());

    private final List<Step> steps;

    public Trace(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * One operation.
     *
     * @param phase          {@code forward}, {@code backward} or {@code update}
     * @param layer          the layer it belongs to, from 1; 0 for the loss
     * @param equation       in the layout's notation, e.g. {@code Z1 = W1·X + b1} or {@code dW1 = dZ1·Xᵀ / m}
     * @param operands       the operand shapes, e.g. {@code (128, 784)·(784, 64) + (128, 1)}
     * @param result         the shape of the result
     * @param broadcast      empty, or what was stretched, e.g. {@code b1 (128, 1) stretched along axis 1 …}
     * @param parameter      for a gradient, the parameter it belongs to ({@code W1}); otherwise null
     * @param parameterShape for a gradient, the parameter's shape; otherwise null
     * @param shapeOk        false only for a gradient whose shape differs from its parameter's
     */
    public record Step(String phase, int layer, String equation, String operands, Shape result, String broadcast,
                       String parameter, Shape parameterShape, boolean shapeOk) {

        /** True when this row computes a gradient of a parameter. */
        public boolean isGradient() {
            return parameter != null;
        }

        /** The last column: the gradient check ({@code = W1 (128, 784) ✓}) or the broadcast, or empty. */
        public String note() {
            if (parameter != null) {
                return (shapeOk ? "= " : "≠ ") + parameter + " " + parameterShape + (shapeOk ? " ✓" : " ✗");
            }
            return broadcast.isEmpty() ? "" : "broadcast: " + broadcast;
        }

        @Override
        public String toString() {
            return phase + "  " + equation + "  " + operands + "  -> " + result + (note().isEmpty() ? "" : "  " + note());
        }
    }

    /** The operations in the order they ran. */
    public List<Step> steps() {
        return steps;
    }

    /** The steps of one phase: {@code forward}, {@code backward} or {@code update}. */
    public List<Step> steps(String phase) {
        return steps.stream().filter(s -> s.phase().equals(phase)).toList();
    }

    /** True when every gradient in the trace has its parameter's shape. */
    public boolean gradientsOk() {
        return steps.stream().allMatch(Step::shapeOk);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The aligned table; an empty trace says how to turn tracing on. */
    @Override
    public String toString() {
        if (steps.isEmpty()) {
            return "(empty trace: turn tracing on with network.tracing(true) before forward/backward/update)\n";
        }
        List<List<String>> cells = new ArrayList<>();
        for (Step step : steps) {
            cells.add(List.of(step.phase(), step.equation(), step.operands(), "-> " + step.result(), step.note()));
        }
        return TextTable.format(cells);
    }
}
