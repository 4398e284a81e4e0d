package shapeprop.kernel;

import org.junit.jupiter.api.Test;
import shapeprop.kernel.eval.EvalCalls;
import shapeprop.kernel.eval.Evaluator;
import shapeprop.kernel.eval.Outcome;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The JShell a kernel starts with: the notebook's imports, and a warm-up only while no cell waits. */
class EvaluatorStartupTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void aCellWaitingForStartUpIsNotKeptWaitingByTheWarmUp() {
        long warmed;
        try (Evaluator e = EvaluatorStartup.create(QUIET, () -> false)) {
            warmed = e.snippetCount();
        }
        try (Evaluator e = EvaluatorStartup.create(QUIET, () -> true)) {
            // the imports only: the warm-up expression is the one snippet fewer
            assertEquals(warmed - 1, e.snippetCount());
            // and the waiting cell finds everything a notebook has in scope
            Outcome.Value v = assertInstanceOf(Outcome.Value.class,
                    e.run("Matrix.eye(2).sum() + List.of(1).size()", 0, "Matrix.eye(2).sum() + List.of(1).size()", 1));
            assertEquals(3.0, v.object());
        }
    }

    @Test
    void lineMagicIsInScopeAndOutsideTheKernelSaysItNeedsOne() {
        try (Evaluator e = EvaluatorStartup.create(QUIET, () -> true)) {
            String call = "List<String> added = lineMagic(\"jars\", List.of(\"lib/a.jar\"));";
            Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, e.run(call, 0, call, 1));
            assertEquals("IllegalStateException", failed.error().ename());
            assertEquals("lineMagic(\"jars\", List.of(\"lib/a.jar\")) needs the ShapeProp (or IJava) Jupyter kernel, "
                    + "which runs the magics, and this JVM has none (a plain JShell or a test). Run it in a notebook on "
                    + "that kernel; in jshell, add jars with /env --class-path instead.", failed.error().evalue());
        }
    }

    @Test
    void evalIsInScopeAndOutsideTheKernelSaysItNeedsOne() {
        EvalCalls.connect(null); // as in a JVM without the kernel
        try (Evaluator e = EvaluatorStartup.create(QUIET, () -> true)) {
            String call = "int k = (int) eval(\"40 + 2\");";
            Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, e.run(call, 0, call, 1));
            assertEquals("IllegalStateException", failed.error().ename());
            assertEquals("eval(\"40 + 2\") needs the ShapeProp (or IJava) Jupyter kernel, whose JShell runs the code, "
                    + "and this JVM has none (a plain JShell or a test). Run it in a notebook on that kernel; in jshell, "
                    + "write the code itself instead.", failed.error().evalue());
        }
    }

    @Test
    void importingANotebookPackageAgainKeepsEveryOtherImportInScope() {
        try (Evaluator e = EvaluatorStartup.create(QUIET, () -> true)) {
            for (String again : List.of(EvaluatorStartup.DISPLAY_FUNCTIONS, "import java.util.*;",
                    "import shapeprop.matrix.*;")) {
                assertInstanceOf(Outcome.Silent.class, e.run(again, 0, again, 1), again);
                String uses = "Matrix.eye(2).sum() + List.of(1).size() + BigInteger.ONE.intValue()"
                        + " + Pattern.compile(\"a\").pattern().length() + html(\"<b>\").hashCode() * 0";
                Outcome.Value v = assertInstanceOf(Outcome.Value.class, e.run(uses, 0, uses, 2), "after " + again);
                assertEquals(5.0, v.object(), "after " + again);
            }
        }
    }
}
