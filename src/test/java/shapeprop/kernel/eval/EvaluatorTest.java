package shapeprop.kernel.eval;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shapeprop.data.EndlessDownload;
import shapeprop.matrix.Matrix;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The evaluator in this JVM, as the kernel uses it: cells in, real objects and readable errors out. */
class EvaluatorTest {

    private static Evaluator evaluator;
    private static int cell;

    @BeforeAll
    static void start() {
        evaluator = TestEvaluators.start();
        evaluator.runQuietly("import shapeprop.matrix.*;");
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static Outcome run(String code) {
        return evaluator.run(code, 0, code, ++cell);
    }

    private static String traceback(Outcome o) {
        return assertInstanceOf(Outcome.Failed.class, o).error().text().replaceAll("\u001b\\[[0-9;]*m", "");
    }

    @Test
    void theLastExpressionOfACellIsItsValueAsARealObject() {
        Outcome.Value v = assertInstanceOf(Outcome.Value.class,
                run("Matrix a = Matrix.eye(2);\nMatrix b = a.mul(3.0);\nb"));
        Matrix m = assertInstanceOf(Matrix.class, v.object(), "the object itself, not its text");
        assertEquals(3.0, m.get(1, 1));
        Outcome.Value sum = assertInstanceOf(Outcome.Value.class, run("b.sum()"));
        assertEquals(6.0, sum.object());
        assertEquals("6.0", sum.text());
    }

    @Test
    void aOneLineDeclarationMayLeaveOutItsSemicolonAsInJShell() {
        for (String declaration : List.of("int x1 = 3", "var v1 = 3", "double d1 = Math.sqrt(4)",
                "Matrix c1 = Matrix.eye(2)", "import java.util.concurrent.atomic.*")) {
            assertInstanceOf(Outcome.Silent.class, run(declaration), declaration);
        }
        assertEquals(3, assertInstanceOf(Outcome.Value.class, run("x1 + 0")).object());
        assertEquals(2.0, assertInstanceOf(Outcome.Value.class, run("d1")).object());
        assertEquals(2, assertInstanceOf(Outcome.Value.class, run("new AtomicInteger(2).get()")).object());
    }

    @Test
    void declarationsAndStatementsShowNothing() {
        assertInstanceOf(Outcome.Silent.class, run("int declared = 3;"));
        assertInstanceOf(Outcome.Silent.class, run("void noop() { }\nnoop();"));
    }

    @Test
    void aCompileErrorPointsAtItsLineAndColumnWithACaret() {
        String tb = traceback(run("int ok = 1;\n\n  double d = \"text\";"));
        assertTrue(tb.startsWith("Compile error at line 3, column 14: incompatible types: java.lang.String cannot be converted to double"), tb);
        assertTrue(tb.contains("    3 |   double d = \"text\";\n      |              ^^^^^^"), tb);
    }

    @Test
    void aCompileErrorOfSeveralLinesReadsAsOneSentenceWithSingleSemicolons() {
        String tb = traceback(run("Matrix.zeros(2)"));
        assertTrue(tb.startsWith("Compile error at line 1, column 1: method zeros in class shapeprop.matrix.Matrix cannot be "
                + "applied to given types; required: int,int; found: int; reason: actual and formal argument lists differ "
                + "in length\n"), tb);
    }

    @Test
    void theCaretStaysUnderTheSpanOnATabIndentedLine() {
        String tb = traceback(run("if (true) {\n\tint bad = \"x\";\n}"));
        assertTrue(tb.startsWith("Compile error at line 2, column 12: incompatible types"), tb);
        assertTrue(tb.endsWith("    2 |     int bad = \"x\";\n      |               ^^^"), tb);
        tb = traceback(run("if (true) {\n\t\tint\tworse = \"x\";\n}"));
        assertTrue(tb.endsWith("    2 |         int worse = \"x\";\n      |                     ^^^"), tb);
    }

    @Test
    void aLastStatementMayLeaveOutItsSemicolonAsInJShell() {
        run("int c = 0;");
        assertInstanceOf(Outcome.Silent.class, run("while (c < 3) c++"));
        assertInstanceOf(Outcome.Silent.class, run("c += 1;\ndo { c++; } while (c < 10)"));
        assertInstanceOf(Outcome.Silent.class, run("if (c == 10) c = 11"));
        assertEquals(11, assertInstanceOf(Outcome.Value.class, run("c")).object());
        assertInstanceOf(Outcome.Silent.class, run("assert c > 20 : \"m\""));
        assertTrue(traceback(run("throw new IllegalStateException(\"x\")")).startsWith("java.lang.IllegalStateException: x\n"));
        String tb = traceback(run("int e = 0;\nif (e > 0) e = \"x\" // a comment"));
        assertTrue(tb.startsWith("Compile error at line 2, column 16: incompatible types"), tb);
        assertTrue(tb.endsWith("    2 | if (e > 0) e = \"x\" // a comment\n      |                ^^^"), tb);
    }

    @Test
    void anUnclosedCommentIsAnErrorAtItsLineNotTheRestOfTheCellSilentlyIgnored() {
        String tb = traceback(run("int a9 = 1;\n/* comment not closed\nint b9 = 2;"));
        assertEquals("Compile error at line 2, column 1: this comment is never closed, so the rest of the cell "
                + "would be ignored; close it with */\n"
                + "    2 | /* comment not closed\n"
                + "      | ^^", tb);
        assertTrue(traceback(run("int c9 = 3; /** the doc")).startsWith(
                "Compile error at line 1, column 13: this comment is never closed"));
    }

    @Test
    void anUnclosedTextBlockOrBracketIsNamedWhereItOpens() {
        String tb = traceback(run("int ok = 1;\nString s = \"\"\"\n    text"));
        assertTrue(tb.startsWith("Compile error at line 2, column 12: this text block is never closed; end it with \"\"\"\n"
                + "    2 | String s = \"\"\"\n      |            ^^^"), tb);
        tb = traceback(run("void f() {\n    if (true) {\n        System.out.println(\"}\");\n    }\n"));
        assertTrue(tb.startsWith("Compile error at line 1, column 10: this '{' is never closed; close it with '}'\n"), tb);
        tb = traceback(run("Matrix.zeros(2,"));
        assertTrue(tb.startsWith("Compile error at line 1, column 13: this '(' is never closed; close it with ')'"), tb);
    }

    @Test
    void codeThatEndsUnfinishedIsAlwaysAnError() {
        for (String code : List.of("int q = 0;\nint x = 3 +", "int q = 0;\nclass A", "int q = 0;\nint f()",
                "int q = 0;\nx ->", "int q = 0;\n@Deprecated int", "int q = 0;\nString s = \"abc;",
                "int q = 0;\nchar c = 'a;", "int q = 0;\nif (q > 0)", "int q = 0;\nfor (;;)")) {
            assertInstanceOf(Outcome.Failed.class, run(code), code);
        }
    }

    @Test
    void aRuntimeErrorShowsCellLinesNotKernelFrames() {
        String tb = traceback(run("// helper\nint half(int n) {\n  if (n == 1) throw new IllegalStateException(\"odd\");\n"
                + "  return n / 2;\n}\nhalf(1)"));
        assertTrue(tb.startsWith("java.lang.IllegalStateException: odd\n"), tb);
        assertTrue(tb.contains("at half (cell [" + cell + "] line 3)"), tb);
        assertTrue(tb.contains("(cell [" + cell + "] line 6)"), tb);
        assertTrue(!tb.contains("jdk.jshell") && !tb.contains("reflect"), tb);
    }

    @Test
    void aShapeMistakeIsHighlightedWithItsTeachingMessage() {
        CellError e = assertInstanceOf(Outcome.Failed.class,
                run("Matrix.zeros(2, 3).dot(Matrix.zeros(2, 3))")).error();
        assertEquals("ShapeException", e.ename());
        assertTrue(e.text().contains("Shape mistake (ShapeException)"));
        assertTrue(e.evalue().contains("(2, 3)"), e.evalue());
        List<String> frames = e.text().replaceAll("\u001b\\[[0-9;]*m", "").lines().skip(2).toList();
        assertEquals(2, frames.size(), "the call into the library and the cell's line: " + frames);
        assertTrue(frames.get(0).startsWith("    at shapeprop.matrix.Matrix.dot("), frames.get(0));
        assertEquals("    at (cell [" + cell + "] line 1)", frames.get(1));
    }

    @Test
    void exceptionMessagesNameTheLearnersVariablesNotJShellsWrappers() {
        CellError e = assertInstanceOf(Outcome.Failed.class, run("String missing = null;\nmissing.length()")).error();
        assertEquals("NullPointerException", e.ename());
        assertTrue(e.evalue().endsWith("because \"missing\" is null"), e.evalue());
        CellError cast = assertInstanceOf(Outcome.Failed.class,
                run("class Box { }\nObject o = new Box();\nString s = (String) o;")).error();
        assertTrue(cast.evalue().startsWith("class Box cannot be cast to class java.lang.String"), cast.evalue());
    }

    @Test
    void anExceptionClassDeclaredInACellIsNamedAsTheLearnerWroteIt() {
        run("class MyEx extends RuntimeException { MyEx(String m, Throwable cause) { super(m, cause); } }");
        CellError e = assertInstanceOf(Outcome.Failed.class, run("throw new MyEx(\"m\", null);")).error();
        assertEquals("MyEx", e.ename());
        assertEquals("m", e.evalue());
        assertTrue(traceback(new Outcome.Failed(e)).startsWith("MyEx: m\n    at (cell [" + cell + "] line 1)"),
                e.text());
        String tb = traceback(run("class Box { }\nthrow new IllegalStateException(\"outer \" + new Box(), new MyEx(\"inner\", null));"));
        assertTrue(tb.startsWith("java.lang.IllegalStateException: outer Box@"), tb);
        assertTrue(tb.contains("\nCaused by: MyEx: inner\n"), tb);
    }

    @Test
    void aValueWhoseToStringNeverEndsIsExplainedNotShown() {
        assertInstanceOf(Outcome.Silent.class, run("class Node { Node next; public String toString() { return \"Node->\" + next; } }\n"
                + "Node n = new Node();\nn.next = n;\nint after = 1;"), "JShell's own text of n.next = n failed quietly");
        CellError e = assertInstanceOf(Outcome.Failed.class, run("n")).error();
        assertEquals("ValueNotShown", e.ename());
        assertEquals("toString() of Node recursed without end (StackOverflowError); a cycle in your objects, one that "
                + "leads back to itself? The cell ran; only showing its value failed. Fix toString(), or assign the "
                + "value to a variable to skip showing it: var shown = n;", e.evalue());
        assertEquals("Value not shown: " + e.evalue(), traceback(new Outcome.Failed(e)));
        assertEquals("ValueNotShown", assertInstanceOf(Outcome.Failed.class, run("n.next;")).error().ename());
        assertInstanceOf(Outcome.Silent.class, run("var shown = n;"), "the fix the message gives works");
        assertEquals("Node->null", assertInstanceOf(Outcome.Value.class, run("new Node()")).text());
    }

    @Test
    void aValueWhoseToStringThrowsOrReturnsNullIsExplainedNotShownAsNull() {
        run("Object boom = new Object() { public String toString() { throw new IllegalStateException(\"boom\"); } };");
        CellError e = assertInstanceOf(Outcome.Failed.class, run("boom")).error();
        assertTrue(e.evalue().startsWith("toString() of anonymous Object threw IllegalStateException: boom. The cell ran;"),
                e.evalue());
        run("class Blank { public String toString() { return null; } }");
        assertInstanceOf(Outcome.Silent.class, run("Blank b = new Blank();"), "declaring one is fine");
        e = assertInstanceOf(Outcome.Failed.class, run("new Blank()")).error();
        assertTrue(e.evalue().startsWith("toString() of Blank returned null. The cell ran;"), e.evalue());
        assertTrue(e.evalue().endsWith("var shown = new Blank();"), e.evalue());
        Outcome.Value v = assertInstanceOf(Outcome.Value.class, run("new Object[] { b, 1 }.length"));
        assertEquals(2, v.object());
    }

    /** What a cell printed on stderr (where the kernel's System.err goes, the cell's notes included) and its outcome. */
    private record Ran(Outcome outcome, String stderr) {
    }

    private static Ran runCapturingStderr(String code) {
        PrintStream kept = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Outcome o = run(code);
            return new Ran(o, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(kept);
        }
    }

    /** What the notebook shows for a cell's class that offers toHtml(), as the kernel's renderers call it. */
    private static String html(Object value) throws ReflectiveOperationException {
        Method toHtml = value.getClass().getMethod("toHtml");
        toHtml.setAccessible(true);
        return (String) toHtml.invoke(value);
    }

    @Test
    void aVariableThatARedefinedClassResetShowsNullNotTheOldObjectAndTheCellSaysWhy() throws Exception {
        String crate = "class Crate { int v; Crate(int v) { this.v = v; } public String toHtml() { return \"crate \" + v; } }";
        run(crate);
        run("Crate c = new Crate(1);");
        assertEquals("crate 1", html(assertInstanceOf(Outcome.Value.class, run("c")).object()));
        Ran redefined = runCapturingStderr(crate.replace("int v;", "int v; int w;"));
        assertInstanceOf(Outcome.Silent.class, redefined.outcome());
        Outcome.Value shown = assertInstanceOf(Outcome.Value.class, run("c"));
        assertNull(shown.object(), "JShell reset c to null; the old Crate(1) must not be shown");
        assertEquals("null", shown.text());
        assertEquals("note: c was reset to null because class Crate changed; run the cell that declares c again "
                + "to give it a value\n", redefined.stderr().replace("\r\n", "\n"));
        assertEquals(true, assertInstanceOf(Outcome.Value.class, run("c == null")).object());
        run("c = new Crate(2);");
        assertEquals("crate 2", html(assertInstanceOf(Outcome.Value.class, run("c")).object()),
                "the variable's new value is shown richly again");
        Ran rerun = runCapturingStderr(crate.replace("int v;", "int v; int u;") + "\nCrate c = new Crate(3);");
        assertEquals("", rerun.stderr(), "a cell that declares the variable again after the class needs no note");
        assertEquals("crate 3", html(assertInstanceOf(Outcome.Value.class, run("c")).object()));
    }

    @Test
    void aNoteNamesTheClassTheLearnerChangedAndTheValueJShellResetTo() {
        run("class Part { int size = 3; }");
        run("class Machine { Part part = new Part(); }");
        run("Machine m = new Machine();\nvar size = new Part().size;");
        Ran changed = runCapturingStderr("class Part { int size = 4; String name; }");
        assertEquals("note: size was reset to 0 because class Part changed; run the cell that declares size again to give it a value\n"
                + "note: m was reset to null because class Part changed; run the cell that declares m again to give it a value\n",
                changed.stderr().replace("\r\n", "\n"), "Part, which the learner changed, not Machine, which JShell compiled again");
        assertEquals(0, assertInstanceOf(Outcome.Value.class, run("size")).object());
        run("size = 7;");
        assertEquals(7, assertInstanceOf(Outcome.Value.class, run("size")).object(),
                "JShell compiled size twice in that cell; its value lives in the second version");
    }

    @Test
    void aVariableRedeclaredByASnippetThatThrowsShowsJShellsValueNotTheOldOne() {
        run("int q = 5;");
        assertEquals("ArithmeticException", assertInstanceOf(Outcome.Failed.class, run("int q = 1 / 0;")).error().ename());
        Outcome.Value q = assertInstanceOf(Outcome.Value.class, run("q"));
        assertEquals("0", q.text());
        assertEquals(0, q.object(), "the new q, as JShell has it, not the 5 of the q it replaced");
    }

    @Test
    void aNameNoCellHasDefinedSaysToRunTheCellThatDefinesIt() {
        // what a learner sees after a kernel restart, running a cell halfway down the notebook
        String text = traceback(run("historyOfTraining + lossOf(1)"));
        assertTrue(text.contains("cannot find symbol"), text);
        assertTrue(text.endsWith("historyOfTraining, lossOf(…) are not defined in this kernel session. If an earlier "
                + "cell defines them, run that cell first: after the kernel restarts, or when the notebook is opened "
                + "again, nothing from earlier cells exists until they run again (Cell ▸ Run All Above). Otherwise "
                + "check the spelling."), text);
        // X.of(1) with an unknown X: a class not imported, most likely
        assertTrue(traceback(run("NoSuchTable.of(1)")).endsWith("NoSuchTable is not defined in this kernel session. "
                + "If an earlier cell defines it, run that cell first: after the kernel restarts, or when the notebook "
                + "is opened again, nothing from earlier cells exists until they run again (Cell ▸ Run All Above). A "
                + "class from a library needs its import (e.g. import shapeprop.viz.*;) and, if it is not ShapeProp's, "
                + "its jar (%maven group:artifact:version). Otherwise check the spelling."));
        // a class of an earlier cell (class LostAfterRestart { … }) after a restart
        assertTrue(traceback(run("new LostAfterRestart()")).endsWith("LostAfterRestart is not defined in this kernel session. If an earlier "
                + "cell defines it, run that cell first: after the kernel restarts, or when the notebook is opened "
                + "again, nothing from earlier cells exists until they run again (Cell ▸ Run All Above). A class from "
                + "a library needs its import (e.g. import shapeprop.viz.*;) and, if it is not ShapeProp's, its jar "
                + "(%maven group:artifact:version). Otherwise check the spelling."));
        // other compile errors get no such note
        assertFalse(traceback(run("int x = \"three\";")).contains("kernel session"));
        // Xᵀ copied from the math: X is defined, its ᵀ is not Java (javac reads Xᵀ as one unknown name)
        run("var X = shapeprop.matrix.Matrix.zeros(2, 3);");
        assertTrue(traceback(run("X.dot(Xᵀ)")).endsWith("\nXᵀ is math notation; in Java, X's transpose is X.T() (javac"
                + " reads Xᵀ as a name of its own, which no cell defined)."), traceback(run("X.dot(Xᵀ)")));
    }

    @Test
    void ijavasKernelObjectsSayThisKernelHasNoneAndWhatToWriteInstead() {
        String ijava = "IJava's, and this kernel is not IJava: it has no getKernelInstance() nor IJava's classes. To "
                + "show a class of yours richly, register a renderer with shapeprop.kernel.display.Renderers.global()"
                + ".registerMime(YourClass.class, \"text/html\", value -> html), or give the class a public String "
                + "toHtml(). display(…), render(…), lineMagic(…), cellMagic(…) and eval(…) are here as in IJava.";
        // an IJava notebook registering a renderer
        String tb = traceback(run("getKernelInstance().getRenderer()"));
        assertTrue(tb.startsWith("Compile error at line 1, column 1: cannot find symbol"), tb);
        assertTrue(tb.endsWith("\ngetKernelInstance() is " + ijava), tb);
        assertFalse(tb.contains("kernel session"), "no earlier cell can define it: " + tb);
        assertTrue(traceback(run("IJava.getKernelInstance()")).endsWith("\nIJava is " + ijava));
        assertTrue(traceback(run("import io.github.spencerpark.jupyter.kernel.display.*;"))
                .endsWith("\npackage io.github.spencerpark.jupyter.kernel.display is " + ijava));
        // a name an earlier cell may define keeps its own note
        String both = traceback(run("getKernelInstance().toString() + notRunYet"));
        assertTrue(both.endsWith("\ngetKernelInstance() is " + ijava + "\nnotRunYet is not defined in this kernel "
                + "session. If an earlier cell defines it, run that cell first: after the kernel restarts, or when the "
                + "notebook is opened again, nothing from earlier cells exists until they run again (Cell ▸ Run All "
                + "Above). Otherwise check the spelling."), both);
        // what the note says to write works in a cell
        run("class Badge { }");
        assertFalse(run("shapeprop.kernel.display.Renderers.global().registerMime(Badge.class, \"text/html\", "
                + "value -> \"<b>badge</b>\");") instanceof Outcome.Failed);
        Object badge = assertInstanceOf(Outcome.Value.class, run("new Badge()")).object();
        assertEquals("<b>badge</b>",
                shapeprop.kernel.display.Renderers.global().render(badge).get("text/html"));
    }

    @Test
    void aRedefinedMethodThatMakesAVariableUnusableSaysSoInTheCell() {
        run("Matrix mk() { return Matrix.zeros(2, 2); }");
        run("var W = mk();");
        Ran broken = runCapturingStderr("Matrix mk() { return Matrix.zeros(2, \"two\"); }");
        assertTrue(traceback(broken.outcome()).startsWith("Compile error at line 1, column 38:"), traceback(broken.outcome()));
        assertEquals("note: W cannot be used until method mk() is declared again\n", broken.stderr().replace("\r\n", "\n"));
        assertTrue(traceback(run("W")).contains("cannot find symbol"), "what the note explains");
        Ran fixed = runCapturingStderr("Matrix mk() { return Matrix.eye(2); }");
        assertEquals("note: W can be used again, but it is null; run the cell that declares it to give it a value\n",
                fixed.stderr().replace("\r\n", "\n"));
        assertNull(assertInstanceOf(Outcome.Value.class, run("W")).object());
        run("W = mk();");
        assertEquals(1.0, assertInstanceOf(Matrix.class, assertInstanceOf(Outcome.Value.class, run("W")).object()).get(1, 1));
        Ran retyped = runCapturingStderr("double mk() { return 1.0; }");
        assertEquals("note: W cannot be used because method mk() changed: incompatible types: double cannot be converted "
                + "to shapeprop.matrix.Matrix; declare W again, or change method mk() back\n",
                retyped.stderr().replace("\r\n", "\n"));
    }

    @Test
    void aFailureOfJShellItselfStillEndsTheCellWithAnError() {
        CellError e = new ErrorReports(new SnippetLocations())
                .jshellFailed(new SnippetSource("x", 0, 3), new NullPointerException("text is null"));
        assertEquals("JShellError", e.ename());
        assertEquals("JShell, which runs the cell, failed at line 3 with java.lang.NullPointerException: text is null. "
                + "The kernel carries on; if this happens again, change that line or restart the kernel.", e.evalue());
    }

    @Test
    void deepRecursionIsReportedCompactlyAndTheEvaluatorCarriesOn() {
        String tb = traceback(run("int deeper(int n) { return deeper(n + 1); }\ndeeper(0)"));
        assertTrue(tb.startsWith("java.lang.StackOverflowError"), tb);
        assertTrue(tb.contains("more times") && tb.lines().count() < 70, tb);
        assertInstanceOf(Outcome.Value.class, run("1 + 1"));
    }

    @Test
    void stopEndsABusyLoopWithinASecond() throws InterruptedException {
        Thread stopper = StopButton.pressAfter(evaluator, 300);
        long t = System.nanoTime();
        Outcome o = run("while (true) { }");
        double seconds = (System.nanoTime() - t) / 1e9;
        stopper.join();
        assertEquals("Interrupted", assertInstanceOf(Outcome.Failed.class, o).error().ename());
        assertTrue(seconds < 1.3, "stopped after " + seconds + " s");
        assertInstanceOf(Outcome.Value.class, run("2 + 2"));
    }

    @Test
    void stopAlsoEndsABusyThreadThatAnEarlierSnippetOfTheCellStarted() throws InterruptedException {
        // three snippets, three JShell thread groups: the join runs in the last, the spinning thread in the second
        Thread stopper = StopButton.pressAfter(evaluator, 300);
        Outcome o = run("""
                Thread spinner = new Thread(() -> { long i = 0; while (true) { i++; } }, "spinner-under-test");
                spinner.start();
                spinner.join();""");
        stopper.join();
        assertEquals("Interrupted", assertInstanceOf(Outcome.Failed.class, o).error().ename());
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (spinnerAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(!spinnerAlive(), "the spinning thread still runs a second after the interrupt");
        assertInstanceOf(Outcome.Value.class, run("2 + 2"));
    }

    @Test
    void stopLetsNetworkFitEndBetweenTwoStepsBeforeAnythingForceful() throws InterruptedException {
        run("import shapeprop.nn.*;\nimport shapeprop.data.*;");
        run("var moons = Moons.generate(500, 0.2, 0);\nString how = \"not started\";\n"
                + "var net = Network.builder(2).dense(32, Activation.TANH).dense(1, Activation.SIGMOID)"
                + ".loss(Loss.BINARY_CROSS_ENTROPY).build();");
        Thread stopper = StopButton.pressAfter(evaluator, 500);
        Outcome o = run("""
                try {
                    net.fit(moons.x(Samples.COLUMNS), moons.y(Samples.COLUMNS), 10_000_000, 500, 0.5, 0, null);
                    how = "finished";
                } catch (TrainingInterruptedException e) {
                    how = "stopped after step " + e.step();
                }""");
        stopper.join();
        assertEquals("Interrupted", assertInstanceOf(Outcome.Failed.class, o).error().ename());
        // fit saw the interrupt and ended cleanly; a Thread.stop would have skipped the catch block
        Outcome.Value how = assertInstanceOf(Outcome.Value.class, run("how"));
        Outcome.Value steps = assertInstanceOf(Outcome.Value.class, run("net.steps()"));
        assertEquals("stopped after step " + steps.object(), how.object(), "the network kept the steps fit took");
    }

    @Test
    void aFitThatOutlastsTheGraceStillReachesTheCellsCatch() throws InterruptedException {
        run("import shapeprop.nn.*;\nimport shapeprop.data.*;");
        run("var moons = Moons.generate(500, 0.2, 0);\nHistory kept = null;\n"
                + "var net = Network.builder(2).dense(32, Activation.TANH).dense(1, Activation.SIGMOID)"
                + ".loss(Loss.BINARY_CROSS_ENTROPY).build();");
        // every step's listener spins for a second without looking at the interrupt (a slow step, or library code
        // that never checks it), so on JDK 17 the stop comes by force; on JDK 20+ it comes from the cell's loop check
        // or fit's own check after the step
        Thread stopper = StopButton.pressAfter(evaluator, 700);
        Outcome o = run("""
                TrainingListener slow = new TrainingListener() {
                    public void onStep(int epoch, int step, double loss) {
                        long end = System.nanoTime() + 1_000_000_000L;
                        while (System.nanoTime() < end) { }
                    }
                };
                try {
                    net.fit(moons.x(Samples.COLUMNS), moons.y(Samples.COLUMNS), 3, 50, 0.5, 0, slow);
                } catch (TrainingInterruptedException e) {
                    kept = e.history();
                }""");
        stopper.join();
        assertEquals("Interrupted", assertInstanceOf(Outcome.Failed.class, o).error().ename());
        Outcome.Value kept = assertInstanceOf(Outcome.Value.class, run("kept == null ? \"null\" : \"kept\""));
        assertEquals("kept", kept.object(), "the catch block ran and kept the history");
    }

    @Test
    void anInterruptedFitTellsWhereItStopped() throws InterruptedException {
        run("import shapeprop.nn.*;\nimport shapeprop.data.*;");
        run("var dots = Moons.generate(300, 0.2, 1);\n"
                + "var small = Network.builder(2).dense(8, Activation.TANH).dense(1, Activation.SIGMOID)"
                + ".loss(Loss.BINARY_CROSS_ENTROPY).build();");
        Thread stopper = StopButton.pressAfter(evaluator, 400);
        Outcome o = run("small.fit(dots.x(Samples.COLUMNS), dots.y(Samples.COLUMNS), 10_000_000, 300, 0.5, 0, null)");
        stopper.join();
        CellError error = assertInstanceOf(Outcome.Failed.class, o).error();
        assertEquals("Interrupted", error.ename());
        assertTrue(error.evalue().startsWith("the kernel stopped the cell on your request; fit: interrupted in epoch "),
                error.evalue());
        assertTrue(error.text().contains("The network keeps the weights of that step"), error.text());
    }

    /**
     * The stop button during a download of MNIST: the cell ends as interrupted, and says which file it was downloading,
     * that the cache holds only verified files, and that running the cell again resumes.
     */
    @Test
    void anInterruptedDownloadSaysWhatItCutOffAndThatRunningTheCellAgainResumes(@TempDir Path tmp) throws Exception {
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        CountDownLatch sending = new CountDownLatch(1);
        slow.createContext("/", exchange -> EndlessDownload.send(exchange, sending));
        ExecutorService handlers = Executors.newCachedThreadPool();
        slow.setExecutor(handlers);
        slow.start();
        String mirror = "http://127.0.0.1:" + slow.getAddress().getPort() + "/mnist/";
        Path cache = tmp.resolve("mnist");
        Thread stopper = new Thread(() -> {
            try {
                if (sending.await(60, TimeUnit.SECONDS)) {
                    evaluator.stop();
                }
            } catch (InterruptedException e) {
                // the test ended
            }
        });
        stopper.start();
        try {
            Outcome o = run("new shapeprop.data.Fetcher(java.util.List.of(java.net.URI.create(\"" + mirror + "\")),"
                    + " java.net.URI.create(\"" + mirror + "none.tgz\"), null, java.time.Duration.ofSeconds(5), line -> {"
                    + " }).fetch(java.nio.file.Path.of(\"" + cache + "\"), shapeprop.data.IdxSet.MNIST.files())");
            CellError error = assertInstanceOf(Outcome.Failed.class, o).error();
            assertEquals("Interrupted", error.ename(), error.text());
            assertEquals("the kernel stopped the cell on your request; Fetcher.fetch: interrupted while downloading"
                    + " train-images-idx3-ubyte.gz from " + mirror + "; its partial download was removed, so the cache"
                    + " holds only verified files. Run the cell again (or call Fetcher.fetch again): it keeps the"
                    + " verified files and downloads the others from the start.", error.evalue());
            try (Stream<Path> left = Files.list(cache)) {
                assertEquals(List.of(), left.toList(), "no partial file is left in the cache");
            }
        } finally {
            stopper.interrupt();
            stopper.join();
            slow.stop(0);
            handlers.shutdownNow();
        }
    }

    private static boolean spinnerAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("spinner-under-test"));
    }

    @Test
    void completionAndDocumentationWorkOnTheSnippetAtTheCursor() {
        Completions c = evaluator.complete("int a = 1;\nMatrix.ey", 19);
        assertTrue(c.matches().contains("eye("), c.matches().toString());
        assertEquals(18, c.cursorStart());
        assertNotNull(evaluator.documentation("Math.abs", 8).stream().findFirst().orElse(null));
    }

    @Test
    void isCompleteTellsTheConsoleWhatToDo() {
        Completeness check = new Completeness(evaluator.analysis());
        assertEquals("complete", check.check("int a = 1;\nint b = 2;").status());
        assertEquals("incomplete(indent='    ')", check.check("for (int i = 0; i < 3; i++) {").toString());
        assertEquals("incomplete", check.check("Matrix.zeros(2,").status());
        assertEquals("invalid", check.check("int a = 1;\n}").status());
    }

    @Test
    void aClassWaitingForAMisspeltFieldSaysWhatItWaitsFor() {
        // an IJava lesson's class: its constructor sets this.stuName, a field it never declares
        Ran declared = runCapturingStderr("class StudentData {\n    private String studentName;\n"
                + "    public StudentData(String studentName) {\n        this.stuName = studentName;\n    }\n}");
        assertFalse(declared.outcome() instanceof Outcome.Failed, "declared, as in IJava");
        assertEquals("note: class StudentData is declared, but its code uses variable stuName, which is not defined "
                + "yet; it can be used once that is declared\n", declared.stderr().replace("\r\n", "\n"),
                "said where the misspelling is, as the jshell tool does");
        String tb = traceback(run("new StudentData(\"Ann\")"));
        assertEquals("Unresolved reference: class StudentData cannot be used yet: its code uses variable stuName, "
                + "which is not defined. Define it in a cell, or correct the name where class StudentData is declared "
                + "and run that cell again.", tb);
    }

    @Test
    void aMethodCallingOneALaterCellDefinesSaysSoOnceInOneLine() {
        Ran early = runCapturingStderr("void greetAll() {\n    greetOne(\"Ann\");\n}");
        assertInstanceOf(Outcome.Silent.class, early.outcome());
        assertEquals("note: method greetAll() is declared, but its code uses method greetOne(java.lang.String), which "
                + "is not defined yet; it can be used once that is declared\n", early.stderr().replace("\r\n", "\n"));
        assertEquals("Unresolved reference: method greetAll() cannot be used yet: its code uses method "
                + "greetOne(java.lang.String), which is not defined. Define it in a cell, or correct the name where "
                + "method greetAll() is declared and run that cell again.", traceback(run("greetAll();")));
        Ran later = runCapturingStderr("String greeted = \"\";\nvoid greetOne(String name) { greeted += name; }");
        assertEquals("", later.stderr(), "the name exists now: nothing more to say");
        Ran used = runCapturingStderr("greetAll();\ngreeted");
        assertEquals("\"Ann\"", assertInstanceOf(Outcome.Value.class, used.outcome()).text());
        assertEquals("", used.stderr());
    }

    @Test
    void aNameDefinedFurtherDownTheSameCellGetsNoNote() {
        Ran cell = runCapturingStderr("int twiceOf(int n) { return plusOne(n) * 2; }\nint plusOne(int n) { return n + 1; }\n"
                + "twiceOf(2)");
        assertEquals(6, assertInstanceOf(Outcome.Value.class, cell.outcome()).object());
        assertEquals("", cell.stderr());
    }

    @Test
    void aDeclarationWaitingForSeveralNamesNamesThemAll() {
        Ran cell = runCapturingStderr("record Sample(Pixel p) {\n    double weight() { return scale * p.v(); }\n}");
        assertEquals("note: record Sample is declared, but its code uses class Pixel and variable scale, which are "
                + "not defined yet; it can be used once they are declared\n", cell.stderr().replace("\r\n", "\n"));
    }
}
