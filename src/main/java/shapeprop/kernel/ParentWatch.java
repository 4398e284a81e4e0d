package shapeprop.kernel;

import java.io.PrintStream;
import java.util.Optional;

/**
 * Ends the kernel when the Jupyter server that started it is gone. A server that dies without shutting its kernels
 * down (its terminal closed, a SIGKILL) would otherwise leave this JVM running for good, holding its memory and its
 * ports. The server is the process whose id jupyter_client puts in {@code JPY_PARENT_PID} (ipykernel watches the
 * same), or else the kernel's parent process.
 */
final class ParentWatch {

    private ParentWatch() {
    }

    /** Watches the server in the background: when it exits, says so on {@code log} and halts this JVM. */
    static void start(PrintStream log) {
        server(System.getenv("JPY_PARENT_PID")).ifPresent(server -> server.onExit().thenRun(() -> {
            log.println("[shapeprop kernel] the Jupyter server that started this kernel (pid " + server.pid()
                    + ") has exited; the kernel exits too");
            log.flush();
            Runtime.getRuntime().halt(0);
        }));
    }

    /**
     * The process to watch: the one {@code jpyParentPid} names if it is a live process id, else the parent process;
     * empty when neither is known or the parent is already init (a kernel started on its own, outside Jupyter).
     */
    static Optional<ProcessHandle> server(String jpyParentPid) {
        if (jpyParentPid != null) {
            try {
                Optional<ProcessHandle> named = ProcessHandle.of(Long.parseLong(jpyParentPid.strip()));
                if (named.isPresent()) {
                    return named;
                }
            } catch (NumberFormatException e) {
                // not a process id (jupyter_client on Windows puts a handle there): fall back to the parent
            }
        }
        return ProcessHandle.current().parent().filter(p -> p.pid() != 1);
    }
}
