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

    /** The cells of the training session: each takes a different path through JShell and the kernel. */
    static final List<String> CELLS = List.of(
            "1+1",
            "int x = 3;",
            "String s = \"a\" + x;\ns.length()",
            "Matrix.zeros(2, 3)",
            "class Box { int v; }",
            "void hello() { System.out.print(\"\"); }",
            "System.out.println(\"warm-up\");",
            "display(Matrix.eye(3))",
            "throw new IllegalStateException(\"warm-up\");",
            "int y = ;");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private KernelWarmup() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream log = System.err; // the kernel makes System.err the cells' stream once it runs
        long t0 = System.nanoTime();
        ConnectionInfo info = new ConnectionInfo("tcp", "127.0.0.1", freePort(), freePort(), freePort(),
                freePort(), freePort(), "hmac-sha256", UUID.randomUUID().toString());
        Path dir = Files.createTempDirectory("shapeprop-warmup");
        Path file = dir.resolve("kernel-warmup.json");
        Files.writeString(file, connectionFile(info).toString());
        Thread kernel = new Thread(() -> {
            try {
                KernelMain.main(new String[] {file.toString()});
            } catch (Exception e) {
                fail(log, "the kernel failed to start: " + e);
            }
        }, "shapeprop-warmup-kernel");
        kernel.setDaemon(true);
        kernel.start();
        try (TrainingClient client = new TrainingClient(info, TIMEOUT)) {
            client.awaitReady();
            Files.delete(file);
            Files.delete(dir);
            for (String cell : CELLS) {
                client.execute(cell);
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

    private static void fail(PrintStream log, String problem) {
        log.println("[shapeprop kernel] warm-up failed: " + problem);
        log.flush();
        System.exit(1);
    }

    /** A loopback port free at this moment (the kernel binds it a moment later). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static JsonObject connectionFile(ConnectionInfo info) {
        return Json.object("transport", info.transport(), "ip", info.ip(), "shell_port", info.shellPort(),
                "control_port", info.controlPort(), "iopub_port", info.iopubPort(), "stdin_port", info.stdinPort(),
                "hb_port", info.hbPort(), "signature_scheme", info.signatureScheme(), "key", info.key());
    }
}
