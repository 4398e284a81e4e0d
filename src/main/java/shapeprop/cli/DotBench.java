package shapeprop.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import shapeprop.matrix.Dot;
import shapeprop.matrix.Matrix;

/**
 * {@code bench dot}: GFLOPS of {@link Matrix#dot} on 512×512×512 and the MNIST shapes, for the vector and the
 * scalar kernel on one thread and on all threads, next to numpy's np.dot measured in the same run
 * ({@code bench/numpy_dot.py} under {@code /usr/bin/python3}).
 *
 * <p>GFLOPS = 2·m·k·n / median time of one product. All kernels warm up first (the JIT compiles them in the
 * background), then each cell takes samples of a few milliseconds each for a fixed time and keeps the median.
 * The whole measurement, numpy included, is repeated for a few rounds and each cell reports its best round,
 * so that a busy shared machine penalizes both sides alike.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/classes shapeprop.cli.DotBench [--quick] [--no-numpy]
 * </pre>
 */
public final class DotBench {

    /** One product to measure: (m, k)·(k, n). */
    record Case(int m, int k, int n, String label) {
        double flops() {
            return 2.0 * m * k * n;
        }
    }

    /** 512³ and the four products of a 784-128-10 MNIST network with batch 64 (both layouts). */
    static final List<Case> CASES = List.of(
            new Case(512, 512, 512, "512³"),
            new Case(64, 784, 128, "X·W1   (rows layout, layer 1)"),
            new Case(64, 128, 10, "A1·W2  (rows layout, layer 2)"),
            new Case(784, 64, 128, "Xᵀ·dZ1 (dW1, rows layout)"),
            new Case(128, 64, 10, "A1ᵀ·dZ2 (dW2, rows layout)"));

    private DotBench() {
    }

    static final String HELP = """
            Usage: shapeprop bench dot [options]

            GFLOPS of Matrix.dot on 512×512×512 and the products of a 784-128-10 MNIST network (batch 64), for
            the vector and the scalar kernel on one thread and on all threads, next to numpy's np.dot
            (bench/numpy_dot.py) measured in the same run. Each cell keeps the best of its rounds.

            Options:
              --quick          one short round, for a smoke run
              --seconds S      measuring time per cell and round                 0.4
              --rounds R       rounds; each cell reports its best                3
              --python PATH    the Python with numpy                             /usr/bin/python3
              --no-numpy       ShapeProp's kernels only
            """;

    public static void main(String[] args) {
        try {
            System.out.println(run(args));
        } catch (UsageException e) {
            System.err.println("DotBench: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Runs the benchmark and returns the table (or the help). Options: {@code --quick} (one short round, for a smoke
     * run), {@code --no-numpy} (ShapeProp only), {@code --seconds S} (measuring time per cell and round, default
     * 0.4), {@code --rounds R} (default 3; each cell reports its best round), {@code --python PATH}.
     */
    public static String run(String... args) {
        Options options = Options.parse("bench dot", List.of(args), Set.of("seconds", "rounds", "python"),
                Set.of("quick", "no-numpy", "help"));
        if (options.flag("help")) {
            return HELP;
        }
        if (!options.positional().isEmpty()) {
            throw new UsageException("bench dot", "bench dot takes no cases (got " + options.positional()
                    + "); its options start with --, e.g. --quick.");
        }
        boolean quick = options.flag("quick");
        double seconds = options.positive("seconds", quick ? 0.1 : 0.4);
        int rounds = options.integer("rounds", quick ? 1 : 3, 1);
        boolean numpy = !options.flag("no-numpy");
        String python = options.raw("python") != null ? options.raw("python") : "/usr/bin/python3";
        if (numpy && options.raw("python") != null && python.contains("/") && !Files.isExecutable(Path.of(python))) {
            // a Python named on purpose: say so now, not after minutes of ShapeProp-only numbers
            throw new UsageException("bench dot", "--python " + python + " is not an executable file; pass --python PATH"
                    + " of a Python with numpy, or --no-numpy to time ShapeProp alone.");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int[] threadCounts = cores > 1 ? new int[] {1, cores} : new int[] {1};
        StringBuilder out = new StringBuilder();
        out.append("dot benchmark: GFLOPS = 2·m·k·n / median time; best of ").append(rounds)
                .append(rounds == 1 ? " round" : " rounds").append(", higher is better\n");
        out.append("JVM ").append(Runtime.version()).append(", ").append(cores).append(" processors; ")
                .append(Dot.describe()).append('\n');
        if (!Dot.vectorAvailable()) {
            out.append("The vector kernel is not available: start the JVM with --add-modules jdk.incubator.vector.\n");
        }

        List<String> columns = new ArrayList<>();
        List<Dot.Kernel> kernels = new ArrayList<>();
        for (Dot.Kernel kernel : Dot.Kernel.values()) {
            if (kernel.available()) {
                kernels.add(kernel);
                for (int threads : threadCounts) {
                    columns.add(kernel.name().toLowerCase(Locale.ROOT) + " " + threads + "t");
                }
            }
        }
        Map<String, double[]> best = new HashMap<>();
        Map<String, double[]> bestCpu = new HashMap<>();
        List<Matrix[]> operands = new ArrayList<>();
        for (Case c : CASES) {
            operands.add(operands(c));
        }
        warmUp(kernels, threadCounts, operands, Math.max(1.0, 4 * seconds));
        String numpyNote = numpy ? null : "";
        for (int round = 0; round < rounds; round++) {
            for (Dot.Kernel kernel : kernels) {
                for (int threads : threadCounts) {
                    String column = kernel.name().toLowerCase(Locale.ROOT) + " " + threads + "t";
                    for (int c = 0; c < CASES.size(); c++) {
                        Matrix[] ab = operands.get(c);
                        double[] g = measure(CASES.get(c), ab[0], ab[1], kernel, threads, seconds);
                        keepBest(best, column, c, g[0]);
                        if (threads == 1) {
                            keepBest(bestCpu, column, c, g[1]);
                        }
                    }
                }
            }
            if (numpy) {
                for (int threads : threadCounts) {
                    NumpyRun run = numpy(python, threads, seconds);
                    if (run.gflops == null) {
                        numpyNote = run.note;
                        numpy = false;
                        break;
                    }
                    if (threads == 1) {
                        numpyNote = run.note;
                    }
                    for (int c = 0; c < CASES.size(); c++) {
                        keepBest(best, "numpy " + threads + "t", c, run.gflops[c]);
                        if (threads == 1) {
                            keepBest(bestCpu, "numpy 1t", c, run.cpuGflops[c]);
                        }
                    }
                }
            }
        }
        for (int threads : threadCounts) {
            if (best.containsKey("numpy " + threads + "t")) {
                columns.add("numpy " + threads + "t");
            }
        }
        if (numpyNote != null && !numpyNote.isEmpty()) {
            out.append(numpyNote).append('\n');
        }
        out.append(table(columns, best));
        List<String> cpuColumns = new ArrayList<>();
        for (String column : columns) {
            if (bestCpu.containsKey(column)) {
                cpuColumns.add(column);
            }
        }
        out.append("\nThe same per CPU-second of the measuring thread (one thread; a busy shared machine disturbs "
                + "this less than the wall clock):\n");
        out.append(table(cpuColumns, bestCpu));
        return out.toString();
    }

    private static void keepBest(Map<String, double[]> best, String column, int c, double gflops) {
        double[] row = best.computeIfAbsent(column, key -> new double[CASES.size()]);
        row[c] = Math.max(row[c], gflops);
    }

    private static Matrix[] operands(Case shape) {
        SplittableRandom rng = new SplittableRandom(42);
        Matrix a = Matrix.fromFunction(shape.m, shape.k, (i, j) -> rng.nextDouble(-1, 1));
        Matrix b = Matrix.fromFunction(shape.k, shape.n, (i, j) -> rng.nextDouble(-1, 1));
        return new Matrix[] {a, b};
    }

    /**
     * Runs every kernel on every case until {@code seconds} have passed, so that the JIT has compiled the
     * kernels (it compiles in the background, which takes a while on a busy machine) before anything is timed.
     */
    private static void warmUp(List<Dot.Kernel> kernels, int[] threadCounts, List<Matrix[]> operands, double seconds) {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        double sink = 0;
        do {
            for (Dot.Kernel kernel : kernels) {
                for (int threads : threadCounts) {
                    for (int c = 0; c < CASES.size(); c++) {
                        Matrix[] ab = operands.get(c);
                        // about the same work per case: many small products, few large ones
                        long reps = Math.max(1, (long) (2e7 / CASES.get(c).flops()));
                        for (long r = 0; r < reps; r++) {
                            sink += Dot.multiply(ab[0], ab[1], kernel, threads).get(0, 0);
                        }
                    }
                }
            }
        } while (System.nanoTime() < until);
        if (Double.isNaN(sink)) {
            System.out.print("");
        }
    }

    /**
     * Median GFLOPS of {@code a.dot(b)} on one kernel and thread count, over samples of a few ms each: by the
     * wall clock, and by this thread's CPU time (meaningful for one thread only).
     */
    static double[] measure(Case shape, Matrix a, Matrix b, Dot.Kernel kernel, int threads, double seconds) {
        double sink = 0;
        // how many calls make one sample of at least seconds/20
        long minSample = (long) (seconds * 1e9 / 20);
        int reps = 1;
        while (true) {
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                sink += Dot.multiply(a, b, kernel, threads).get(0, 0);
            }
            if (System.nanoTime() - t0 >= minSample) {
                break;
            }
            reps *= 2;
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<Double> samples = new ArrayList<>();
        List<Double> cpuSamples = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (samples.size() < 5 || System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            long c0 = cpu.getCurrentThreadCpuTime();
            for (int r = 0; r < reps; r++) {
                sink += Dot.multiply(a, b, kernel, threads).get(0, 0);
            }
            cpuSamples.add((cpu.getCurrentThreadCpuTime() - c0) / 1e9 / reps);
            samples.add((System.nanoTime() - t0) / 1e9 / reps);
        }
        if (Double.isNaN(sink)) {
            System.out.print("");
        }
        return new double[] {shape.flops() / median(samples) / 1e9, shape.flops() / median(cpuSamples) / 1e9};
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return Math.max(sorted[sorted.length / 2], 1e-12);
    }

    /** numpy's GFLOPS per case, or null with a note saying why there are none. */
    private record NumpyRun(double[] gflops, double[] cpuGflops, String note) {
    }

    private static NumpyRun numpy(String python, int threads, double seconds) {
        Path script = findScript();
        if (script == null) {
            return new NumpyRun(null, null, "numpy: bench/numpy_dot.py not found (run from the project folder); "
                    + "ShapeProp's numbers only.");
        }
        if (python.contains("/") && !Files.isExecutable(Path.of(python))) {
            return new NumpyRun(null, null, "numpy: " + python + " not found; ShapeProp's numbers only.");
        }
        List<String> command = new ArrayList<>(List.of(python, script.toString(), "--seconds",
                String.format(Locale.ROOT, "%.2f", seconds)));
        for (Case c : CASES) {
            command.add(c.m + "," + c.k + "," + c.n);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        try {
            Process process = builder.start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            }
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                String why = lines.isEmpty() ? "exit code " + process.exitValue() : String.join(" ", lines);
                return new NumpyRun(null, null, "numpy: " + why.replaceFirst("^# ", "") + "; ShapeProp's numbers only.");
            }
            double[] gflops = new double[CASES.size()];
            double[] cpuGflops = new double[CASES.size()];
            String header = "";
            int c = 0;
            for (String line : lines) {
                if (line.startsWith("#")) {
                    header = line.substring(1).trim();
                } else if (!line.isBlank() && c < gflops.length) {
                    String[] parts = line.trim().split("\\s+");
                    gflops[c] = Double.parseDouble(parts[3]);
                    cpuGflops[c++] = Double.parseDouble(parts[4]);
                }
            }
            if (c != gflops.length) {
                return new NumpyRun(null, null, "numpy: unexpected output " + lines + "; ShapeProp's numbers only.");
            }
            String warning = header.contains("BLAS: reference BLAS") ? "\nWarning: numpy runs on the reference BLAS"
                    + " here, 10-20× slower than OpenBLAS, so it is no yardstick for Matrix.dot; for a fair comparison"
                    + " install OpenBLAS (apt-get install libopenblas0-pthread)." : "";
            return new NumpyRun(gflops, cpuGflops, "reference: " + header + " (" + python + ", OPENBLAS_NUM_THREADS set per "
                    + "column; other variables as in this environment" + openblasNote() + ")" + warning);
        } catch (IOException e) {
            return new NumpyRun(null, null, "numpy: could not run " + python + " (" + e.getMessage()
                    + "); ShapeProp's numbers only.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NumpyRun(null, null, "numpy: interrupted; ShapeProp's numbers only.");
        }
    }

    private static String openblasNote() {
        String coretype = System.getenv("OPENBLAS_CORETYPE");
        String l2 = System.getenv("OPENBLAS_L2_SIZE");
        if (coretype == null && l2 == null) {
            return "; OPENBLAS_CORETYPE is not set";
        }
        return "; note: OPENBLAS_CORETYPE=" + coretype + ", OPENBLAS_L2_SIZE=" + l2
                + " are set here and slow OpenBLAS down";
    }

    private static Path findScript() {
        String property = System.getProperty("shapeprop.numpyScript");
        if (property != null) {
            Path p = Path.of(property);
            return Files.isRegularFile(p) ? p : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("bench").resolve("numpy_dot.py");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** The GFLOPS table, plus each ShapeProp one-thread column as a ratio to numpy's one-thread column. */
    static String table(List<String> columns, Map<String, double[]> results) {
        List<String> ratios = new ArrayList<>();
        if (results.containsKey("numpy 1t")) {
            for (String column : columns) {
                if (column.endsWith(" 1t") && !column.startsWith("numpy")) {
                    ratios.add(column);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        String firstHeader = "shape (m×k)·(k×n)";
        int first = CASES.stream().mapToInt(c -> shapeText(c).length()).max().orElse(0);
        first = Math.max(first, firstHeader.length());
        out.append(pad(firstHeader, first));
        for (String column : columns) {
            out.append("  ").append(padLeft(column, 10));
        }
        for (String column : ratios) {
            out.append("  ").append(padLeft(column.replace(" 1t", "") + "/numpy", 13));
        }
        out.append("  case\n");
        for (int c = 0; c < CASES.size(); c++) {
            out.append(pad(shapeText(CASES.get(c)), first));
            for (String column : columns) {
                out.append("  ").append(padLeft(String.format(Locale.ROOT, "%.1f", results.get(column)[c]), 10));
            }
            for (String column : ratios) {
                double ratio = results.get(column)[c] / results.get("numpy 1t")[c];
                out.append("  ").append(padLeft(String.format(Locale.ROOT, "%.2f×", ratio), 13));
            }
            out.append("  ").append(CASES.get(c).label).append('\n');
        }
        if (!ratios.isEmpty()) {
            out.append("ratios compare one thread with one thread (numpy 1t = OPENBLAS_NUM_THREADS=1).\n");
        }
        return out.toString();
    }

    private static String shapeText(Case c) {
        return "(" + c.m + "×" + c.k + ")·(" + c.k + "×" + c.n + ")";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }

    @Override
    public String toString() {
        return "DotBench" + Arrays.toString(CASES.toArray());
    }
}
