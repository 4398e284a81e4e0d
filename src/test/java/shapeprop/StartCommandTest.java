package shapeprop;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import shapeprop.data.DataHome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's start command, as a learner meets it: {@code ./start.sh} in a fresh copy of the project with an
 * empty HOME installs the kernel and serves {@code notebooks/}; headless Chromium opens {@code 00-start-here}
 * through that server and runs every cell in the Java kernel; then the learner edits the notebook and starts
 * again. Driven by {@code tools/browser/check_start.py}; its logs and the screenshot stay in
 * {@code <build dir>/start-check/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartCommandTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private JsonObject report;

    @BeforeAll
    void startTheNotebooksTwice() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CHROMIUM), "needs Debian's chromium (./test.sh installs it)");
        assumeTrue(Files.isExecutable(CheckScript.PYTHON),
                "needs Debian's Jupyter under " + CheckScript.PYTHON + " (./test.sh installs it)");
        List<String> args = new ArrayList<>();
        builtJar().ifPresent(jar -> args.addAll(List.of("--jar", jar.toString())));
        // MNIST from this user's cache, so the fresh HOME does not download it again
        report = CheckScript.run("tools/browser/check_start.py", CheckScript.output("start-check"),
                Map.of(DataHome.VARIABLE, DataHome.root().toString()), args, 20);
    }

    /** The jar ./test.sh built (start.sh builds one itself when there is none). */
    private static java.util.Optional<Path> builtJar() throws IOException {
        Path target = Path.of(System.getProperty("sp.buildDir", "target"));
        if (!Files.isDirectory(target)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("shapeprop-.*-all\\.jar")).findFirst();
        }
    }

    @Test
    void startInstallsTheJavaKernelAndServesTheNotebooksOnLocalhostWithAToken() {
        assertTrue(report.get("kernelspec").getAsBoolean(), "no kernelspec java in the fresh HOME");
        assertTrue(report.get("url").getAsString().startsWith("http://127.0.0.1:"), report.get("url").getAsString());
        assertTrue(report.get("token").getAsBoolean(), "the address must carry a token");
    }

    @Test
    void startHereOpensInTheJavaKernel() {
        assertEquals("java", report.get("kernel_name").getAsString());
        assertEquals("Java (ShapeProp)", report.get("kernel_display_name").getAsString());
        assertEquals("java", report.get("language").getAsString());
    }

    @Test
    void everyCellOfStartHereRunsInTheBrowserAndOnlyTheTaggedOneFails() {
        JsonArray cells = report.getAsJsonArray("cells");
        assertEquals(report.get("code_cells").getAsInt(), cells.size());
        assertTrue(cells.size() >= 10, "00-start-here has only " + cells.size() + " code cells");
        int expected = 1;
        for (JsonElement element : cells) {
            JsonObject cell = element.getAsJsonObject();
            String source = cell.get("source").getAsString();
            assertEquals(expected++, cell.get("prompt").getAsInt(), "cells run in order: " + source);
            boolean meantToFail = cell.getAsJsonArray("tags").toString().contains("raises-exception");
            List<String> errors = new ArrayList<>();
            for (JsonElement o : cell.getAsJsonArray("outputs")) {
                if (o.getAsJsonObject().get("type").getAsString().equals("error")) {
                    errors.add(o.getAsJsonObject().get("ename").getAsString() + ": "
                            + o.getAsJsonObject().get("evalue").getAsString());
                }
            }
            if (meantToFail) {
                assertEquals(1, errors.size(), "the tagged cell «" + source + "» must show its error");
                assertTrue(errors.get(0).startsWith("ShapeException: dot: B is (3, 4) but A is (2, 3)"), errors.get(0));
            } else {
                assertEquals(List.of(), errors, "cell «" + source + "»");
            }
        }
    }

    @Test
    void aMatrixShowsAsAnHtmlTableAndOneAsPlainValue() {
        JsonArray cells = report.getAsJsonArray("cells");
        String two = cells.get(1).getAsJsonObject().getAsJsonArray("outputs").get(0).getAsJsonObject()
                .get("text").getAsString();
        assertEquals("2", two, "1 + 1");
        boolean html = false;
        for (JsonElement element : cells) {
            for (JsonElement o : element.getAsJsonObject().getAsJsonArray("outputs")) {
                html |= o.getAsJsonObject().getAsJsonArray("mimes").toString().contains("text/html");
            }
        }
        assertTrue(html, "no cell showed a Matrix as HTML");
    }

    @Test
    void theSecondStartReusesTheBuildAndLeavesTheLearnersEditAlone() {
        assertFalse(report.get("second_start_rebuilt").getAsBoolean(), report.get("second_start_log").getAsString());
        assertTrue(report.get("second_start_log").getAsString().contains("is up to date"),
                "the kernel is not installed again: " + report.get("second_start_log").getAsString());
        assertTrue(report.get("learner_edit_kept").getAsBoolean(), "./start.sh changed the learner's notebook");
        assertEquals(0, report.get("leftover_processes_killed").getAsInt(), "kernels outlived the server");
    }
}
