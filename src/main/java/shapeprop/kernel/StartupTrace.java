package shapeprop.kernel;

import java.io.PrintStream;

/**
 * With the environment variable SHAPEPROP_KERNEL_TRACE=1, the kernel logs the milliseconds since JVM start
 * at each start-up and shutdown step, which is how the start-up time was tuned.
 */
final class StartupTrace {

    private static final boolean ON = "1".equals(System.getenv("SHAPEPROP_KERNEL_TRACE"));
    private static final long START = ProcessHandle.current().info().startInstant()
            .map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis());
    private static volatile PrintStream log = System.err;

    private StartupTrace() {
    }

    static void logTo(PrintStream stream) {
        log = stream;
    }

    static boolean on() {
        return ON;
    }

    static void mark(String step) {
        if (ON) {
            log.println("[shapeprop kernel] +" + (System.currentTimeMillis() - START) + " ms " + step);
        }
    }
}
