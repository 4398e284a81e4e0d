package shapeprop.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the real kernel under a real Jupyter client: writes a kernelspec that starts this build's classes
 * into a temporary JUPYTER_PATH and runs a Python driver with Debian's /usr/bin/python3.
 *
 * <p>The JVM under test is this one's unless the system property {@code sp.kernel.java} names another
 * java binary (e.g. Temurin 25).
 */
final class JupyterHarness {

    static final String PYTHON = "/usr/bin/python3";
    static final String KERNEL_NAME = "shapeprop-test";

    private JupyterHarness() {
    }

    /** Skips the calling test (with the reason) when Debian's Jupyter client is missing. */
    static void assumeJupyter(String... modules) {
        List<String> imports = new ArrayList<>(List.of("jupyter_client"));
        imports.addAll(List.of(modules));
        boolean ok;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import " + String.join(", ", imports))
                    .redirectErrorStream(true).start();
            ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            ok = false;
        }
        assumeTrue(ok, PYTHON + " cannot import " + imports + ": install Debian's jupyter-client"
                + " (apt-get install python3-jupyter-client python3-nbclient python3-nbformat) to run the kernel protocol tests");
    }

    static String javaBinary() {
        return System.getProperty("sp.kernel.java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** A JUPYTER_PATH directory holding kernels/shapeprop-test/kernel.json for this build. */
    static Path kernelspec(Path dir, String... extraJvmFlags) throws IOException {
        Path spec = dir.resolve("kernels").resolve(KERNEL_NAME);
        Files.createDirectories(spec);
        JsonArray argv = new JsonArray();
        argv.add(javaBinary());
        argv.add("--add-modules");
        argv.add("jdk.incubator.vector");
        for (String flag : extraJvmFlags) {
            argv.add(flag);
        }
        argv.add("-cp");
        argv.add(classPath());
        argv.add("shapeprop.kernel.KernelMain");
        argv.add("{connection_file}");
        JsonObject json = new JsonObject();
        json.add("argv", argv);
        json.addProperty("display_name", "ShapeProp (test)");
        json.addProperty("language", "java");
        json.addProperty("interrupt_mode", "message");
        Files.writeString(spec.resolve("kernel.json"), json.toString());
        return dir;
    }

    static Path resource(String name) {
        try {
            return Path.of(JupyterHarness.class.getResource("/kernel/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource kernel/" + name + " is missing from the test classpath", e);
        }
    }

    /**
     * A library for %jars to add, {@code DIR/fixture-lib/greeter.jar}, compiled here: class {@code fixture.Greeter}
     * with {@code static String hello(String name)}, which says "hello " + name. Returns the jar's folder.
     */
    static Path greeterLibrary(Path dir) throws IOException {
        Path source = dir.resolve("fixture-src/fixture/Greeter.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package fixture;\npublic class Greeter {\n"
                + "    public static String hello(String name) { return \"hello \" + name; }\n}\n");
        Path classes = dir.resolve("fixture-classes");
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "--release", "17", "-d", classes.toString(), source.toString());
        if (rc != 0) {
            throw new IllegalStateException("javac could not compile the fixture " + source + " (exit " + rc + ")");
        }
        Path lib = Files.createDirectories(dir.resolve("fixture-lib"));
        try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(lib.resolve("greeter.jar")))) {
            jar.putNextEntry(new java.util.zip.ZipEntry("fixture/Greeter.class"));
            jar.write(Files.readAllBytes(classes.resolve("fixture/Greeter.class")));
        }
        return lib;
    }

    /** Output of a Python script run with JUPYTER_PATH set; fails the test with the log on a non-zero exit. */
    static String runPython(Path jupyterPath, Path workDir, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(workDir, "driver", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JUPYTER_PATH", jupyterPath.toString());
        pb.environment().put("JUPYTER_DATA_DIR", jupyterPath.resolve("data").toString());
        pb.environment().put("JUPYTER_RUNTIME_DIR", jupyterPath.resolve("runtime").toString());
        pb.environment().put("PYTHONWARNINGS", "ignore");
        Process p = pb.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        String text = Files.readString(log, StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
            throw new AssertionError("Python driver timed out after " + timeoutSeconds + " s:\n" + text);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("Python driver failed (exit " + p.exitValue() + "):\n" + text);
        }
        return text;
    }

    /** The JSON a driver printed after "RESULT ". */
    static JsonObject result(String output) {
        int i = output.lastIndexOf("RESULT ");
        if (i < 0) {
            throw new AssertionError("driver printed no RESULT line:\n" + output);
        }
        return JsonParser.parseString(output.substring(i + 7).lines().findFirst().orElseThrow()).getAsJsonObject();
    }
}
