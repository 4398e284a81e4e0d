package shapeprop;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import shapeprop.notebooks.BrowserCheck;
import shapeprop.notebooks.ExecutedNotebook;
import shapeprop.notebooks.NotebookRunner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The course runs: every notebook executes top to bottom with this build's kernel through a real Jupyter
 * client (nbclient), in CI mode ({@code SHAPEPROP_CI=1}: shorter training), on copies in the build
 * directory. Only cells tagged {@code raises-exception} may fail — and each of them must fail, or its
 * lesson is gone. Then each notebook is read the way a learner reads it: the shapes, the ✓ and ✗, the
 * verdicts that name the wrong gradients, the accuracy lines — and the notebooks with figures are exported
 * to HTML and opened in headless Chromium with no network, where Plotly must draw every figure
 * ({@code <build dir>/notebook-runs/browser/<notebook>/screenshot.png} shows the whole page).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotebooksTest {

    /** The notebooks this class executes; a notebook added to notebooks/ without a test here fails the build. */
    static final List<String> NOTEBOOKS = List.of(
            "00-start-here.ipynb",
            "01-shapes-and-broadcasting.ipynb",
            "02-mnist-by-hand.ipynb",
            "03-moons-debugging.ipynb",
            "04-gradient-checking.ipynb",
            "05-two-layouts.ipynb",
            "06-mnist-training.ipynb",
            "07-exercises.ipynb",
            "solutions/07-exercises-solutions.ipynb");

    private final Path project = Path.of("").toAbsolutePath();
    private final Map<String, ExecutedNotebook> runs = new LinkedHashMap<>();
    private NotebookRunner runner;

    @BeforeAll
    void copyTheNotebooksAndInstallThisBuildsKernel() throws IOException {
        String missing = NotebookRunner.missingJupyter();
        assumeTrue(missing == null, () -> missing + ". Install Debian's Jupyter (./test.sh does) to run the notebooks.");
        Path buildDir = Path.of(System.getProperty("sp.buildDir", "target"));
        runner = new NotebookRunner(project, buildDir.resolve("notebook-runs"), Map.of("SHAPEPROP_CI", "1"));
    }

    @AfterAll
    void writeTheTimes() throws IOException {
        if (runner == null || runs.isEmpty()) {
            return;
        }
        StringBuilder times = new StringBuilder();
        runs.forEach((name, run) -> times.append(String.format("%-42s %6.1f s%n", name, run.seconds())));
        Files.writeString(runner.notebooks().resolveSibling("times.txt"), times, StandardCharsets.UTF_8);
        System.out.print(times);
    }

    // ------------------------------------------------------------------ the files themselves

    @Test
    void everyNotebookInTheFolderIsExecutedHere() throws IOException {
        assertEquals(new TreeSet<>(NOTEBOOKS), new TreeSet<>(NotebookRunner.notebooksOf(project)),
                "add the new notebook to NotebooksTest.NOTEBOOKS, with a test of what it shows");
    }

    @Test
    void notebooksAreCommittedWithoutOutputs() throws IOException {
        for (String name : NotebookRunner.notebooksOf(project)) {
            JsonObject nb = JsonParser.parseString(Files.readString(project.resolve("notebooks").resolve(name)))
                    .getAsJsonObject();
            assertEquals("java", nb.getAsJsonObject("metadata").getAsJsonObject("kernelspec").get("name").getAsString(),
                    name + " must ask for the kernel named java");
            for (JsonElement cell : nb.getAsJsonArray("cells")) {
                JsonObject c = cell.getAsJsonObject();
                if (c.get("cell_type").getAsString().equals("code")) {
                    assertEquals(0, c.getAsJsonArray("outputs").size(), name + " cell " + c.get("id") + " has outputs");
                    assertTrue(c.get("execution_count").isJsonNull(), name + " cell " + c.get("id") + " has a count");
                }
            }
        }
    }

    @Test
    void notebooksAreGeneratedFromTheirSources() throws IOException, InterruptedException {
        Process check = new ProcessBuilder(NotebookRunner.PYTHON, "tools/notebooks/notebooks.py", "--check")
                .directory(project.toFile()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), out);
    }

    // ------------------------------------------------------------------ 00

    @Test
    void startHereShowsAFirstMatrixAndHowToReadAnError() throws Exception {
        ExecutedNotebook nb = run("00-start-here.ipynb");
        assertEquals("2", nb.text("first-expression").strip());
        assertEquals("(2, 3)", nb.text("shape").strip());
        assertContains(nb.text("first-matrix"), "A (2, 3)");
        assertContains(nb.cell("wrong-order").error(), "ShapeException", "B is (3, 4) but A is (2, 3)",
                "B.cols (4) must equal A.rows (2)", "Did you mean A.dot(B)?");
        assertContains(nb.text("fixed-order"), "C (2, 4)");
        // display + three updateDisplay calls: one output, updated in place to the last value
        ExecutedNotebook.Cell display = nb.cell("display");
        assertEquals(1, display.outputs().size(), display.text());
        assertEquals(3, display.displayUpdates(), "three updateDisplay calls, each replacing the one output");
        assertContains(display.text(), "progress (2, 2)", "[[3., 3.],");
    }

    // ------------------------------------------------------------------ 01

    @Test
    void shapesAndBroadcastingShowsTheSilentStretchesAndTheirFixes() throws Exception {
        ExecutedNotebook nb = run("01-shapes-and-broadcasting.ipynb");
        assertContains(nb.cell("dot-fails").error(), "A.cols (3) must equal B.rows (2)", "B.T()");
        assertContains(nb.cell("broadcast-fails").error(), "axis 0", "c.T()");
        assertEquals("(5, 5)", nb.text("silent").strip());
        assertContains(nb.text("watch"), "p (1, 5) stretched along axis 0", "y (5, 1) stretched along axis 1");
        assertContains(nb.cell("strict").error(), "strict");
        assertContains(nb.text("sum-nokeep"), "(1, 3)");
        assertContains(nb.text("sum-bug"), "b (3, 1) stretched along axis 1", "(3, 3)");
        assertContains(nb.text("sum-fix"), "db (3, 1) = b (3, 1) ✓");
    }

    // ------------------------------------------------------------------ 02

    @Test
    void mnistByHandReproducesDiagnosesAndFixesBothBugsOfTheFirstSeed() throws Exception {
        ExecutedNotebook nb = run("02-mnist-by-hand.ipynb");
        assertContains(nb.text("batch"), "X (784, 64)", "Y (10, 64)");
        assertContains(nb.text("forward"), "Z1 (32, 64)", "A2 (10, 64)");
        assertEquals(4, count(nb.text("shapes"), "✓"), nb.text("shapes"));
        assertEquals(0, count(nb.text("numeric"), "✗"), nb.text("numeric"));
        // the question's formulas: an outer product by broadcasting, then three wrong shapes
        assertContains(nb.text("seed-reproduce"), "c' (10, 1) stretched along axis 1", "σ'(z2)ᵀ (1, 10)");
        String diagnosis = nb.text("seed-diagnose");
        assertContains(line(diagnosis, "dW1"), "(10, 784)", "✗");
        assertContains(line(diagnosis, "db1"), "(10, 1)", "✗");
        assertContains(line(diagnosis, "dW2"), "✓");
        assertContains(line(diagnosis, "db2"), "(10, 10)", "✗");
        assertEquals(4, count(nb.text("seed-fix"), "✓"), nb.text("seed-fix"));
        assertEquals(0, count(nb.text("seed-fix"), "✗"), nb.text("seed-fix"));
        // the answer's tanh' slip: right shapes, wrong values, fixed with σ'
        assertEquals(2, count(nb.text("answer-reproduce"), "✓"), nb.text("answer-reproduce"));
        assertEquals(4, count(nb.text("answer-diagnose"), "✗"), nb.text("answer-diagnose"));
        assertEquals(4, count(nb.text("answer-fix"), "✓"), nb.text("answer-fix"));
        double accuracy = lastPercent(nb.text("train"), "test accuracy");
        assertTrue(accuracy >= 70, "CI training (5,000 digits, 1 epoch) should pass 70% test accuracy: " + nb.text("train"));
        assertContains(nb.text("plot"), "Loss of the hand-written network on MNIST", "'loss (mean of 4 steps)' (19 points)",
                "x: step, y: cross-entropy");
    }

    // ------------------------------------------------------------------ 03

    @Test
    void moonsDebuggingReproducesTheConstantPredictionAndGradientCheckNamesEveryWrongGradient() throws Exception {
        ExecutedNotebook nb = run("03-moons-debugging.ipynb");
        String predictions = nb.text("seed-reproduce");
        assertTrue(predictions.contains("[[-1., -1.],\n [-1., -1.],\n [-1., -1.],\n [-1., -1.],\n [-1., -1.]]")
                || predictions.contains("[[1., 1.],\n [1., 1.],\n [1., 1.],\n [1., 1.],\n [1., 1.]]"),
                "the question's network should predict the same saturated pair everywhere:\n" + predictions);
        assertContains(predictions, "after 10,000 steps");
        String diagnosis = nb.text("seed-diagnose");
        assertContains(diagnosis, "y (200, 1) stretched along axis 1");
        for (String parameter : List.of("W1", "b1", "W2", "b2", "W3", "b3")) {
            assertContains(line(diagnosis, parameter + " "), "wrong", "chain rule");
            assertContains(line(nb.text("seed-fix"), parameter + " "), "ok");
        }
        // the full 10,000 steps run in CI too: the notebook's text quotes this number
        assertContains(nb.text("train-fixed"), "after 10,000 steps", "train accuracy 97.5%");
        assertContains(nb.text("boundary-before"), "Decision boundary: 50.0% of 200 points right");
        assertContains(nb.text("boundary-after"), "Decision boundary: 97.5% of 200 points right");
        assertContains(nb.text("saturation"), "the question's network: largest |A2| = 0.075, b3 = (-293, -300)",
                "'A2 question (0.0% saturated)'", "A2 fixed");
        assertContains(nb.text("curves"), "'question: squared error' (100 points)", "'fixed: cross-entropy' (100 points)");
        assertEquals(6, count(nb.text("library-trace"), "✓"), nb.text("library-trace"));
        assertEquals(6, count(nb.text("library-check"), " ok "), nb.text("library-check"));
    }

    // ------------------------------------------------------------------ 04

    @Test
    void gradientCheckingShowsEpsilonRelativeErrorAndTheVerdictsOfTypicalMistakes() throws Exception {
        ExecutedNotebook nb = run("04-gradient-checking.ipynb");
        assertContains(nb.text("sweep"), "1e-05");
        assertContains(nb.text("sweep-plot"), "'forward difference' (13 points)", "'central difference' (13 points)",
                "x: step ε, y: |numerical − exact| (log)");
        assertEquals(4, count(nb.text("check-ok"), " ok "), nb.text("check-ok"));
        String mistakes = nb.text("mistakes");
        assertContains(mistakes, "What four classic mistakes look like");
        assertContains(row(mistakes, "no 1/m"), "W2", "wrong", "5× the true gradient");
        assertContains(row(mistakes, "Y − A"), "W2", "wrong", "wrong sign");
        assertContains(row(mistakes, "no tanh'"), "W1", "wrong", "activation derivative");
        assertContains(row(mistakes, "no chain rule"), "W1", "wrong", "never reaches");
        String mistakesHtml = nb.cell("mistakes").data("text/html").get(0);
        assertEquals(4, count(mistakesHtml, ">wrong</td>"), "four red verdicts: " + mistakesHtml);
        assertEquals(2, count(nb.text("kink"), "suspicious "), nb.text("kink"));
        assertContains(nb.cell("kink").data("text/html").get(0), "Gradient check: [w, c] are suspicious: look closer ?");
        assertEquals(2, count(nb.text("kink-moved"), " ok "), nb.text("kink-moved"));
    }

    // ------------------------------------------------------------------ 05

    @Test
    void twoLayoutsShowEveryQuantityAsItsTwinsTranspose() throws Exception {
        ExecutedNotebook nb = run("05-two-layouts.ipynb");
        assertContains(nb.text("nets"), "W1 (8, 2)  b1 (8, 1)", "W1 (2, 8)  b1 (1, 8)");
        assertContains(line(nb.text("compare"), "dW1"), "dZ1·Xᵀ / m", "(8, 2)", "Xᵀ·dZ1 / m", "(2, 8)");
        assertContains(nb.text("trace-columns"), "Z1 = W1·X + b1", "sum(dZ1, axis=1)");
        assertContains(nb.text("trace-rows"), "Z1 = X·W1 + b1", "sum(dZ1, axis=0)");
        assertEquals(4, count(nb.text("trace-columns"), "✓"));
        assertEquals(4, count(nb.text("trace-rows"), "✓"));
        assertEquals(5, count(nb.text("transposes"), "equal after a transpose: true"), nb.text("transposes"));
        assertContains(nb.cell("mixed").error(), "X.cols (2) must equal W1.rows (8)", "W1.T()");
        Matcher losses = Pattern.compile("loss columns ([0-9.]+), rows ([0-9.]+)").matcher(nb.text("train"));
        assertTrue(losses.find(), nb.text("train"));
        assertEquals(losses.group(1), losses.group(2), "both layouts take the same steps");
    }

    // ------------------------------------------------------------------ 06

    @Test
    void mnistTrainingShowsLiveProgressCurvesAndMistakes() throws Exception {
        ExecutedNotebook nb = run("06-mnist-training.ipynb");
        assertEquals(4, count(nb.text("trace"), "✓"), nb.text("trace"));
        assertEquals(4, count(nb.text("check"), " ok "), nb.text("check"));
        assertContains(nb.text("load"), "mnist train", "6000", "mnist test", "10000");
        // a 5-epoch MNIST run: ONE progress output, updated in place (several times) to its final state
        ExecutedNotebook.Cell train = nb.cell("train");
        assertEquals(1, train.outputs().size(), train.text());
        assertTrue(train.displayUpdates() >= 2, "the progress view was updated in place: " + train.displayUpdates());
        assertContains(train.text(), "epoch 5/5 [########################] 100% step 470/470", "test ", " done in ");
        String progress = train.data("text/html").get(0);
        assertContains(progress, "epoch 5/5", "step 470/470", "steps/s", "done in", "class=\"shapeprop-loss-curve\"");
        assertTrue(lastPercent(nb.text("accuracy"), "test accuracy after 5 of 5 epochs:") >= 85,
                "CI training (6,000 digits, 5 epochs) should pass 85%: " + nb.text("accuracy"));
        assertEquals(5, count(nb.cell("history").data("text/html").get(0), "<tr><td"), "one row per epoch");
        assertContains(nb.text("history"), "‖dW1‖", "test accuracy");
        assertContains(nb.text("loss-curve"), "Plot 'Loss per epoch': scatter 'train loss' (5 points); x: epoch, y: loss");
        assertContains(nb.text("accuracy-curve"), "'train accuracy' (5 points)", "'test accuracy' (5 points)");
        assertContains(nb.text("norms"), "‖dW1‖", "‖db2‖", "(log)");
        assertContains(nb.text("predict"), "accuracy on the 10000 test digits:");
        assertContains(nb.text("confusion"), "Confusion matrix", "of 10000 right");
        assertContains(nb.text("per-class"), "Accuracy per class", "most confused with");
        assertContains(nb.text("mistakes"), "Mistakes: 24 of the", "wrong in mnist test");
        assertContains(nb.text("weights"), "First-layer weights W1: 32 of 128 units");
    }

    // ------------------------------------------------------------------ 07

    @Test
    void exercisesSelfChecksSayWhatIsWrongWithEveryBrokenMethod() throws Exception {
        ExecutedNotebook nb = run("07-exercises.ipynb");
        assertContains(nb.text("ex1-check"), "✗ layer runs", "ShapeException", "Did you mean W.dot(Xrows.T())?");
        assertContains(nb.text("ex2-check"), "✓ biasGradient runs");
        assertContains(nb.text("ex2-check"), "✗ db has b's shape (4, 1)", "(1, 4)");
        assertContains(line(nb.text("ex3-check"), "✗ dW1"), "chain rule");
        assertContains(line(nb.text("ex3-check"), "✗ db1"), "chain rule");
        assertContains(nb.text("ex3-check"), "✓ dW2", "✓ db2");
        assertContains(nb.text("ex4-check"), "✗ the loss goes down", "subtract");
        assertContains(nb.text("ex5-check"), "✗ the loss averages", "stretched");
        assertContains(nb.text("ex6-check"), "✗ weightGradientRows runs", "ShapeException");
        assertContains(nb.text("score"), "✗ exercise 1: 0 of 3 checks", "✗ exercise 3: 3 of 5 checks",
                "✗ exercise 4: 1 of 6 checks", "6 checks passed, 16 failed — keep going.");
    }

    @Test
    void exerciseSolutionsPassEverySelfCheck() throws Exception {
        ExecutedNotebook nb = run("solutions/07-exercises-solutions.ipynb");
        for (String check : List.of("ex1-check", "ex2-check", "ex3-check", "ex4-check", "ex5-check", "ex6-check")) {
            assertEquals(0, count(nb.text(check), "✗"), nb.text(check));
            assertTrue(count(nb.text(check), "✓") >= 1, nb.text(check));
        }
        assertContains(nb.text("score"), "✓ exercise 1: 3 of 3 checks", "✓ exercise 6: 3 of 3 checks",
                "✓ exercise 4: 6 of 6 checks", "22 checks passed, 0 failed — all done!");
    }

    // ------------------------------------------------------------------ figures in a browser

    /**
     * What a reader of the exported notebook sees: every figure of 02, 03, 04 and 06 drawn by Plotly from the
     * plotly.js that the notebook's first figure carries, in Chromium with no network.
     */
    @Test
    void everyFigureOfTheExecutedNotebooksIsDrawnInABrowserOffline() throws Exception {
        String missing = BrowserCheck.missing();
        assumeTrue(missing == null, missing);
        Map<String, Integer> figures = new LinkedHashMap<>();
        figures.put("02-mnist-by-hand.ipynb", 1);
        figures.put("03-moons-debugging.ipynb", 4);
        figures.put("04-gradient-checking.ipynb", 1);
        figures.put("06-mnist-training.ipynb", 7);
        List<String> problems = new ArrayList<>();
        StringBuilder screenshots = new StringBuilder();
        for (Map.Entry<String, Integer> e : figures.entrySet()) {
            ExecutedNotebook nb = run(e.getKey());
            int carriers = 0;
            for (ExecutedNotebook.Cell cell : nb.cells()) {
                for (String html : cell.data("text/html")) {
                    carriers += html.contains("DecompressionStream") ? 1 : 0;
                }
            }
            if (carriers != 1) {
                problems.add(nb.name() + ": plotly.js should travel in exactly one output, not " + carriers);
            }
            BrowserCheck check = BrowserCheck.of(nb, project, runner.notebooks().resolveSibling("browser")
                    .resolve(e.getKey().replace(".ipynb", "")));
            List<BrowserCheck.Figure> notDrawn = check.figures().stream().filter(f -> !f.drawn()).toList();
            Path look = check.screenshot() != null ? check.screenshot() : check.page().resolveSibling("dom.html");
            if (check.figures().size() != e.getValue() || !notDrawn.isEmpty()) {
                problems.add(nb.name() + ": " + e.getValue() + " figures expected, " + check.figures().size()
                        + " on the page, not drawn: " + notDrawn + " (see " + look + ")");
            }
            screenshots.append(String.format("%-30s %d figures drawn  %s%n", nb.name(),
                    check.figures().size() - notDrawn.size(), check.screenshot() != null ? look
                            : "no screenshot, Chromium never finished it: " + check.page().resolveSibling("chromium.log")));
        }
        System.out.print(screenshots);
        assertEquals(List.of(), problems);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Executes a notebook once and checks the rule every notebook obeys: it ran to the end, and exactly the
     * cells tagged raises-exception raised.
     */
    private ExecutedNotebook run(String name) throws IOException, InterruptedException {
        ExecutedNotebook nb = runs.get(name);
        if (nb == null) {
            nb = runner.execute(name);
            runs.put(name, nb);
        }
        if (nb.exitCode() != 0) {
            fail(name + " did not run to the end:\n" + nb.log());
        }
        List<String> problems = new ArrayList<>();
        for (ExecutedNotebook.Cell cell : nb.cells()) {
            if (cell.meantToFail() && cell.error() == null) {
                problems.add("cell " + cell.id() + " is tagged raises-exception but ran without an error");
            }
            if (!cell.meantToFail() && cell.error() != null) {
                problems.add("cell " + cell.id() + " failed: " + cell.error());
            }
        }
        assertTrue(problems.isEmpty(), name + ": " + String.join("; ", problems));
        return nb;
    }

    private static void assertContains(String text, String... parts) {
        assertTrue(text != null, "expected text containing " + List.of(parts) + " but there was none");
        for (String part : parts) {
            assertTrue(text.contains(part), "expected «" + part + "» in:\n" + text);
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    /** The first line of {@code text} that contains {@code part} (a row of a printed table). */
    private static String row(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with «" + part + "» in:\n" + text));
    }

    /** The first line of {@code text} that starts with {@code start}. */
    private static String line(String text, String start) {
        return text.lines().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with «" + start + "» in:\n" + text));
    }

    /** The number before the last "%" that follows {@code label}, e.g. 97.5 in "test accuracy 97.50%". */
    private static double lastPercent(String text, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\D*?([0-9]+(?:\\.[0-9]+)?)\\s*%").matcher(text);
        double value = Double.NaN;
        while (m.find()) {
            value = Double.parseDouble(m.group(1));
        }
        assertTrue(!Double.isNaN(value), "no «" + label + " …%» in:\n" + text);
        return value;
    }
}
