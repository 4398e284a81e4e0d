package shapeprop.cli;

import java.util.function.Consumer;
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
    private final Consumer<Thread> addHook;
    private final Consumer<Thread> removeHook;
    private volatile boolean stopping;

    /** The report of {@code command}, e.g. "shapeprop fetch" (it names the hook's thread). */
    StopReport(String command) {
        this(command, Runtime.getRuntime()::addShutdownHook, Runtime.getRuntime()::removeShutdownHook);
    }

    /**
     * As {@link #StopReport(String)}, with the JVM's {@code addShutdownHook} and {@code removeShutdownHook} given: a
     * test's stand-ins play a JVM stopped at a chosen moment.
     */
    StopReport(String command, Consumer<Thread> addHook, Consumer<Thread> removeHook) {
        this.command = command;
        this.addHook = addHook;
        this.removeHook = removeHook;
    }

    /**
     * Runs {@code work} and returns what it returns. If the JVM is stopped first (or while {@code work} returns), a
     * shutdown hook runs {@code report}, which says on standard error what was cut off; that is the command's last
     * word: should {@code work} still return or throw before the JVM halts, its thread waits for the halt instead of
     * printing more.
     */
    <T> T during(Runnable report, Supplier<T> work) {
        Thread hook = new Thread(() -> {
            stopping = true;
            report.run();
        }, command + ": report the stop");
        addHook.accept(hook);
        T result;
        try {
            result = work.get();
        } finally {
            try {
                removeHook.accept(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM began to stop (Ctrl-C) as the work ended: the hook runs, or soon will, and says the command
                // was interrupted. Its report must stay the last word, not follow "MNIST is ready".
                stopping = true;
            }
            awaitHaltIfStopping();
        }
        return result;
    }

    private void awaitHaltIfStopping() {
        // stopping is set by the hook, or where removing it failed: either way the JVM shuts down, and the halt comes
        while (stopping) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                // keep waiting for the halt, saying nothing
            }
        }
    }
}
