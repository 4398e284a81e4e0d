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
        // the summary speaks of what it shows: no ratio to numpy, no CPU time
        assertTrue(text.contains("\nsummary (ShapeProp's training-loop time; the total includes its JIT warm-up, the"
                + " median epoch is the steady state):\n  moons-200  ShapeProp "), text);
        assertTrue(!text.contains("numpy") && !text.contains("CPU is"), text);
    }

    @Test
    void severalSeedsAreRunsWhoseAccuraciesTheSummaryGivesAsMeanAndRange() {
        assertEquals(0, run("bench", "moons-200", "--epochs", "200", "--no-numpy", "--seeds", "0-1,5"),
                err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        List<String> headers = text.lines().filter(l -> l.startsWith("== moons-200: ")).toList();
        assertEquals(3, headers.size(), text);
        assertTrue(headers.get(0).endsWith(", seed 0, 1 thread"), headers.get(0));
        assertTrue(headers.get(1).endsWith(", seed 1, 1 thread"), headers.get(1));
        assertTrue(headers.get(2).endsWith(", seed 5, 1 thread"), headers.get(2));
        // the three runs' accuracies, and the summary's mean (min–max) of them
        double[] accuracies = text.lines().filter(l -> l.startsWith("ShapeProp  total"))
                .mapToDouble(l -> Double.parseDouble(l.replaceAll(".*train ([0-9.]+)%.*", "$1"))).toArray();
        assertEquals(3, accuracies.length, text);
        double mean = (accuracies[0] + accuracies[1] + accuracies[2]) / 3;
        double min = Math.min(accuracies[0], Math.min(accuracies[1], accuracies[2]));
        double max = Math.max(accuracies[0], Math.max(accuracies[1], accuracies[2]));
        String summary = text.lines().filter(l -> l.startsWith("  moons-200 ")).findFirst().orElseThrow();
        assertTrue(summary.contains(" 3 seeds, ShapeProp "), summary);
        assertTrue(summary.endsWith(String.format(java.util.Locale.ROOT, "train accuracy %.2f%% (%.2f–%.2f%%)", mean,
                min, max)), summary + "\n" + text);
        // different seeds are different runs: different points and weights
        assertTrue(min < max, text);
    }

    @Test
    void seedsThatCannotBeRunSayHowToWriteThem() {
        assertEquals(2, run("bench", "moons-200", "--seeds", "4-2"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("shapeprop bench: --seeds '4-2': the range 4-2 ends"
                + " before it starts; write it as 2-4."), err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, run("bench", "moons-200", "--seeds", "0-x"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("shapeprop bench: --seeds '0-x': '0-x' is not a seed"
                + " or a range of seeds (whole numbers from 0 to 2147483647); give a range such as --seeds 0-4 (both"
                + " ends included) or a list such as --seeds 0,3,7."), err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, run("bench", "moons-200", "--seeds", "0-3,2"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("shapeprop bench: --seeds '0-3,2' names seed 2 twice;"),
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, run("bench", "moons-200", "--seeds", "0-100"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("shapeprop bench: --seeds '0-100' names more than 100"
                + " seeds, and each seed is a whole training run; give at most 100, e.g. --seeds 0-4.\n"),
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, run("bench", "moons-200", "--seed", "1", "--seeds", "0-4"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("shapeprop bench: --seed 1 and --seeds 0-4 both choose"
                + " the seeds; give --seed N for one run or --seeds A-B for several."), err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
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
