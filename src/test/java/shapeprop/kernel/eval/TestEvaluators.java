package shapeprop.kernel.eval;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/** Evaluators for the tests, as the kernel makes them: the test class path, the Vector API, no log. */
final class TestEvaluators {

    private TestEvaluators() {
    }

    /** A new evaluator whose JShell sees the classes of the tests' own class path. */
    static Evaluator start() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new Evaluator(cp, List.of("--add-modules", "jdk.incubator.vector"),
                new PrintStream(OutputStream.nullOutputStream()));
    }
}
