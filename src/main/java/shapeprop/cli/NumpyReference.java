package shapeprop.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bench/numpy_train.py} under {@code /usr/bin/python3} with the same experiment as a
 * {@link TrainSpec} and reads its JSON lines. With one thread it sets {@code OPENBLAS_NUM_THREADS=1};
 * otherwise the environment is passed on as it is (including any OPENBLAS_* settings of the machine).
 */
final class NumpyReference {

    /**
     * What numpy reported: total and per-epoch seconds of the training loops, their CPU time, accuracies, and the
     * BLAS it multiplied with (e.g. {@code OpenBLAS (/usr/lib/…/libblas.so.3)}).
     */
    record Result(double seconds, List<Double> epochSeconds, double cpuSeconds, double trainAccuracy,
            double testAccuracy, String blas) {

        /** True when numpy ran on a reference (unoptimized) BLAS, which makes it many times slower at products. */
        boolean referenceBlas() {
            return blas.startsWith("reference BLAS");
        }
    }

    /** What to do when numpy runs on the reference BLAS, for the bench's warning. */
    static final String REFERENCE_BLAS_FIX = "numpy runs on the reference BLAS here, 10-20× slower than OpenBLAS at"
            + " matrix products, so these ratios flatter ShapeProp. For a fair race install OpenBLAS"
            + " (apt-get install libopenblas0-pthread) or pass --python with a numpy on OpenBLAS.";

    private final String python;
    private final Path script;

    NumpyReference(String python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** The script next to this installation: {@code shapeprop.home}, the working directory, or the jar's repository. */
    static Path findScript() {
        List<Path> candidates = new ArrayList<>();
        String home = System.getProperty("shapeprop.home");
        if (home != null) {
            candidates.add(Path.of(home, "bench", "numpy_train.py"));
        }
        candidates.add(Path.of("bench", "numpy_train.py"));
        try {
            Path code = Path.of(NumpyReference.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/shapeprop-…-all.jar or target/classes → the repository is two levels up from either
            candidates.add(code.getParent().getParent().resolve("bench").resolve("numpy_train.py"));
            candidates.add(code.getParent().resolve("bench").resolve("numpy_train.py"));
        } catch (Exception e) {
            // no code source: rely on the other candidates
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new UsageException("bench", "cannot find bench/numpy_train.py (looked in " + candidates + "); run from"
                + " the repository root, pass --numpy-script PATH, or --no-numpy to time ShapeProp alone.");
    }

    /**
     * Checks, before ShapeProp trains for minutes, that the script exists and that the Python runs and has numpy;
     * a UsageException names what is missing and the fix.
     */
    void check() {
        if (!Files.isRegularFile(script)) {
            throw new UsageException("bench", "--numpy-script " + script + ": no such file; pass the path of "
                    + "bench/numpy_train.py, or --no-numpy to time ShapeProp alone.");
        }
        String problem;
        try {
            Process process = new ProcessBuilder(python, "-c", "import numpy").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                problem = "did not answer within a minute";
            } else {
                problem = process.exitValue() == 0 ? null : output.contains("No module named 'numpy'")
                        ? "has no numpy" : "failed: " + output;
            }
        } catch (IOException e) {
            problem = "cannot be run (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + python, e);
        }
        if (problem != null) {
            throw new UsageException("bench", python + " " + problem + "; install numpy for it (apt-get install "
                    + "python3-numpy), pass --python PATH of a Python with numpy, or --no-numpy to time ShapeProp alone.");
        }
    }

    /** Trains the spec's network with numpy on {@code data}: the MNIST folder, or the train and test points files. */
    Result run(TrainSpec spec, List<Path> data, int threads) {
        List<String> command = new ArrayList<>(List.of(python, script.toString(),
                "--dataset", spec.dataset().equals("moons") ? "moons" : "mnist", "--data", data.get(0).toString(),
                "--hidden", joined(spec.hidden()), "--activation", spec.activation().toString(),
                "--epochs", Integer.toString(spec.epochs()), "--batch", Integer.toString(spec.batchSize()),
                "--lr", Double.toString(spec.learningRate()), "--layout", spec.layout().name().toLowerCase(Locale.ROOT),
                "--seed", Long.toString(spec.seed()), "--every", Integer.toString(spec.every())));
        if (data.size() > 1) {
            command.addAll(List.of("--test", data.get(1).toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        Map<String, String> env = builder.environment();
        if (threads == 1) {
            env.put("OPENBLAS_NUM_THREADS", "1");
        }
        try {
            Path errors = Files.createTempFile("numpy-bench", ".err");
            try {
                builder.redirectError(errors.toFile());
                Process process = builder.start();
                List<String> lines = new ArrayList<>();
                try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        lines.add(line);
                    }
                }
                if (!process.waitFor(1, TimeUnit.HOURS) || process.exitValue() != 0) {
                    String tail = Files.readString(errors).strip();
                    throw new IllegalStateException("the numpy reference failed (" + String.join(" ", command) + "): "
                            + tail + (tail.contains("No module named 'numpy'") ? "\nInstall numpy for " + python
                            + " (apt-get install python3-numpy), pass --python PATH, or run bench --no-numpy." : ""));
                }
                return parse(lines);
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + python + " (" + e.getMessage() + "); install python3 and"
                    + " python3-numpy (apt-get install python3-numpy), pass --python PATH, or run bench --no-numpy.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while numpy was training", e);
        }
    }

    private static Result parse(List<String> lines) {
        double train = Double.NaN;
        for (String line : lines) {
            JsonObject json = JsonParser.parseString(line).getAsJsonObject();
            if (json.has("epoch")) {
                train = json.get("train_accuracy").getAsDouble();
            } else if (json.has("summary")) {
                JsonObject summary = json.getAsJsonObject("summary");
                List<Double> epochs = new ArrayList<>();
                summary.getAsJsonArray("epoch_seconds").forEach(e -> epochs.add(e.getAsDouble()));
                return new Result(summary.get("seconds").getAsDouble(), epochs,
                        summary.get("cpu_seconds").getAsDouble(), train,
                        summary.get("test_accuracy").getAsDouble(),
                        summary.has("blas") ? summary.get("blas").getAsString() : "unknown");
            }
        }
        throw new IllegalStateException("the numpy reference printed no summary line; it printed: " + lines);
    }

    private static String joined(int[] sizes) {
        StringBuilder text = new StringBuilder();
        for (int s : sizes) {
            text.append(text.length() == 0 ? "" : ",").append(s);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return python + " " + script;
    }
}
