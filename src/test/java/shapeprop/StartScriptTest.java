package shapeprop;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import shapeprop.data.DataHome;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ./start.sh's own steps, as a learner's terminal shows them, in a fresh copy of the project without target/
 * and an empty HOME: Maven and Jupyter are stand-ins (the stand-in {@code mvn} puts this build's jar into
 * target/ and notes its arguments; the stand-in {@code jupyter-lab} prints its arguments), the kernel install
 * and the MNIST check are real. {@link StartCommandTest} runs the real Jupyter in a browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartScriptTest {

    private Path work;
    private Path project;
    private Map<String, String> env;
    private int port;
    private Run first;
    private Run second;

    record Run(int exit, String log) {
    }

    @BeforeAll
    void startAFreshCopyTwice() throws IOException, InterruptedException {
        Optional<Path> jar = builtJar();
        assumeTrue(jar.isPresent(), "needs the shaded jar (mvn package) for the stand-in mvn to hand out");
        work = Files.createTempDirectory("shapeprop-start-script-");
        project = work.resolve("project");
        copyProject(project);
        assertFalse(Files.exists(project.resolve("target")), "a fresh clone has no target/");

        Path bin = Files.createDirectories(work.resolve("bin"));
        script(bin.resolve("mvn"), "printf '%s\\n' \"$*\" \"MAVEN_OPTS=${MAVEN_OPTS:-}\" >> \"" + work.resolve("mvn.calls")
                + "\"\nmkdir -p target && cp \"" + jar.get() + "\" target/shapeprop-0.0.0-all.jar\n");
        script(bin.resolve("jupyter-lab"), "echo \"jupyter-lab $*\"\n");
        Path home = Files.createDirectories(work.resolve("home"));
        env = Map.of("PATH", bin + ":" + System.getenv("PATH"), "HOME", home.toString(),
                "XDG_CACHE_HOME", home.resolve(".cache").toString(),
                "XDG_DATA_HOME", home.resolve(".local/share").toString(),
                // MNIST from this user's cache, so the fresh HOME does not download it again
                DataHome.VARIABLE, DataHome.root().toString());
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        first = start("--port", String.valueOf(port), "--no-browser");
        second = start("--port", String.valueOf(port), "--no-browser");
    }

    @AfterAll
    void removeTheCopy() throws IOException {
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aFreshCloneWithoutTargetBuildsTheJarFirst() throws IOException {
        assertEquals(0, first.exit(), first.log());
        assertTrue(first.log().contains("[shapeprop] building the ShapeProp jar\n"), first.log());
        String calls = Files.readString(work.resolve("mvn.calls"));
        assertTrue(calls.startsWith("-B -q -DskipTests package\n"), calls);
        assertTrue(calls.contains("-Djansi.noreset=true"), "Maven's colour resets stay out of the terminal: " + calls);
    }

    @Test
    void theFirstStartSaysItInstallsTheKernelAndTheSecondThatItIsUpToDate() {
        assertTrue(first.log().contains("kernel/install: installing kernelspec 'java' into "), first.log());
        assertEquals(0, second.exit(), second.log());
        assertFalse(second.log().contains("building"), second.log());
        assertFalse(second.log().contains("installing"), second.log());
        assertTrue(second.log().contains("kernel/install: kernelspec 'java' in " + work.resolve("home")
                + "/.local/share/jupyter/kernels/java is up to date (same jar, JVM and options)\n"), second.log());
    }

    @Test
    void mnistIsReportedReadyInOneLineNamingItsFolderBeforeJupyterStarts() {
        String log = second.log();
        String ready = "MNIST is ready: 4 files verified in " + DataHome.root().resolve("mnist") + "\n";
        int checking = log.indexOf("[shapeprop] checking MNIST\n");
        assertTrue(checking >= 0 && log.indexOf(ready) > checking
                && log.indexOf("[shapeprop] opening notebooks/") > log.indexOf(ready), log);
        assertFalse(log.contains("incubator"), log);
    }

    @Test
    void jupyterGetsTheNotebooksOnLocalhostAndThePortTheLearnerChoseWithoutRetries() throws IOException {
        String server = first.log().lines().filter(l -> l.startsWith("jupyter-lab ")).findFirst().orElse("");
        assertTrue(server.contains(" --ServerApp.port_retries=0 "), server);
        assertTrue(server.contains(" --notebook-dir=" + project.toRealPath() + "/notebooks --ip=127.0.0.1 --port "
                + port + " --no-browser"), server);
    }

    @Test
    void aBusyPortStopsTheStartWithAMessageSayingWhatToDo() throws IOException, InterruptedException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = start("--port=" + busy.getLocalPort());
            assertEquals(1, run.exit(), run.log());
            assertTrue(run.log().startsWith("[shapeprop] error: port " + busy.getLocalPort() + " is in use (another "
                    + "Jupyter?). Stop that server, or choose another port: ./start.sh --port " + (busy.getLocalPort() + 1)
                    + ", or leave out --port and Jupyter picks a free one.\n"), run.log());
        }
    }

    @Test
    void mavenAsTheScriptsRunItPrintsNoColourCodes() throws IOException, InterruptedException {
        Process maven = new ProcessBuilder("bash", "-c", ". scripts/lib.sh && maven -o validate")
                .redirectErrorStream(true).start();
        String out = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, maven.waitFor(), out);
        assertEquals("", out);
    }

    @Test
    void shadedJarIsEmptyNotAnErrorWhenTargetIsEmpty() throws IOException, InterruptedException {
        Path empty = Files.createDirectories(work.resolve("empty/target"));
        Process p = new ProcessBuilder("bash", "-c", "set -euo pipefail; . \"$0\"; jar=$(shaded_jar); echo \"jar=[$jar]\"",
                Path.of("scripts/lib.sh").toAbsolutePath().toString()).directory(empty.getParent().toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("jar=[]\n", out);
    }

    private Run start(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("./start.sh"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("JUPYTER") || k.startsWith("MAVEN_OPTS"));
        builder.environment().putAll(env);
        Process p = builder.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), log);
        return new Run(p.exitValue(), log.replaceAll("\u001B\\[[0-9;]*m", ""));  // say's bold, as the eye reads it
    }

    /** The files git knows, as a clone holds them (uncommitted edits included), without target/. */
    private static void copyProject(Path dest) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "ls-files", "-z", "-co", "--exclude-standard").start();
        String listed = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, git.waitFor());
        for (String rel : listed.split("\0")) {
            Path src = Path.of(rel);
            if (!rel.isEmpty() && Files.isRegularFile(src)) {
                Files.createDirectories(dest.resolve(rel).getParent());
                Files.copy(src, dest.resolve(rel), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void script(Path path, String body) throws IOException {
        Files.writeString(path, "#!/usr/bin/env bash\n" + body);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Optional<Path> builtJar() throws IOException {
        Path target = Path.of(System.getProperty("sp.buildDir", "target"));
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("shapeprop-.*-all\\.jar")).findFirst()
                    .map(Path::toAbsolutePath);
        }
    }
}
