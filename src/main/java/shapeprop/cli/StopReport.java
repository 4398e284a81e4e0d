package shapeprop.cli;

import java.util.function.Supplier;

/**
 * What a command says when Ctrl-C (SIGINT) or a kill (SIGTERM) stops it. The JVM then runs its shutdown hooks and
 * halts; the command's own thread runs on until the halt and never reaches its catch or finally blocks, so only a
 * hook can say what was cut off. {@link #during} runs a command's work with such a hook:
 * <pre>{@code
 * new StopReport("shapeprop train").during(printer::stopped, () -> train(spec, out, printer));
 * }</pre>
 */
final class StopReport {

    private final String command;
    private volatile boolean stopping;

    /** The report of {@code command}, e.g. "shapeprop fetch" (it names the hook's thread). */
    StopReport(String command) {
        this.command = command;
    }

    /**
     * Runs {@code work} and returns what it returns. If the JVM is stopped first, a shutdown hook runs {@code report},
     * which says on standard error what was cut off; that is the command's last word: should {@code work} still
     * return or throw before the JVM halts, its thread waits for the halt instead of printing more.
     */
    <T> T during(Runnable report, Supplier<T> work) {
        Thread hook = new Thread(() -> {
            stopping = true;
            report.run();
        }, command + ": report the stop");
        Runtime.getRuntime().addShutdownHook(hook);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            awaitHaltIfStopping();
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs or has run
            }
        }
        awaitHaltIfStopping();
        return result;
    }

    private void awaitHaltIfStopping() {
        // stopping is set only in the hook, which runs only while the JVM shuts down: the halt comes
        while (stopping) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                // keep waiting for the halt, saying nothing
            }
        }
    }
}
