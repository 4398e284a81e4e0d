package shapeprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A short race on the moons: both implementations train on the same points and report times and a ratio. */
class BenchCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static boolean numpyAvailable() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import numpy").start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void shapePropAndNumpyTrainTheSameMoonsAndAgree() {
        assumeTrue(Files.isRegularFile(Path.of("bench", "numpy_train.py")), "run from the repository root");
        assumeTrue(numpyAvailable(), "/usr/bin/python3 has no numpy (apt-get install python3-numpy)");
        assertEquals(0, run("bench", "moons-200", "--epochs", "300"), err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("OPENBLAS_NUM_THREADS=1"), text);
        assertTrue(text.contains("== moons-200: moons (200 points, noise 0.2) 2-22-1 tanh"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("ratio ")), text);
        // the race is only fair against an optimized BLAS: the bench names the one numpy used
        assertTrue(text.lines().anyMatch(l -> l.matches("numpy's BLAS: (OpenBLAS|reference BLAS|MKL|BLIS|ATLAS|BLAS|unknown).*")),
                text);
        assertEquals(text.contains("numpy's BLAS: reference BLAS"), text.contains("Warning: numpy runs on the reference BLAS"),
                text);
        // the same points, sizes, loss and learning rate: both end near the same training accuracy
        double ours = accuracy(text, "ShapeProp");
        double theirs = accuracy(text, "numpy");
        assertTrue(Math.abs(ours - theirs) <= 3.0, "ShapeProp " + ours + "% vs numpy " + theirs + "%\n" + text);
        assertTrue(ours > 85, text);
    }

    @Test
    void withoutNumpyOnlyShapePropIsTimed() {
        assertEquals(0, run("bench", "moons-200", "--epochs", "50", "--no-numpy"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("ShapeProp  total "), text);
        assertTrue(text.lines().noneMatch(l -> l.startsWith("numpy ")), text);
    }

    @Test
    void anUnknownCaseListsTheCases() {
        assertEquals(2, run("bench", "cifar"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("shapeprop bench: 'cifar' is not a bench case;"
                + " choose from mnist, moons, moons-200, or bench dot.\n"), err.toString(StandardCharsets.UTF_8));
    }

    private static double accuracy(String text, String who) {
        String line = text.lines().filter(l -> l.startsWith(who + " ")).findFirst().orElseThrow();
        return Double.parseDouble(line.replaceAll(".*train ([0-9.]+)%.*", "$1"));
    }
}
