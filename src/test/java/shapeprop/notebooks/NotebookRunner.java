package shapeprop.notebooks;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Executes the course notebooks the way a learner's Jupyter would, with this build's ShapeProp kernel:
 * copies {@code notebooks/} into the build directory (the files under {@code notebooks/} are never
 * written), writes a kernelspec named {@code java} — the name the notebooks ask for — that starts
 * {@code shapeprop.kernel.KernelMain} on this JVM's test classpath into a private {@code JUPYTER_PATH},
 * and runs each copy through nbclient with Debian's {@code /usr/bin/python3}.
 */
public final class NotebookRunner {

    public static final String PYTHON = "/usr/bin/python3";
    /** Seconds one cell may take before the run is stopped (the notebooks' CI mode needs far less). */
    static final int CELL_TIMEOUT_SECONDS = 240;

    private final Path project;
    private final Path runDir;
    private final Map<String, String> environment;

    /**
     * A runner working in {@code runDir} (emptied first) on the notebooks of {@code project}, with extra
     * environment variables for the kernel (e.g. {@code SHAPEPROP_CI=1}).
     */
    public NotebookRunner(Path project, Path runDir, Map<String, String> environment) throws IOException {
        this.project = project;
        this.runDir = runDir;
        this.environment = Map.copyOf(environment);
        deleteRecursively(runDir);
        copyNotebooks(project.resolve("notebooks"), runDir.resolve("notebooks"));
        writeKernelspec(runDir.resolve("jupyter"));
    }

    /** The copy of the notebooks the runs execute. */
    public Path notebooks() {
        return runDir.resolve("notebooks");
    }

    /** Null when Debian's Jupyter client stack is importable, else why not. */
    public static String missingJupyter() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import nbclient, nbformat, jupyter_client")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return null;
            }
            return PYTHON + " cannot import nbclient: " + out.strip();
        } catch (IOException | InterruptedException e) {
            return PYTHON + " cannot be run: " + e.getMessage();
        }
    }

    /**
     * Executes the copy of {@code relative} (e.g. {@code 02-mnist-by-hand.ipynb} or
     * {@code solutions/07-exercises-solutions.ipynb}) top to bottom and reads the result.
     */
    public ExecutedNotebook execute(String relative) throws IOException, InterruptedException {
        Path source = notebooks().resolve(relative);
        if (!Files.isRegularFile(source)) {
            throw new AssertionError("no notebook " + project.resolve("notebooks").resolve(relative));
        }
        Path executed = runDir.resolve("executed").resolve(relative);
        Files.createDirectories(executed.getParent());
        Path script = project.resolve("src/test/resources/notebooks/execute.py");
        ProcessBuilder builder = new ProcessBuilder(PYTHON, script.toString(), source.toString(), executed.toString(),
                "java", String.valueOf(CELL_TIMEOUT_SECONDS)).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("JUPYTER_PATH", runDir.resolve("jupyter").toString());
        env.put("JUPYTER_RUNTIME_DIR", runDir.resolve("runtime").toString());
        env.put("JUPYTER_PLATFORM_DIRS", "1");
        env.putAll(environment);
        Process process = builder.start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(relative + " did not finish within 20 minutes:\n" + log);
        }
        if (!Files.exists(executed)) {
            throw new AssertionError(relative + " could not be executed (exit " + process.exitValue() + "):\n" + log);
        }
        return ExecutedNotebook.read(executed, process.exitValue(), log);
    }

    /** The notebooks of the project, relative to {@code notebooks/}, sorted. */
    public static List<String> notebooksOf(Path project) throws IOException {
        Path root = project.resolve("notebooks");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".ipynb"))
                    .filter(p -> !p.toString().contains(".ipynb_checkpoints"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    private void writeKernelspec(Path jupyterPath) throws IOException {
        Path spec = jupyterPath.resolve("kernels").resolve("java");
        Files.createDirectories(spec);
        JsonArray argv = new JsonArray();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.add("--add-modules");
        argv.add("jdk.incubator.vector");
        argv.add("-cp");
        argv.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        argv.add("shapeprop.kernel.KernelMain");
        argv.add("{connection_file}");
        JsonObject json = new JsonObject();
        json.add("argv", argv);
        json.addProperty("display_name", "Java (ShapeProp, this build)");
        json.addProperty("language", "java");
        json.addProperty("interrupt_mode", "message");
        Files.writeString(spec.resolve("kernel.json"), json.toString(), StandardCharsets.UTF_8);
    }

    private static void copyNotebooks(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = new ArrayList<>(walk.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains(".ipynb_checkpoints")).toList());
        }
        for (Path file : files) {
            Path target = to.resolve(from.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
