package shapeprop.kernel;

import org.junit.jupiter.api.Test;
import shapeprop.kernel.eval.Evaluator;
import shapeprop.kernel.eval.Outcome;

import java.io.OutputStream;
import java.io.PrintStream;

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
}
