package shapeprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shapeprop.nn.Activation;
import shapeprop.nn.Layout;

/**
 * What {@code train} shows in a terminal: a progress bar on standard error between the epoch lines, and where training
 * stopped when it is interrupted.
 */
class TrainCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static TrainSpec smallMoons(int epochs) {
        return new TrainSpec("moons", new int[] {4}, Activation.TANH, epochs, 10, 0.5, Layout.COLUMNS, 0, 1, false,
                100, 0.2, 1);
    }

    @Test
    void theCommandToRunAgainRepeatsTheUsersArgumentsQuotedWhereAShellNeedsIt() {
        assertEquals("shapeprop train mnist --epochs 2 --lr=0.5 --hidden 64,32",
                TrainCommand.commandLine(List.of("mnist", "--epochs", "2", "--lr=0.5", "--hidden", "64,32")));
        assertEquals("shapeprop train mnist --hidden '64 32' --activation 'it'\\''s'",
                TrainCommand.commandLine(List.of("mnist", "--hidden", "64 32", "--activation", "it's")));
    }

    @Test
    void theProgressBarLeavesNoBlankLineAboveTheEpochLines() {
        TrainCommand.train(smallMoons(3), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), true);
        String bar = err.toString(StandardCharsets.UTF_8);
        assertTrue(bar.contains("\repoch 3 100%"), "the bar of the last epoch was drawn: " + bar);
        // in a terminal stdout and stderr share the screen: every newline of the bar is a blank line there
        assertFalse(bar.contains("\n"), "the bar only redraws and clears its own line: " + bar.replace("\r", "\\r"));
        assertTrue(bar.endsWith("\r"), "the cursor is back at the start of the cleared line: " + bar.replace("\r", "\\r"));
        assertEquals(3, out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("epoch")).count());
    }

    @Test
    void everyBarIsErasedEvenWhenItsEpochEndsBeforeItsFirstRedraw() {
        // full-batch steps of 100 points take microseconds: most bars close before the 250 ms timer draws them
        int epochs = 200;
        TrainSpec spec = new TrainSpec("moons", new int[] {4}, Activation.TANH, epochs, 0, 0.5, Layout.COLUMNS, 0, 1,
                false, 100, 0.2, 1);
        TrainCommand.train(spec, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), true);
        String bar = err.toString(StandardCharsets.UTF_8);
        // one piece per drawing of a bar; the last drawing of each epoch is what the terminal shows when the
        // epoch line comes
        String[] drawings = bar.split("(?=\\repoch \\d+ )");
        int epoch = 0;
        for (int i = 0; i < drawings.length; i++) {
            int drawn = Integer.parseInt(drawings[i].replaceFirst("(?s)^\\repoch (\\d+) .*", "$1"));
            assertTrue(drawn == epoch || drawn == epoch + 1, "the bars come in order: epoch " + drawn + " after "
                    + epoch);
            epoch = drawn;
            boolean lastOfItsEpoch = i + 1 == drawings.length || !drawings[i + 1].startsWith("\repoch " + epoch + " ");
            if (lastOfItsEpoch) {
                // the bar's line blanked, the cursor at its start
                assertTrue(drawings[i].matches("(?s).*\\r +\\r"), "epoch " + epoch + "'s bar is erased: "
                        + drawings[i].replace("\r", "\\r"));
            }
        }
        assertEquals(epochs, epoch, "every epoch has its bar");
    }

    @Test
    void aFullBatchRunSaysWhereItsLossJumpedAndWhenItEndsSettlingBack() {
        // the moons of `train moons` (10,000 points, 2-16-16-1, lr 0.5), whose loss first jumps near step 300
        TrainSpec base = TrainSpec.moons();
        TrainSpec everyStep = new TrainSpec("moons", base.hidden(), base.activation(), 310, 0, base.learningRate(),
                base.layout(), 0, 1, false, base.points(), base.noise(), 1);
        TrainCommand.train(everyStep, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("epoch")).toList();
        assertEquals(310, lines.size());
        // the oracle: every step's loss as printed; a spike is a loss that rose from the step before to 1.25 times the
        // lowest before it, or more
        double[] loss = lines.stream().mapToDouble(l -> Double.parseDouble(l.split(" +")[3])).toArray();
        Pattern jump = Pattern.compile("\\(the loss jumped to (\\d+\\.\\d{4}) at step (\\d+); it was (\\d+\\.\\d{4}) at step"
                + " (\\d+)\\)$");
        double lowest = Double.POSITIVE_INFINITY;
        int spikes = 0;
        for (int step = 1; step <= loss.length; step++) {
            String line = lines.get(step - 1);
            Matcher m = jump.matcher(line);
            double rise = loss[step - 1] / lowest;
            // printed losses that are equal may have risen or fallen
            boolean rose = step > 1 && loss[step - 1] >= loss[step - 2];
            if (m.find()) {
                spikes++;
                assertTrue(rose, "the loss fell at this step, yet the line says it jumped: " + line);
                assertEquals(step, Integer.parseInt(m.group(2)), line);
                assertEquals(loss[step - 1], Double.parseDouble(m.group(1)), line);
                assertEquals(lowest, Double.parseDouble(m.group(3)), line);
                // the step of the lowest loss: steps whose losses print the same are the oracle's ties
                int low = Integer.parseInt(m.group(4));
                assertTrue(low < step && loss[low - 1] == lowest, line);
                assertTrue(rise >= 1.24, line);
            } else {
                // the printed losses are rounded: a rise within 1% of the threshold may go either way
                assertTrue(rise < 1.26 || !rose || loss[step - 1] == loss[step - 2], "step " + step + " is " + rise
                        + " times the lowest loss before it, up from the step before: " + line);
            }
            lowest = Math.min(lowest, loss[step - 1]);
        }
        assertTrue(spikes > 0, "the loss jumps before step 310:\n" + String.join("\n", lines));
        String text = out.toString(StandardCharsets.UTF_8);
        // the run ends a few steps after its jump, still settling back
        assertTrue(loss[loss.length - 1] >= 1.06 * lowest, text);
        assertTrue(text.contains("\nnote: the run ends with a loss of " + String.format(java.util.Locale.ROOT, "%.4f",
                loss[loss.length - 1]) + ", above its lowest, " + String.format(java.util.Locale.ROOT, "%.4f", lowest)
                + " at step "), text);
        assertTrue(text.contains(". Every step sees the same samples, so the loss rises only where gradient"
                + " descent overshoots: lr 0.5 is too long a step where the loss is steepest. A smaller --lr overshoots"
                + " later or not at all.\n"), text);

        // reported every 100 steps: a line names the highest jump of its own steps
        out.reset();
        TrainCommand.train(new TrainSpec("moons", base.hidden(), base.activation(), 310, 0, base.learningRate(),
                base.layout(), 0, 1, false, base.points(), base.noise(), 100), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        List<String> reports = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("epoch"))
                .toList();
        assertEquals(4, reports.size(), String.join("\n", reports));
        // lines every 100 steps hide most steps: the note says how to see them
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(" is too long a step where the loss is steepest."
                + " --every 1 shows every step; a smaller --lr overshoots later or not at all.\n"),
                out.toString(StandardCharsets.UTF_8));
        for (int r = 0; r < 4; r++) {
            int from = 100 * r + 1;
            int to = Math.min(310, 100 * (r + 1));
            String expected = null;
            for (int step = from; step <= to; step++) {
                Matcher m = jump.matcher(lines.get(step - 1));
                if (m.find() && (expected == null || loss[step - 1] > Double.parseDouble(expected.split(" ")[4]))) {
                    expected = m.group();
                }
            }
            assertEquals(expected != null, reports.get(r).endsWith(expected == null ? ")" : expected),
                    reports.get(r) + " (expected " + expected + ")");
            assertTrue(expected == null || reports.get(r).endsWith(expected), reports.get(r));
        }
    }

    @Test
    void theColumnsOfEveryEpochLineAlignUpToTheLastEpochsNumber() {
        TrainCommand.train(new TrainSpec("moons", new int[] {4}, Activation.TANH, 10_000, 0, 0.5, Layout.COLUMNS, 0, 1,
                false, 100, 0.2, 5000), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("epoch")).toList();
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("epoch  5000  loss "), lines.get(0));
        assertTrue(lines.get(1).startsWith("epoch 10000  loss "), lines.get(1));
        assertEquals(lines.get(0).indexOf(" train "), lines.get(1).indexOf(" train "), String.join("\n", lines));
    }

    @Test
    void miniBatchesNeitherReportJumpsNorNoteThem() {
        // each batch has its own loss: a rise from one batch to the next is not descent overshooting
        TrainCommand.train(new TrainSpec("moons", new int[] {4}, Activation.TANH, 30, 10, 5.0, Layout.COLUMNS, 0, 1,
                false, 100, 0.2, 1), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(30, text.lines().filter(l -> l.startsWith("epoch")).count(), text);
        assertFalse(text.contains("jumped") || text.contains("note:"), text);
    }

    @Test
    void theFirstLineSaysHowLongTheMatrixKernelsTookToWarmUp(@TempDir Path dir) throws Exception {
        // a JVM of its own: the vector kernel warms up in its first large product, once per JVM; the 1000 moons'
        // (1000, 16)·(16, 16) products are large enough for it
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process train = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp", classPath,
                "shapeprop.cli.Main", "train", "moons", "--points", "1000", "--epochs", "3", "--every", "1",
                "--threads", "1", "--no-progress").redirectError(dir.resolve("stderr").toFile()).start();
        try {
            List<String> epochs = train.inputReader(StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("epoch")).toList();
            assertTrue(train.waitFor(120, TimeUnit.SECONDS), "train ends");
            assertEquals(0, train.exitValue(), Files.readString(dir.resolve("stderr")));
            assertEquals(3, epochs.size(), String.join("\n", epochs));
            Matcher first = Pattern.compile(" (\\d+\\.\\d\\d) s  \\((\\d+\\.\\d\\d) s of it warming up the matrix kernels,"
                    + " once per run\\)$").matcher(epochs.get(0));
            assertTrue(first.find(), epochs.get(0));
            assertTrue(Double.parseDouble(first.group(2)) <= Double.parseDouble(first.group(1)), epochs.get(0));
            assertFalse(epochs.get(1).contains("warming up") || epochs.get(2).contains("warming up"),
                    String.join("\n", epochs));
        } finally {
            train.destroyForcibly();
        }
    }

    @Test
    void aStoppedRunSaysWhereItStopped(@TempDir Path dir) throws Exception {
        // a kill (as Ctrl-C) ends the JVM wherever training is; the shutdown hooks run, then it exits
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process train = new ProcessBuilder(java, "-cp", classPath, "shapeprop.cli.Main", "train", "moons", "--points",
                "200", "--hidden", "4", "--epochs", "100000000", "--every", "1000", "--threads", "1").redirectError(dir.resolve("stderr").toFile()).start();
        try {
            BufferedReader lines = train.inputReader(StandardCharsets.UTF_8);
            String line;
            do {
                line = lines.readLine();
                assertNotNull(line, "train ended before its first report");
            } while (!line.startsWith("epoch"));
            train.destroy(); // SIGTERM
            assertTrue(train.waitFor(60, TimeUnit.SECONDS), "train ends when stopped");
            String errors = Files.readString(dir.resolve("stderr"));
            Matcher said = Pattern.compile("shapeprop train: interrupted in epoch (\\d+) of 100000000; the last line"
                    + " above is epoch (\\d+)'s\\.\\n$").matcher(errors);
            assertTrue(said.find(), errors);
            assertTrue(Long.parseLong(said.group(1)) > Long.parseLong(said.group(2)), errors);
            assertEquals(128 + 15, train.exitValue(), "the status of a run ended by SIGTERM");
        } finally {
            train.destroyForcibly();
        }
    }
}
