package shapeprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a command prints when Ctrl-C stops the JVM: the stop's report is its last word. The JVM here is a stand-in
 * whose shutdown hooks are kept in a list, so a test chooses the moment of the stop.
 */
class StopReportTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);

    @Test
    void aFetchThatEndsAsCtrlCArrivesSaysOnlyThatItWasInterruptedNotThatMnistIsReady() throws Exception {
        // Ctrl-C as the fetch returns: the JVM is shutting down, so it refuses to remove the hook, which is about to run
        List<Thread> hooks = new ArrayList<>();
        StopReport report = new StopReport("shapeprop fetch", hooks::add, hook -> {
            throw new IllegalStateException("Shutdown in progress");
        });
        Thread command = new Thread(() -> {
            String dir = report.during(() -> stderr.println("shapeprop fetch: interrupted with no download under way"),
                    () -> "/data/mnist");
            stderr.println("MNIST is ready: 4 files verified in " + dir);
        });
        command.setDaemon(true); // it waits for a halt that never comes here
        command.start();
        command.join(1500);
        assertTrue(command.isAlive(), "the command waits for the JVM to halt");
        // the hook runs only now, after the fetch returned
        hooks.get(0).run();
        command.join(1500);
        assertEquals("shapeprop fetch: interrupted with no download under way\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void workThatEndsBeforeAnyStopReturnsItsResultAndLeavesNoHook() {
        List<Thread> hooks = new ArrayList<>();
        String result = new StopReport("shapeprop fetch", hooks::add, hooks::remove).during(
                () -> stderr.println("interrupted"), () -> "/data/mnist");
        assertEquals("/data/mnist", result);
        assertEquals(List.of(), hooks);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
