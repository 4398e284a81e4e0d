package shapeprop.kernel;

import com.google.gson.JsonObject;
import shapeprop.kernel.protocol.ConnectionInfo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A training run for class-data sharing: starts the real kernel ({@link KernelMain}) on loopback TCP ports and
 * drives it through a short notebook session with {@link TrainingClient} (kernel_info, cells with a value,
 * a declaration, printed output, a display, a runtime and a compile error, completion, inspection,
 * is_complete, history, a heartbeat), then shuts it down. The kernel ends its process as it does for Jupyter,
 * so {@code java -XX:ArchiveClassesAtExit=shapeprop.jsa -cp … shapeprop.kernel.KernelWarmup} archives every
 * class a session loads, sockets and all, and later starts map them instead of loading them one by one.
 *
 * <p>Exits with status 1 and a message on stderr if the kernel fails to answer.
 */
public final class KernelWarmup {

    /** A cell of the training session and the execute_reply status it must get. */
    record Cell(String code, String status) {
    }

    /** The cells of the training session: each takes a different path through JShell and the kernel. */
    static final List<Cell> CELLS = List.of(
            new Cell("1+1", "ok"),
            new Cell("int x = 3;", "ok"),
            new Cell("String s = \"a\" + x;\ns.length()", "ok"),
            new Cell("Matrix.zeros(2, 3)", "ok"),
            new Cell("class Box { int v; }", "ok"),
            new Cell("void hello() { System.out.print(\"\"); }", "ok"),
            new Cell("System.out.println(\"warm-up\");", "ok"),
            new Cell("display(Matrix.eye(3))", "ok"),
            new Cell("throw new IllegalStateException(\"warm-up\");", "error"),
            new Cell("int y = ;", "error"));
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private KernelWarmup() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream log = System.err; // the kernel makes System.err the cells' stream once it runs
        long t0 = System.nanoTime();
        int[] ports = freePorts(5);
        ConnectionInfo info = new ConnectionInfo("tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4],
                "hmac-sha256", UUID.randomUUID().toString());
        Path dir = Files.createTempDirectory("shapeprop-warmup");
        Path file = dir.resolve("kernel-warmup.json");
        Files.writeString(file, connectionFile(info).toString());
        Kernel kernel;
        try {
            // Bound before the client connects: a connection attempt to a port nobody listens on yet can
            // connect the client's socket to itself, and the kernel then finds its port taken.
            kernel = KernelMain.start(file);
        } catch (IOException | RuntimeException e) {
            fail(log, "the kernel failed to start: " + e);
            return;
        }
        Thread serving = new Thread(kernel::run, "shapeprop-warmup-kernel");
        serving.setDaemon(true);
        serving.start();
        try (TrainingClient client = new TrainingClient(info, TIMEOUT)) {
            client.awaitReady();
            Files.delete(file);
            Files.delete(dir);
            for (Cell cell : CELLS) {
                String status = client.execute(cell.code()).get("status").getAsString();
                if (!status.equals(cell.status())) {
                    fail(log, "the cell " + cell.code() + " got status " + status + ", expected " + cell.status());
                }
            }
            client.request("complete_request", Json.object("code", "Matrix.", "cursor_pos", 7));
            client.request("inspect_request", Json.object("code", "Math.max(", "cursor_pos", 9, "detail_level", 0));
            client.request("is_complete_request", Json.object("code", "for (int i = 0; i < 3; i++) {"));
            client.request("history_request", Json.object("output", false, "raw", true,
                    "hist_access_type", "tail", "n", 10));
            client.ping();
            log.printf("[shapeprop kernel] warm-up done in %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            log.flush();
            // The kernel ends the JVM after its reply; that exit writes the archive (-XX:ArchiveClassesAtExit).
            client.shutdown();
            Thread.sleep(TIMEOUT.toMillis());
        } catch (RuntimeException e) {
            fail(log, e.getMessage());
        }
        fail(log, "the kernel did not end its process within " + TIMEOUT.toSeconds() + " s of shutdown_request");
    }

    /** Ends the run with status 1, after the problem and every thread's stack (where the kernel was stuck). */
    private static void fail(PrintStream log, String problem) {
        log.println("[shapeprop kernel] warm-up failed: " + problem);
        log.println("[shapeprop kernel] threads at the time:");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            log.println("  \"" + thread.getName() + "\" " + thread.getState());
            for (StackTraceElement frame : stack) {
                log.println("      at " + frame);
            }
        });
        log.flush();
        System.exit(1);
    }

    /**
     * {@code n} different loopback ports, free at this moment (the kernel binds them a moment later). All are
     * held open until all are chosen: a port released at once can be handed out again by the next request.
     */
    static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    private static JsonObject connectionFile(ConnectionInfo info) {
        return Json.object("transport", info.transport(), "ip", info.ip(), "shell_port", info.shellPort(),
                "control_port", info.controlPort(), "iopub_port", info.iopubPort(), "stdin_port", info.stdinPort(),
                "hb_port", info.hbPort(), "signature_scheme", info.signatureScheme(), "key", info.key());
    }
}
