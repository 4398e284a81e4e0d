package shapeprop.kernel;

import shapeprop.kernel.protocol.ConnectionInfo;
import shapeprop.kernel.protocol.Transport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Starts the ShapeProp Jupyter kernel: {@code java -cp shapeprop-all.jar shapeprop.kernel.KernelMain
 * <connection-file>}, as the kernelspec's argv does.
 */
public final class KernelMain {

    /** Text output per cell beyond which the rest is counted, not sent (a notebook cannot show more). */
    static final long DEFAULT_OUTPUT_LIMIT = 8L * 1024 * 1024;

    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp shapeprop-all.jar shapeprop.kernel.KernelMain <connection-file>\n"
                    + "Jupyter starts the kernel this way; install the kernelspec with kernel/install.");
            System.exit(2);
        }
        // the real stderr, Jupyter's log: the kernel makes System.err the cells' own
        PrintStream log = System.err;
        Kernel kernel = start(Path.of(args[0]));
        ParentWatch.start(log);
        kernel.run();
    }

    /**
     * Starts JShell and binds the sockets the connection file names; the returned kernel serves requests once
     * {@link Kernel#run()} is called. Clients may connect as soon as this returns.
     */
    static Kernel start(Path connectionFile) throws IOException {
        System.setProperty("java.awt.headless", "true");
        // %maven's resolver logs through SLF4J; without a provider SLF4J warns into the learner's cell.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        // The kernel's own messages go to the real stderr (Jupyter's log); System.err becomes the cell's.
        PrintStream log = System.err;
        StartupTrace.logTo(log);
        StartupTrace.mark("main");
        EvaluatorStartup evaluator = EvaluatorStartup.start(log);
        ConnectionInfo info = ConnectionInfo.read(connectionFile);
        Transport transport = new Transport(info, log);
        StartupTrace.mark("sockets bound");
        return new Kernel(transport, evaluator, log, outputLimit());
    }

    static long outputLimit() {
        String configured = System.getenv("SHAPEPROP_MAX_OUTPUT");
        try {
            return configured == null ? DEFAULT_OUTPUT_LIMIT : Long.parseLong(configured.strip());
        } catch (NumberFormatException e) {
            System.err.println("[shapeprop kernel] SHAPEPROP_MAX_OUTPUT=" + configured
                    + " is not a number of bytes; using " + DEFAULT_OUTPUT_LIMIT);
            return DEFAULT_OUTPUT_LIMIT;
        }
    }
}
