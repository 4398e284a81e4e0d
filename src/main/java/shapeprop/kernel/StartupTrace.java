package shapeprop.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * With the environment variable SHAPEPROP_KERNEL_TRACE=1, the kernel logs, at each start-up and shutdown
 * step and after each cell, the milliseconds since its process started and the CPU milliseconds it has used
 * (all threads: JIT compilers and GC too), which is how the start-up time was tuned. CPU time says where the
 * work goes even when other programs slow the machine down.
 */
final class StartupTrace {

    private static final boolean ON = "1".equals(System.getenv("SHAPEPROP_KERNEL_TRACE"));
    /** System.nanoTime() at the moment the process started (exec), when tracing. */
    private static final long PROCESS_START_NANOS = ON ? System.nanoTime() - processAgeNanos() : 0;
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
            long[] cpu = procStat();
            log.println(String.format(Locale.ROOT, "[shapeprop kernel] +%d ms (CPU %d ms) %s",
                    (System.nanoTime() - PROCESS_START_NANOS) / 1_000_000, cpu == null ? -1 : cpu[1], step));
        }
    }

    /**
     * How long ago this process started: Linux's /proc/uptime minus the process's start time, both in
     * hundredths of a second (ProcessHandle's start instant is only accurate to the second).
     */
    private static long processAgeNanos() {
        try {
            String uptime = Files.readString(Path.of("/proc/uptime")).split(" ")[0];
            long[] stat = procStat();
            if (stat != null) {
                return (long) (Double.parseDouble(uptime) * 1e9) - stat[0] * 10_000_000L;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall back on the JVM's own clock
        }
        return ProcessHandle.current().info().startInstant()
                .map(i -> (System.currentTimeMillis() - i.toEpochMilli()) * 1_000_000L).orElse(0L);
    }

    /** {start time in clock ticks since boot, CPU milliseconds used (user + system)}, or null off Linux. */
    private static long[] procStat() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields after the command: state is f[0]; utime f[11], stime f[12], starttime f[19] (in 1/100 s).
            return new long[] {Long.parseLong(f[19]), (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
