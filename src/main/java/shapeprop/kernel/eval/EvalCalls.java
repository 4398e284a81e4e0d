package shapeprop.kernel.eval;

import java.util.function.Supplier;

/**
 * IJava's {@code eval}, imported statically in every notebook: runs Java code given as text in the notebook's
 * JShell, from a cell's own code, and returns its value.
 * <pre>
 * Object two = eval("1 + 1");           // 2, an Integer
 * eval("var z = 3");                    // 3; z is defined for the next cells
 * int k = (int) eval("40 + 2");
 * </pre>
 * The code runs as a cell's code does, snippet by snippet (several statements, declarations, imports); the value is
 * its last snippet's: an expression's, a declared variable's, or null for a statement or a method or class. A
 * compile error, an exception or an interrupt ends it with an {@link EvalCallException} that names the code. The
 * cell that calls eval was compiled before the call, so the names it declares are there from the cell's next
 * statement on, as for a jar a magic adds.
 */
public final class EvalCalls {

    private static volatile Supplier<Evaluator> evaluator;

    private EvalCalls() {
    }

    /** The kernel connects its evaluator here at start-up; null disconnects it. */
    public static void connect(Supplier<Evaluator> kernelEvaluator) {
        evaluator = kernelEvaluator;
    }

    /**
     * Runs {@code code} in the notebook's JShell and returns the value of its last snippet (null for a statement).
     * Declared {@code throws Exception} as IJava's is, so that code written for IJava compiles unchanged; what it
     * throws is an {@link EvalCallException}.
     */
    public static Object eval(String code) throws Exception {
        if (code == null) {
            throw new EvalCallException("eval(null): give the code to run as text, e.g. eval(\"1 + 1\").", null);
        }
        Supplier<Evaluator> kernel = evaluator;
        if (kernel == null) {
            throw new IllegalStateException("eval(" + Evaluator.quoted(code) + ") needs the ShapeProp (or IJava) "
                    + "Jupyter kernel, whose JShell runs the code, and this JVM has none (a plain JShell or a test). "
                    + "Run it in a notebook on that kernel; in jshell, write the code itself instead.");
        }
        return kernel.get().evalFromCell(code);
    }
}
