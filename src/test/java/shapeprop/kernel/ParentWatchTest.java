package shapeprop.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel ends when the Jupyter server that started it is gone, instead of running on as an orphan. */
class ParentWatchTest {

    @Test
    void theServerIsTheProcessJupyterNamesOrElseTheParent() {
        long self = ProcessHandle.current().pid();
        assertEquals(self, ParentWatch.server(Long.toString(self)).orElseThrow().pid());
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        assertEquals(parent, ParentWatch.server(null).orElseThrow().pid());
        // a Windows handle, or a pid no process has: the parent
        assertEquals(parent, ParentWatch.server("handle-not-a-pid").orElseThrow().pid());
        assertEquals(parent, ParentWatch.server(Long.toString(Integer.MAX_VALUE)).orElseThrow().pid());
    }

    @Test
    void theKernelExitsWhenItsServerDies(@TempDir Path dir) throws Exception {
        // the "server": a process that lives until the test kills it, as a terminal closed under Jupyter would
        Process server = new ProcessBuilder("sleep", "120").start();
        Path connection = dir.resolve("kernel.json");
        Files.writeString(connection, "{\"transport\": \"tcp\", \"ip\": \"127.0.0.1\", \"shell_port\": " + freePort()
                + ", \"control_port\": " + freePort() + ", \"iopub_port\": " + freePort() + ", \"stdin_port\": "
                + freePort() + ", \"hb_port\": " + freePort() + ", \"key\": \"k\", \"signature_scheme\": "
                + "\"hmac-sha256\"}");
        Path log = dir.resolve("kernel.log");
        ProcessBuilder pb = new ProcessBuilder(JupyterHarness.javaBinary(), "--add-modules", "jdk.incubator.vector",
                "-cp", JupyterHarness.classPath(), "shapeprop.kernel.KernelMain", connection.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JPY_PARENT_PID", Long.toString(server.pid()));
        Process kernel = pb.start();
        try {
            assertFalse(kernel.waitFor(3, TimeUnit.SECONDS), "the kernel runs while its server does:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
            server.destroyForcibly().waitFor();
            assertTrue(kernel.waitFor(30, TimeUnit.SECONDS), "the kernel outlived its server");
            assertTrue(Files.readString(log, StandardCharsets.UTF_8).contains("the Jupyter server that started this "
                    + "kernel (pid " + server.pid() + ") has exited; the kernel exits too"),
                    Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            kernel.destroyForcibly();
            server.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
