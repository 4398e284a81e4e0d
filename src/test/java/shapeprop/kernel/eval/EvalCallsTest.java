package shapeprop.kernel.eval;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IJava's {@code eval("…")}, called from cells run by a real evaluator as the kernel runs them: the value of the code
 * it was given, its declarations kept, its failures named, and the calling cell's value, output and interrupt still
 * the cell's own.
 */
class EvalCallsTest {

    private static Evaluator evaluator;
    private static int cell;

    @BeforeAll
    static void start() {
        evaluator = TestEvaluators.start();
        // as the kernel has it: eval imported in every notebook, and connected to the kernel's evaluator
        evaluator.runQuietly("import static shapeprop.kernel.eval.EvalCalls.*;");
        EvalCalls.connect(() -> evaluator);
    }

    @AfterAll
    static void stop() {
        EvalCalls.connect(null);
        evaluator.close();
    }

    private static Outcome run(String code) {
        return evaluator.run(code, 0, code, ++cell);
    }

    private static Object value(String code) {
        return assertInstanceOf(Outcome.Value.class, run(code), code).object();
    }

    private static String traceback(Outcome o) {
        return assertInstanceOf(Outcome.Failed.class, o).error().text().replaceAll("\u001b\\[[0-9;]*m", "");
    }

    @Test
    void evalGivesTheValueOfTheCodesLastExpressionAsARealObject() {
        assertEquals(Integer.valueOf(2), value("eval(\"1 + 1\")"));
        assertEquals("value s", value("\"value \" + eval(\"\\\"s\\\"\")"));
        assertEquals(10, value("eval(\"int q = 5; q * 2\")"), "several snippets: the last one's value");
        assertEquals(5, value("eval(\"eval(\\\"2 + 3\\\")\")"), "an eval inside eval");
        assertNull(value("eval(\"System.out.flush()\")"), "a statement has no value");
        assertNull(value("eval(\"void unused() { }\")"), "nor has a method");
    }

    @Test
    void aDeclarationGivesTheVariablesValueAndStaysForTheNextCells() {
        assertEquals(3, value("eval(\"var z = 3\")"));
        assertEquals(4, value("z + 1"));
        assertInstanceOf(Outcome.Silent.class, run("int k = (int) eval(\"40 + 2\");"));
        assertEquals(42, value("k"));
        // the cell's next statement is compiled after the eval ran, so it sees the name too
        assertEquals(7, value("eval(\"int later = 7;\");\nlater"));
    }

    @Test
    void theCellsOwnValueAndOutputStayItsOwn() {
        PrintStream kept = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Outcome o;
        try {
            o = run("System.out.println(\"before\"); eval(\"System.out.println(\\\"inside\\\"); 1\"); "
                    + "System.out.println(\"after\"); 5");
        } finally {
            System.setOut(kept);
        }
        assertEquals(5, assertInstanceOf(Outcome.Value.class, o).object());
        assertEquals("5", ((Outcome.Value) o).text());
        assertEquals("before\ninside\nafter\n", bytes.toString(StandardCharsets.UTF_8));
        // a value inside the eval whose toString() returns null is not the cell's: the cell's 6 is shown
        Outcome.Value v = assertInstanceOf(Outcome.Value.class,
                run("eval(\"new Object() { public String toString() { return null; } }\"); 6"));
        assertEquals("6", v.text());
    }

    @Test
    void aCompileErrorInTheCodeNamesTheCallTheErrorAndTheFix() {
        Outcome o = run("int n = 1;\nint x = (int) eval(\"int y = \\\"s\\\";\");");
        assertEquals("EvalCallException", assertInstanceOf(Outcome.Failed.class, o).error().ename());
        assertEquals("""
                EvalCallException: eval("int y = \\"s\\";") did not compile: line 1, column 9: incompatible types: \
                java.lang.String cannot be converted to int. Correct the code in the string given to eval.
                    at (cell [%d] line 2)""".formatted(cell), traceback(o));
        assertTrue(traceback(run("eval(\"foo(\")")).startsWith("EvalCallException: eval(\"foo(\") did not compile: "
                + "line 1, column 4: this '(' is never closed; close it with ')'."));
        // an exception an earlier eval threw (and the cell caught) is not this one's cause: nothing ran
        String tb = traceback(run("try { eval(\"1 / 0\"); } catch (Exception e) { }\neval(\"int y = \\\"s\\\";\")"));
        assertTrue(tb.startsWith("EvalCallException: eval(\"int y = \\\"s\\\";\") did not compile"), tb);
        assertFalse(tb.contains("Caused by"), tb);
    }

    @Test
    void anExceptionInTheCodeIsTheCauseAndTheCellShowsWhereBothHappened() {
        Outcome o = run("eval(\"1 / 0\")");
        assertEquals("""
                EvalCallException: eval("1 / 0") threw ArithmeticException: / by zero. The code ran up to there; fix \
                it, or catch the exception around eval(…) to go on.
                    at (cell [%d] line 1)
                Caused by: java.lang.ArithmeticException: / by zero
                    at (eval(…) line 1, in cell [%1$d])""".formatted(cell), traceback(o));
        // the cause is the exception object itself, to catch and look at as in any Java code
        assertEquals("NumberFormatException: For input string: \"x\"", value("""
                String seen;
                try {
                    eval("Integer.parseInt(\\"x\\")");
                    seen = "nothing";
                } catch (Exception e) {
                    seen = e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
                }
                seen"""));
    }

    @Test
    void codeThatCallsItselfThroughEvalIsStoppedWithTheReasonNotAThreadPerCallForever() {
        run("void again() throws Exception { eval(\"again()\"); }");
        Outcome o = run("again()");
        String tb = traceback(o);
        assertTrue(tb.startsWith("EvalCallException: eval(\"again()\"): eval is running inside 20 other eval calls; "
                + "code that calls itself through eval never ends. Call a method of yours directly instead.\n"), tb);
        assertEquals(2, value("1 + 1"), "the kernel carries on");
    }

    @Test
    void aThreadTheCellStartedIsToldThatOnlyTheCellsOwnCodeMayCallEval() {
        assertEquals("IllegalStateException: eval(\"1\"): eval runs code in the notebook's JShell, which runs one "
                + "piece of code at a time, so it can only be called by a cell's own code while the cell runs, not "
                + "from a thread the cell started. Call eval in the cell itself, or run the code in a cell of its own.",
                value("""
                        String[] said = new String[1];
                        Thread t = new Thread(() -> {
                            try {
                                eval("1");
                            } catch (Exception e) {
                                said[0] = e.getClass().getSimpleName() + ": " + e.getMessage();
                            }
                        });
                        t.start();
                        t.join();
                        said[0]"""));
    }

    @Test
    void anInterruptStopsTheCodeEvalRunsAndTheCellAfterIt() throws InterruptedException {
        for (String code : List.of("eval(\"while (true) { }\")", "eval(\"1\"); while (true) { }",
                "eval(\"Thread.sleep(60_000)\")", "eval(\"eval(\\\"while (true) { }\\\")\")")) {
            Thread stopper = StopButton.pressAfter(evaluator, 300);
            long t = System.nanoTime();
            Outcome o = run(code);
            double seconds = (System.nanoTime() - t) / 1e9;
            stopper.join();
            assertEquals("Interrupted", assertInstanceOf(Outcome.Failed.class, o).error().ename(), code);
            assertTrue(seconds < 1.3, code + ": stopped after " + seconds + " s");
            assertFalse(snippetThreadRunsAfter(1000), code + ": a thread of the cell still runs a second later");
            assertEquals(4, value("2 + 2"), "the next cell runs");
        }
        Thread stopper = StopButton.pressAfter(evaluator, 300);
        Outcome o = run("eval(\"while (true) { }\")");
        stopper.join();
        assertEquals("the kernel stopped the cell on your request; eval(\"while (true) { }\"): stopped on your request",
                assertInstanceOf(Outcome.Failed.class, o).error().evalue(), "says where it stopped");
    }

    /** Whether, for {@code millis}, a thread of JShell's keeps running (rather than all of them ending or waiting). */
    private static boolean snippetThreadRunsAfter(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            boolean running = Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getThreadGroup() != null
                    && t.getThreadGroup().getName().startsWith("JShell") && t.getState() == Thread.State.RUNNABLE);
            if (!running) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
