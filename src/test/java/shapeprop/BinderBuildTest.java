package shapeprop;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Binder build, checked here the way repo2docker runs it: {@code binder/postBuild} as an ordinary user with
 * a clean HOME and {@code NB_PYTHON_PREFIX} set, then {@code 02-mnist-by-hand} executed with the kernel it
 * installed, on the MNIST it put into the image. Driven by {@code tools/binder/check_build.py}; the logs and
 * the executed notebook stay in {@code <build dir>/binder-check/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BinderBuildTest {

    private static final List<String> MNIST = List.of("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte");

    private JsonObject report;

    @BeforeAll
    void buildAsBinderDoes() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CheckScript.PYTHON),
                "needs Debian's Jupyter under " + CheckScript.PYTHON + " (./test.sh installs it)");
        report = CheckScript.run("tools/binder/check_build.py", CheckScript.output("binder-check"), Map.of(),
                List.of(), 30);
    }

    @Test
    void postBuildSucceedsAsAnOrdinaryUserWithACleanHome() {
        assertEquals("0", report.get("postbuild_exit").getAsString(),
                "binder/postBuild failed:\n" + (report.has("postbuild_log") ? report.get("postbuild_log").getAsString() : ""));
    }

    @Test
    void theKernelIsInstalledIntoTheNotebookEnvironmentWithItsOwnJar() {
        assertTrue(report.get("kernelspec").getAsBoolean(), "no NB_PYTHON_PREFIX/share/jupyter/kernels/java/kernel.json");
        assertTrue(report.get("kernel_jar_inside_prefix").getAsBoolean(), report.get("kernel_argv").toString());
        assertTrue(report.get("kernel_argv").toString().contains("jdk.incubator.vector"), report.get("kernel_argv").toString());
        // mybinder's 1-2 GB: the JVM's default quarter would be too small for MNIST's 376 MB training matrix
        assertTrue(report.get("kernel_argv").toString().contains("-XX:MaxRAMPercentage=75"), report.get("kernel_argv").toString());
    }

    @Test
    void mnistIsInTheImageSoNotebooksStartWithoutDownloading() {
        List<String> files = new ArrayList<>();
        report.getAsJsonArray("mnist_files").forEach(f -> files.add(f.getAsString()));
        assertTrue(files.containsAll(MNIST), "MNIST in the build user's cache: " + files);
    }

    @Test
    void aNotebookRunsTopToBottomWithTheInstalledKernel() {
        assertEquals("0", report.get("notebook_exit").getAsString(),
                report.has("notebook_log") ? report.get("notebook_log").getAsString() : "");
        int code = 0;
        for (JsonElement element : report.getAsJsonArray("cells")) {
            JsonObject cell = element.getAsJsonObject();
            code++;
            assertTrue(cell.get("ran").getAsBoolean(), "cell " + cell.get("id") + " did not run");
            assertEquals(cell.get("tagged_to_fail").getAsBoolean(), !cell.getAsJsonArray("errors").isEmpty(),
                    "cell " + cell.get("id") + ": " + cell.get("errors"));
        }
        assertTrue(code > 10, "only " + code + " code cells");
        String training = report.getAsJsonArray("cells").asList().stream()
                .map(c -> c.getAsJsonObject().get("text").getAsString())
                .filter(t -> t.contains("test accuracy")).findFirst().orElse("");
        assertTrue(training.matches("(?s).*epoch \\d+ +loss [0-9.]+ +test accuracy [0-9.]+%.*"),
                "the training cell read MNIST from the image's cache: «" + training + "»");
    }
}
