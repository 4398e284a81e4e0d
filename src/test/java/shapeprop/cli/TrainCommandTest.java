package shapeprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import shapeprop.nn.Activation;
import shapeprop.nn.Layout;

/** What {@code train} shows in a terminal: a progress bar on standard error between the epoch lines. */
class TrainCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static TrainSpec smallMoons(int epochs) {
        return new TrainSpec("moons", new int[] {4}, Activation.TANH, epochs, 10, 0.5, Layout.COLUMNS, 0, 1, false,
                100, 0.2, 1);
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
}
