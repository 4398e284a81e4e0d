package shapeprop.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The class-data-sharing training run as kernel/install runs it: the real kernel on loopback TCP, driven
 * through a session, ends its process normally and the JVM writes the archive of what the session loaded.
 */
class KernelWarmupTest {

    @Test
    void aTrainingSessionEndsCleanlyAndLeavesAnArchiveThatCoversTheKernelsSockets(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("kernel.jsa");
        Path log = dir.resolve("warmup.log");
        Process p = new ProcessBuilder(JupyterHarness.javaBinary(), "--add-modules", "jdk.incubator.vector",
                "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off",
                "-Xlog:class+load=info:file=" + dir.resolve("classes.log"),
                "-cp", jarredClassPath(dir), "shapeprop.kernel.KernelWarmup")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = p.waitFor(300, TimeUnit.SECONDS);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "the training run did not end within 300 s:\n" + output);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("[shapeprop kernel] warm-up done in"), output);
        assertTrue(Files.size(archive) > 0, "no archive written:\n" + output);
        // The session went through the kernel's own entry point and its TCP sockets, which a start maps.
        String loaded = Files.readString(dir.resolve("classes.log"), StandardCharsets.UTF_8);
        for (String cls : List.of("shapeprop.kernel.KernelMain ", "shapeprop.kernel.Kernel ",
                "zmq.io.net.tcp.TcpListener ", "shapeprop.kernel.display.Renderers ")) {
            assertTrue(loaded.contains(cls), cls + "was not loaded by the training session");
        }
    }

    /**
     * This build's class path with its class directories packed into jars: class-data sharing archives
     * classes from jars only (kernel/install runs the training on the shaded jar).
     */
    private static String jarredClassPath(Path dir) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : JupyterHarness.classPath().split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isDirectory(path)) {
                entries.add(entry);
            } else if (Files.exists(path.resolve("shapeprop/kernel/KernelMain.class"))) {
                Path jar = dir.resolve("classes-" + entries.size() + ".jar");
                try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                     Stream<Path> files = Files.walk(path)) {
                    // Directory entries too, as the shaded jar has: the kernel looks packages up as resources.
                    for (Path file : (Iterable<Path>) files.filter(f -> !f.equals(path)).sorted()::iterator) {
                        String name = path.relativize(file).toString().replace('\\', '/');
                        boolean directory = Files.isDirectory(file);
                        out.putNextEntry(new ZipEntry(directory ? name + "/" : name));
                        if (!directory) {
                            Files.copy(file, out);
                        }
                        out.closeEntry();
                    }
                }
                entries.add(jar.toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
