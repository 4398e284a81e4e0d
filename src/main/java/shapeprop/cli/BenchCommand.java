package shapeprop.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import shapeprop.data.DataHome;
import shapeprop.data.Dataset;
import shapeprop.data.IdxSet;
import shapeprop.data.Samples;
import shapeprop.data.Split;
import shapeprop.matrix.Dot;
import shapeprop.matrix.Matrix;
import shapeprop.nn.Layout;

/**
 * {@code shapeprop bench}: trains the same networks with ShapeProp and with the numpy reference
 * ({@code bench/numpy_train.py}) one after the other in the same run, and prints both training-loop times and
 * their ratio. {@code bench dot} hands over to {@link DotBench}.
 */
final class BenchCommand {

    static final String HELP = """
            Usage: shapeprop bench [mnist|moons|moons-200 ...] [options]
                   shapeprop bench dot [--quick] [--no-numpy] [--python PATH]

            Trains each case with ShapeProp, then with the numpy reference bench/numpy_train.py
            (/usr/bin/python3), on the same data with the same sizes, activations, loss, batch size, learning
            rate and Xavier initialisation in float64, and prints the time of the training loops (batches,
            forward, backward, update; ShapeProp's includes its JIT warm-up), the ratio ShapeProp / numpy and
            the accuracies. With --threads 1 (the default) numpy runs with OPENBLAS_NUM_THREADS=1; otherwise
            both use the machine as it is. The last lines name the BLAS numpy multiplied with: Debian's reference
            BLAS is 10-20× slower than OpenBLAS at matrix products, and a warning says so.

            Cases (all three when none is named):
              mnist       784-128-10, sigmoid, softmax + cross-entropy, batch 64, lr 1.0, 5 epochs
              moons       10,000 points (noise 0.2), 2-16-16-1 tanh, sigmoid + BCE, full batch, 2,000 steps, lr 0.5
              moons-200   200 points (noise 0.2), 2-22-1 tanh, full batch, 10,000 steps, lr 0.5

            Options:
              --threads N          threads for ShapeProp's matrix products (and numpy's BLAS unless 1)   1
              --epochs N           override the epochs (steps for the moons)
              --layout NAME        columns or rows                                                      columns
              --seed N             seed of the weights, batch order and moons                           0
              --seeds A-B          several runs per case, e.g. 0-4 or 0,3,7: the summary gives the time of
                                   all of them and each side's accuracy as mean (min-max), since one seed's
                                   accuracy is one draw from a spread of a few tenths of a percent
              --python PATH        the Python with numpy                                                /usr/bin/python3
              --numpy-script PATH  the reference script                            bench/numpy_train.py
              --no-numpy           time ShapeProp alone
              bench dot            GFLOPS of Matrix.dot next to numpy's np.dot (see bench dot --help)
            """;

    static final Map<String, TrainSpec> CASES = new LinkedHashMap<>();

    static {
        CASES.put("mnist", TrainSpec.mnist());
        CASES.put("moons", TrainSpec.moons());
        CASES.put("moons-200", TrainSpec.smallMoons());
    }

    private BenchCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty() && args.get(0).equals("dot")) {
            out.println(DotBench.run(args.subList(1, args.size()).toArray(new String[0])));
            return 0;
        }
        Options options = Options.parse("bench", args, Set.of("threads", "epochs", "layout", "seed", "seeds",
                "python", "numpy-script"), Set.of("no-numpy", "help"));
        if (options.flag("help")) {
            out.print(HELP);
            return 0;
        }
        List<String> names = options.positional().isEmpty() ? List.copyOf(CASES.keySet()) : options.positional();
        for (String name : names) {
            if (!CASES.containsKey(name)) {
                throw new UsageException("bench", "'" + name + "' is not a bench case; choose from "
                        + String.join(", ", CASES.keySet()) + ", or bench dot.");
            }
        }
        int threads = options.integer("threads", 1, 1);
        if (options.has("seed") && options.has("seeds")) {
            throw new UsageException("bench", "--seed " + options.raw("seed") + " and --seeds " + options.raw("seeds")
                    + " both choose the seeds; give --seed N for one run or --seeds A-B for several.");
        }
        int[] seeds = options.seeds("seeds");
        if (seeds == null) {
            seeds = new int[] {options.integer("seed", 0, 0)};
        }
        // every option is checked, and numpy found, before the first case trains for minutes
        List<TrainSpec> specs = new ArrayList<>();
        for (String name : names) {
            TrainSpec base = CASES.get(name);
            specs.add(new TrainSpec(base.dataset(), base.hidden(), base.activation(),
                    options.integer("epochs", base.epochs(), 1), base.batchSize(), base.learningRate(),
                    Layout.valueOf(options.choice("layout", "columns", TrainSpec.LAYOUTS).toUpperCase(Locale.ROOT)),
                    seeds[0], threads, false, base.points(), base.noise(),
                    Math.min(base.every(), options.integer("epochs", base.epochs(), 1))));
        }
        NumpyReference numpy = options.flag("no-numpy") ? null : new NumpyReference(
                options.raw("python") != null ? options.raw("python") : "/usr/bin/python3",
                options.raw("numpy-script") != null ? Path.of(options.raw("numpy-script")) : NumpyReference.findScript());
        if (numpy != null) {
            numpy.check();
        }
        Dot.setThreads(threads);
        out.println("bench: ShapeProp (dot kernel " + Dot.kernel().name().toLowerCase(Locale.ROOT) + ", " + threads
                + " thread" + (threads == 1 ? "" : "s") + ")" + (numpy == null ? "" : " vs numpy (" + numpy
                + (threads == 1 ? ", OPENBLAS_NUM_THREADS=1" : ", environment as it is") + "), in the same run"));
        List<String> rows = new ArrayList<>();
        List<String> blas = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            List<Race> races = new ArrayList<>();
            for (int seed : seeds) {
                races.add(runCase(names.get(i), specs.get(i).withSeed(seed), numpy, threads, out, blas));
            }
            rows.add(summary(names.get(i), specs.get(i), races));
        }
        out.println();
        // without numpy there is no ratio and no CPU time in the rows
        out.println(numpy == null ? "summary (ShapeProp's training-loop time; the total includes its JIT warm-up, the"
                + " median epoch is the steady state):"
                : "summary (training-loop time ShapeProp / numpy; the total includes ShapeProp's JIT warm-up, the"
                + " median epoch is the steady state, CPU is the processes' CPU time, which a busy machine disturbs"
                + " least):");
        rows.forEach(out::println);
        if (!blas.isEmpty()) {
            out.println("numpy's BLAS: " + blas.get(0));
            if (blas.get(0).startsWith("reference BLAS")) {
                out.println("Warning: " + NumpyReference.REFERENCE_BLAS_FIX);
            }
        }
        return 0;
    }

    /**
     * One case trained with one seed by both implementations: the training-loop times (the sum over epochs), CPU
     * times, median time per epoch (per step with the full batch) and the accuracy the summary compares, the training
     * accuracy for the moons and the test accuracy for MNIST. numpy's fields are NaN when it did not run.
     */
    private record Race(double ourSeconds, double ourCpu, double ourMedian, double ourAccuracy,
            double theirSeconds, double theirCpu, double theirMedian, double theirAccuracy) {
    }

    /** Runs one case with both implementations, prints its lines and returns the times and accuracies. */
    private static Race runCase(String name, TrainSpec spec, NumpyReference numpy, int threads, PrintStream out,
            List<String> blas) {
        out.println();
        out.println("== " + name + ": " + spec);
        List<EpochResult> ours = TrainCommand.train(spec, quiet(), quiet(), false);
        double seconds = ours.stream().mapToDouble(EpochResult::seconds).sum();
        double cpu = ours.stream().mapToDouble(EpochResult::cpuSeconds).sum();
        List<Double> ourEpochs = new ArrayList<>();
        int previous = 0;
        for (EpochResult r : ours) {
            ourEpochs.add(r.seconds() / (r.epoch() - previous));
            previous = r.epoch();
        }
        EpochResult last = ours.get(ours.size() - 1);
        String what = spec.batchSize() == 0 ? "step" : "epoch";
        out.printf(Locale.ROOT, "ShapeProp  total %8.3f s (CPU %8.3f s)  median %s %s  train %.2f%%  test %.2f%%%n",
                seconds, cpu, time(median(ourEpochs)), what, 100 * last.trainAccuracy(), 100 * last.testAccuracy());
        boolean moons = spec.dataset().equals("moons");
        double ourAccuracy = moons ? last.trainAccuracy() : last.testAccuracy();
        if (numpy == null) {
            return new Race(seconds, cpu, median(ourEpochs), ourAccuracy, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN);
        }
        // numpy reads the MNIST folder, or the very moons ShapeProp trained and tested on
        List<Path> files = new ArrayList<>();
        if (moons) {
            Split points = TrainCommand.moons(spec);
            files.add(points(points.train()));
            files.add(points(points.test()));
        } else {
            files.add(DataHome.of(IdxSet.MNIST));
        }
        NumpyReference.Result reference;
        try {
            reference = numpy.run(spec, files, threads);
        } finally {
            if (moons) {
                for (Path file : files) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        // a temp file left in /tmp
                    }
                }
            }
        }
        if (blas.isEmpty()) {
            blas.add(reference.blas());
        }
        // numpy's epochs averaged over the same blocks as ShapeProp's reports
        List<Double> theirEpochs = new ArrayList<>();
        previous = 0;
        for (EpochResult r : ours) {
            double sum = 0;
            for (int e = previous; e < r.epoch(); e++) {
                sum += reference.epochSeconds().get(e);
            }
            theirEpochs.add(sum / (r.epoch() - previous));
            previous = r.epoch();
        }
        out.printf(Locale.ROOT, "numpy      total %8.3f s (CPU %8.3f s)  median %s %s  train %.2f%%  test %.2f%%%n",
                reference.seconds(), reference.cpuSeconds(), time(median(theirEpochs)), what,
                100 * reference.trainAccuracy(), 100 * reference.testAccuracy());
        double ratio = seconds / reference.seconds();
        double cpuRatio = cpu / reference.cpuSeconds();
        double steady = median(ourEpochs) / median(theirEpochs);
        out.printf(Locale.ROOT, "ratio      %.2f× numpy's total time, %.2f× its median %s time, %.2f× its CPU time%n",
                ratio, steady, what, cpuRatio);
        return new Race(seconds, cpu, median(ourEpochs), ourAccuracy, reference.seconds(), reference.cpuSeconds(),
                median(theirEpochs), moons ? reference.trainAccuracy() : reference.testAccuracy());
    }

    /**
     * The summary line of one case: the time ratios and both accuracies. Over several seeds the times are summed,
     * the median epoch is the median of the runs' medians, and each accuracy is given as mean (min–max).
     */
    private static String summary(String name, TrainSpec spec, List<Race> races) {
        String what = spec.batchSize() == 0 ? "step" : "epoch";
        String accuracy = spec.dataset().equals("moons") ? "train" : "test";
        double ourSeconds = races.stream().mapToDouble(Race::ourSeconds).sum();
        double ourMedian = median(races.stream().map(Race::ourMedian).toList());
        String ourAccuracy = spread(races.stream().mapToDouble(Race::ourAccuracy).toArray());
        String runs = races.size() == 1 ? "" : races.size() + " seeds, ";
        if (Double.isNaN(races.get(0).theirSeconds())) {
            return String.format(Locale.ROOT, "  %-10s %sShapeProp %.3f s, median %s per %s, %s accuracy %s", name,
                    runs, ourSeconds, time(ourMedian), what, accuracy, ourAccuracy);
        }
        double theirSeconds = races.stream().mapToDouble(Race::theirSeconds).sum();
        double theirMedian = median(races.stream().map(Race::theirMedian).toList());
        double cpuRatio = races.stream().mapToDouble(Race::ourCpu).sum()
                / races.stream().mapToDouble(Race::theirCpu).sum();
        return String.format(Locale.ROOT, "  %-10s %stotal %.2f×  (%.3f s vs %.3f s)   median %s %.2f×  (%s vs %s)"
                        + "   CPU %.2f×   %s accuracy %s vs %s", name, runs, ourSeconds / theirSeconds, ourSeconds,
                theirSeconds, what, ourMedian / theirMedian, time(ourMedian), time(theirMedian), cpuRatio, accuracy,
                ourAccuracy, spread(races.stream().mapToDouble(Race::theirAccuracy).toArray()));
    }

    /** One accuracy as {@code 97.24%}; several as their mean and range, {@code 97.21% (97.05–97.40%)}. */
    private static String spread(double[] accuracies) {
        if (accuracies.length == 1) {
            return String.format(Locale.ROOT, "%.2f%%", 100 * accuracies[0]);
        }
        DoubleSummaryStatistics stats = Arrays.stream(accuracies).summaryStatistics();
        return String.format(Locale.ROOT, "%.2f%% (%.2f–%.2f%%)", 100 * stats.getAverage(), 100 * stats.getMin(),
                100 * stats.getMax());
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String time(double seconds) {
        return seconds < 1e-3 ? String.format(Locale.ROOT, "%.1f µs", seconds * 1e6)
                : seconds < 1 ? String.format(Locale.ROOT, "%.2f ms", seconds * 1e3)
                : String.format(Locale.ROOT, "%.3f s", seconds);
    }

    /** Writes moons as float64 little-endian rows (x, y, label) to a temp file, for numpy. */
    private static Path points(Dataset moons) {
        Matrix x = moons.x(Samples.ROWS);
        ByteBuffer buffer = ByteBuffer.allocate(moons.size() * 3 * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < moons.size(); i++) {
            buffer.putDouble(x.get(i, 0)).putDouble(x.get(i, 1)).putDouble(moons.label(i));
        }
        try {
            Path file = Files.createTempFile("shapeprop-moons", ".f64");
            Files.write(file, buffer.array());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the moons for numpy to a temp file", e);
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
