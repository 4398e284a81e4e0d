package shapeprop.kernel;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URISyntaxException;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kernel/install as ./start.sh runs it again and again: a reinstall must not pull the jar or the classes from
 * under a kernel that is running, and the kernel's JVM gets a heap MNIST fits in. Installs with --no-cds into
 * a temporary Jupyter data dir, from a jar of this build's classes.
 */
class KernelInstallTest {

    private static final Path INSTALL = Path.of("kernel", "install");

    @Test
    void aKernelStartedBeforeAReinstallKeepsLoadingItsOwnClasses(@TempDir Path tmp) throws Exception {
        Path jar = jarOfThisBuild(tmp.resolve("first.jar"), 0);
        assertTrue(install(tmp, jar, "--no-cds").contains("installing kernelspec 'java'"));
        List<String> first = argv(tmp);

        // a kernel of the first install: it has opened its jar and waits for the next cell
        Path errors = tmp.resolve("kernel.err");
        Process kernel = new ProcessBuilder(probeCommand(first)).redirectError(errors.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(kernel.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter in = new PrintWriter(kernel.getOutputStream(), true, StandardCharsets.UTF_8);
        try {
            assertEquals("ready", probeSays(out));

            // the learner changes a source file: a new jar, laid out differently, installed again
            String second = install(tmp, jarOfThisBuild(tmp.resolve("second.jar"), 64 * 1024), "--no-cds");
            assertTrue(second.contains("installed kernelspec 'java'"), second);
            assertNotEquals(classesDir(first), classesDir(argv(tmp)), "the new install has a directory of its own");

            // the running kernel's next cell loads a class it has not used yet, from its jar and its classes dir
            in.println("next cell");
            String next = probeSays(out);
            assertTrue(kernel.waitFor(30, TimeUnit.SECONDS));
            assertEquals("loaded shapeprop.matrix.Matrix; javac found shapeprop/matrix/Matrix.class", next,
                    Files.readString(errors));
            assertEquals(0, kernel.exitValue(), Files.readString(errors));
        } finally {
            kernel.destroyForcibly();
        }

        // the same jar again: nothing to do
        assertTrue(install(tmp, tmp.resolve("second.jar"), "--no-cds").contains("is up to date"));
        // a third jar: the first version (no kernel runs it now) goes, the one just replaced stays
        install(tmp, jarOfThisBuild(tmp.resolve("third.jar"), 1), "--no-cds");
        assertFalse(Files.exists(classesDir(first)), "the first version is removed once no kernel uses it");
        try (Stream<Path> versions = Files.list(tmp.resolve("kernels/java/versions"))) {
            assertEquals(2, versions.count(), "the newest version and the one before it");
        }
    }

    @Test
    void theKernelsHeapIsThreeQuartersOfTheMemoryUnlessXmxIsGiven(@TempDir Path tmp) throws Exception {
        Path jar = jarOfThisBuild(tmp.resolve("all.jar"), 0);
        install(tmp, jar, "--no-cds");
        // a 1 GB Binder container: the JVM's default would be a quarter, 256 MB; MNIST's images alone are 376 MB
        assertEquals(768L << 20, maxHeap(argv(tmp), "-XX:MaxRAM=1g"));

        install(tmp, jar, "--no-cds", "--xmx", "600m");
        List<String> argv = argv(tmp);
        assertTrue(argv.contains("-Xmx600m"), argv.toString());
        assertFalse(argv.contains("-XX:MaxRAMPercentage=75"), argv.toString());
        assertEquals(600L << 20, maxHeap(argv, "-XX:MaxRAM=1g"));
    }

    @Test
    void aKernelStartsWithoutTheJvmsInformationLinesInTheServersTerminal(@TempDir Path tmp) throws Exception {
        install(tmp, jarOfThisBuild(tmp.resolve("all.jar"), 0), "--no-cds");
        List<String> command = new ArrayList<>(argv(tmp));
        command.remove(command.size() - 1);  // {connection_file}: without it the kernel prints its usage and ends
        Process kernel = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(kernel.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        kernel.waitFor(30, TimeUnit.SECONDS);

        assertTrue(output.contains("usage: java -cp shapeprop-all.jar shapeprop.kernel.KernelMain"), output);
        assertFalse(output.contains("compiler directives added"), output);
    }

    @Test
    void aHeapSizeTheJvmRefusesIsReportedByTheInstaller(@TempDir Path tmp) throws Exception {
        Process install = installer(tmp, jarOfThisBuild(tmp.resolve("all.jar"), 0), "--no-cds", "--xmx", "lots");
        String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(1, install.waitFor());
        assertTrue(output.contains("kernel/install: the kernel's JVM does not start with these options")
                && output.contains("Invalid maximum heap size: -Xmxlots"), output);
        assertFalse(Files.exists(tmp.resolve("kernels/java/kernel.json")), output);
    }

    /**
     * A stand-in for a running kernel: loads one class from its jar, says ready, and after a line on stdin
     * loads a class it has not touched yet and reads a class file from its classes dir, as javac does for a
     * cell that uses a new package.
     */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            Class.forName("shapeprop.kernel.CompilerClassPath");
            System.out.println("probe: ready");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            Class<?> matrix = Class.forName("shapeprop.matrix.Matrix");
            Path file = Path.of(System.getProperty("shapeprop.kernel.classes"), "shapeprop/matrix/Matrix.class");
            Files.readAllBytes(file);
            System.out.println("probe: loaded " + matrix.getName() + "; javac found shapeprop/matrix/Matrix.class");
        }
    }

    /** The probe's next line (the JVM's own lines, if any, left out). */
    private static String probeSays(BufferedReader out) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("probe: ")) {
                return line.substring("probe: ".length());
            }
        }
        return null;
    }

    /** The kernel's argv with the probe in place of KernelMain, and the test classes after the kernel's jar. */
    private static List<String> probeCommand(List<String> argv) throws URISyntaxException {
        List<String> command = new ArrayList<>(argv.subList(0, argv.indexOf("-cp")));
        String testClasses = Path.of(Probe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        command.addAll(List.of("-cp", argv.get(argv.indexOf("-cp") + 1) + java.io.File.pathSeparator + testClasses,
                Probe.class.getName()));
        return command;
    }

    private static long maxHeap(List<String> argv, String memory) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(argv.subList(0, argv.indexOf("-cp")));
        command.addAll(List.of(memory, "-XX:+DisplayVMOutput", "-XX:+PrintFlagsFinal", "-version"));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String flags = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        java.waitFor();
        return flags.lines().filter(l -> l.contains(" MaxHeapSize ")).map(l -> l.split("=")[1].trim().split(" ")[0])
                .mapToLong(Long::parseLong).findFirst().orElseThrow(() -> new AssertionError(flags));
    }

    private static String install(Path data, Path jar, String... options) throws IOException, InterruptedException {
        Process install = installer(data, jar, options);
        String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, install.waitFor(), output);
        return output;
    }

    private static Process installer(Path data, Path jar, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(INSTALL.toString(), "--data-dir", data.toString(),
                "--java", JupyterHarness.javaBinary(), "--jar", jar.toString()));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static List<String> argv(Path data) throws IOException {
        List<String> argv = new ArrayList<>();
        JsonParser.parseString(Files.readString(data.resolve("kernels/java/kernel.json"))).getAsJsonObject()
                .getAsJsonArray("argv").forEach(a -> argv.add(a.getAsString()));
        return argv;
    }

    private static Path classesDir(List<String> argv) {
        String flag = "-D" + CompilerClassPath.PROPERTY + "=";
        return Path.of(argv.stream().filter(a -> a.startsWith(flag)).findFirst().orElseThrow().substring(flag.length()));
    }

    /**
     * This build's main classes as a jar, led by a padding entry of {@code padding} bytes: a different padding
     * moves every class to another offset, as a rebuilt jar does.
     */
    private static Path jarOfThisBuild(Path jar, int padding) throws IOException, URISyntaxException {
        Path classes = Path.of(CompilerClassPath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            byte[] noise = new byte[padding];  // seeded noise: zeros would compress to almost nothing
            new java.util.Random(padding).nextBytes(noise);
            out.putNextEntry(new ZipEntry("padding.bin"));
            out.write(noise);
            out.closeEntry();
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new ZipEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
