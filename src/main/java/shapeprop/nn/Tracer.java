package shapeprop.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import shapeprop.matrix.Broadcast;
import shapeprop.matrix.Broadcasts;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.Shape;

/**
 * Records a learner's own forward and backward pass as a {@link Trace}, the same table a {@link Network}
 * prints. Each step gives the equation, the computation, and the named operands; their shapes are written into
 * the equation in place of their names ({@code W1·X + b1} becomes {@code (128, 784)·(784, 64) + (128, 1)}, and
 * {@code Xᵀ} the transposed shape), and any broadcasting the computation does is caught:
 *
 * <pre>{@code
 * Tracer t = new Tracer();
 * Matrix Z1 = t.forward("Z1 = W1·X + b1", () -> W1.dot(X).add(b1), W1, X, b1);
 * Matrix dW1 = t.gradient("dW1 = dZ1·Xᵀ / m", W1, () -> dZ1.dot(X.T()).div(m), dZ1, X);
 * System.out.println(t.trace());   // … dW1 = dZ1·Xᵀ / m  (128, 64)·(64, 784) / m  -> (128, 784)  = W1 (128, 784) ✓
 * }</pre>
 *
 * A gradient whose shape differs from its parameter's is recorded with ✗, not thrown, so the whole backward pass
 * shows at once. Operands need names ({@code W1.named("W1")}); parameters from {@link Network#parameters()}
 * have them.
 */
public final class Tracer {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(ᵀ)?");

    private final List<Trace.Step> steps = new ArrayList<>();

    /** Records a forward step (its layer taken from the first digit run in the equation's left side). */
    public Matrix forward(String equation, Supplier<Matrix> computation, Matrix... operands) {
        return record("forward", equation, computation, null, operands);
    }

    /** Records a backward step that is not itself a parameter's gradient, e.g. {@code dZ1 = W2ᵀ·dZ2 ⊙ σ'(Z1)}. */
    public Matrix backward(String equation, Supplier<Matrix> computation, Matrix... operands) {
        return record("backward", equation, computation, null, operands);
    }

    /** Records the gradient of {@code parameter} and checks its shape against the parameter's (✓/✗). */
    public Matrix gradient(String equation, Matrix parameter, Supplier<Matrix> computation, Matrix... operands) {
        if (parameter.name() == null) {
            throw new IllegalArgumentException("Tracer.gradient(\"" + equation + "\"): the parameter " + parameter.shape()
                    + " has no name; give it one, e.g. W1.named(\"W1\"), so the trace can say whose gradient this is.");
        }
        return record("backward", equation, computation, parameter, operands);
    }

    /** Records an update step such as {@code W1 -= 0.5·dW1}. */
    public Matrix update(String equation, Supplier<Matrix> computation, Matrix... operands) {
        return record("update", equation, computation, null, operands);
    }

    /** Everything recorded so far. */
    public Trace trace() {
        return new Trace(steps);
    }

    /** Forgets the recorded steps (e.g. before the next training step). */
    public void clear() {
        steps.clear();
    }

    private Matrix record(String phase, String equation, Supplier<Matrix> computation, Matrix parameter,
                          Matrix... operands) {
        List<Broadcast> stretched = new ArrayList<>();
        Matrix result;
        try (Broadcasts.Scope scope = Broadcasts.watch(stretched::add)) {
            result = computation.get();
        }
        StringBuilder broadcast = new StringBuilder();
        for (Broadcast event : stretched) {
            broadcast.append(broadcast.length() == 0 ? "" : "; ").append(event.describe());
        }
        String operandText = shapesIn(rightSide(equation), operands);
        int layer = layerOf(equation);
        if (parameter == null) {
            steps.add(new Trace.Step(phase, layer, equation, operandText, result.shape(), broadcast.toString(), null,
                    null, true));
        } else {
            steps.add(new Trace.Step(phase, layer, equation, operandText, result.shape(), broadcast.toString(),
                    parameter.name(), parameter.shape(), result.shape().equals(parameter.shape())));
        }
        return result;
    }

    private static String rightSide(String equation) {
        int assign = equation.indexOf('=');
        return assign < 0 ? equation : equation.substring(assign + 1).trim();
    }

    /** The expression with each operand's name replaced by its shape ({@code Xᵀ} by the transposed shape). */
    static String shapesIn(String expression, Matrix... operands) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (Matrix operand : operands) {
            if (operand.name() == null) {
                throw new IllegalArgumentException("Tracer: an operand " + operand.shape() + " has no name; name it "
                        + "as it appears in the equation, e.g. X.named(\"X\").");
            }
            shapes.put(operand.name(), operand.shape());
        }
        Matcher matcher = NAME.matcher(expression);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String token = matcher.group();
            boolean transposed = matcher.group(1) != null;
            Shape shape = shapes.get(token);
            if (shape == null && transposed) {
                // Xᵀ written in the equation, X given as the operand
                Shape plain = shapes.get(token.substring(0, token.length() - 1));
                shape = plain == null ? null : plain.T();
            }
            String replacement = shape == null ? token : shape.toString();
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static int layerOf(String equation) {
        String left = equation.contains("=") ? equation.substring(0, equation.indexOf('=')) : equation;
        Matcher digits = Pattern.compile("\\d+").matcher(left);
        return digits.find() ? Integer.parseInt(digits.group()) : 0;
    }

    @Override
    public String toString() {
        return trace().toString();
    }
}
