package shapeprop.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import shapeprop.data.Dataset;
import shapeprop.data.Fetcher;
import shapeprop.data.Mnist;
import shapeprop.data.Moons;
import shapeprop.data.Split;
import shapeprop.matrix.Dot;
import shapeprop.nn.Activation;
import shapeprop.nn.Initializer;
import shapeprop.nn.Loss;
import shapeprop.nn.Network;
import shapeprop.nn.Trace;
import shapeprop.nn.TrainingDivergedException;

/** {@code shapeprop train mnist|fashion-mnist|moons [options]}: trains a network and prints one line per epoch. */
final class TrainCommand {

    static final String HELP = """
            Usage: shapeprop train mnist|fashion-mnist|moons [options]

            Trains a fully connected network with mini-batch gradient descent and prints one line per epoch:
            the mean loss, the training accuracy (of the batches as they were met), the test accuracy and the
            time of the training loop. A progress bar runs on standard error when it is a terminal.

            The output layer follows from the data: 10 softmax units with cross-entropy for digits, one sigmoid
            unit with binary cross-entropy for the two moons. Weights start Xavier-initialised, in float64.

            Options (defaults for mnist / moons):
              --hidden SIZES      hidden layer sizes, comma separated     128 / 16,16
              --activation NAME   sigmoid, tanh, relu or leaky_relu      sigmoid / tanh
              --epochs N          passes over the training data          5 / 2000 (full batch: one step each)
              --batch N|full      samples per step                       64 / full
              --lr η              learning rate in W -= η·dW             1.0 / 0.5
              --layout NAME       columns (X is (features, m), Z = W·X + b) or rows (X is (m, features),
                                  Z = X·W + b)                           columns
              --seed N            seeds the weights, the batch order and the moons   0
              --threads N         threads a large matrix product may use   all processors
              --points N          moons: number of points                10000
              --noise σ           moons: standard deviation of the noise 0.2
              --every N           print a line every N epochs            1 / 200
              --trace             print every operation of the first step with its shapes
              --no-progress       no progress bar

            MNIST is read from $SHAPEPROP_DATA/mnist or ~/.cache/shapeprop/mnist and fetched there on first use
            (shapeprop fetch mnist). Fashion-MNIST comes from $SHAPEPROP_DATA/fashion-mnist or Debian's
            dataset-fashion-mnist package.

            Examples:
              shapeprop train mnist
              shapeprop train mnist --layout rows --epochs 10 --trace
              shapeprop train moons --points 200 --hidden 22 --epochs 10000 --every 1000
            """;

    private TrainCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, Fetcher::standard);
    }

    /**
     * As {@link #run(List, PrintStream, PrintStream)}, fetching MNIST on first use with the routes {@code routes} gives
     * for a log of progress.
     */
    static int run(List<String> args, PrintStream out, PrintStream err, Function<Consumer<String>, Fetcher> routes) {
        Options options = Options.parse("train", args, TrainSpec.VALUED, TrainSpec.FLAGS);
        if (options.flag("help")) {
            out.print(HELP);
            return 0;
        }
        TrainSpec spec = TrainSpec.from(options);
        boolean progress = !options.flag("no-progress") && stderrIsTerminal();
        Printer printer = new Printer(spec, commandLine(args), out, err, progress);
        Fetcher fetcher = fetcher(spec, routes, err::println);
        // Ctrl-C (or a kill) ends the JVM at once, halfway through a line of the bar or a download: the report erases
        // the bar, removes the partial download and says where training stopped, so the shell's prompt starts on a
        // line of its own
        try {
            new StopReport("shapeprop train").during(() -> printer.stopped(fetcher), () -> train(spec, out, printer,
                    fetcher));
        } catch (TrainingDivergedException e) {
            // the library's advice is for a notebook ("train with learning rate …"); here it is an option
            throw new TrainingDivergedException(e.step(), e.layer(), e.getMessage() + " On the command line: --lr "
                    + TrainSpec.decimal(spec.learningRate() / 10) + " (10× smaller than --lr "
                    + TrainSpec.decimal(spec.learningRate()) + ").");
        }
        return 0;
    }

    /**
     * Whether standard error, where the bar goes, is a terminal: on Linux, what file descriptor 2 links to. Elsewhere
     * only {@code System.console()} can tell, and it asks about standard input and output instead.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /**
     * The width of the terminal in characters, or 80 when it cannot be told. Asked once per run: jline finds it by
     * starting {@code stty}, which takes about a tenth of a second, and the progress bar library asked anew for every
     * bar (with {@code --every 1} on the moons, 300 epochs took 52 s instead of 3 s).
     */
    static int terminalWidth() {
        try (Terminal terminal = TerminalBuilder.builder().dumb(true).build()) {
            int width = terminal.getWidth();
            return width > 0 ? width : 80;
        } catch (IOException | RuntimeException e) {
            return 80;
        }
    }

    /** Loads the data, builds the network, trains it and prints what happens; returns the reported epochs. */
    static List<EpochResult> train(TrainSpec spec, PrintStream out, PrintStream err, boolean progress) {
        return train(spec, out, new Printer(spec, "shapeprop train " + spec.dataset(), out, err, progress),
                fetcher(spec, Fetcher::standard, System.err::println));
    }

    /**
     * {@code shapeprop train} with the user's own arguments, to paste into a shell: an argument with anything but
     * letters, digits and {@code ,._=/:+-} in it is single-quoted.
     */
    static String commandLine(List<String> args) {
        StringBuilder line = new StringBuilder("shapeprop train");
        for (String arg : args) {
            line.append(' ').append(arg.matches("[A-Za-z0-9,._=/:+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }

    /** The fetcher of MNIST when the spec trains on it, with {@code log} for its progress; null for other data. */
    private static Fetcher fetcher(TrainSpec spec, Function<Consumer<String>, Fetcher> routes, Consumer<String> log) {
        return spec.dataset().equals("mnist") ? routes.apply(log) : null;
    }

    private static List<EpochResult> train(TrainSpec spec, PrintStream out, Printer printer, Fetcher fetcher) {
        if (spec.threads() > 0) {
            Dot.setThreads(spec.threads());
        }
        Split data = load(spec, fetcher);
        Network net = network(spec);
        out.println("train " + spec);
        out.print(net);
        out.println(data.train() + "; " + data.test());
        Training training = new Training(net, data.train(), data.test(), spec);
        printer.start(training.stepsPerEpoch());
        List<EpochResult> results = training.run(printer);
        printer.finished();
        String note = training.unsettledNote();
        if (note != null) {
            out.println(note);
        }
        return results;
    }

    /** The data of a spec, split into training and test samples; MNIST is fetched with {@code fetcher} on first use. */
    private static Split load(TrainSpec spec, Fetcher fetcher) {
        return switch (spec.dataset()) {
            case "mnist" -> split(Mnist.load(fetcher));
            case "fashion-mnist" -> split(Mnist.fashion());
            default -> moons(spec);
        };
    }

    private static Split split(Mnist mnist) {
        return new Split(mnist.train(), mnist.test());
    }

    /** The spec's moons to train on, and as many fresh points from the next seed to test on. */
    static Split moons(TrainSpec spec) {
        Dataset train = Moons.generate(spec.points(), spec.noise(), spec.seed()).renamed("moons train");
        Dataset test = Moons.generate(spec.points(), spec.noise(), spec.seed() + 1).renamed("moons test");
        return new Split(train, test);
    }

    /** The spec's network: its hidden layers, then the output layer and loss that fit the data. */
    static Network network(TrainSpec spec) {
        Network.Builder builder = Network.builder(spec.inputs());
        for (int units : spec.hidden()) {
            builder.dense(units, spec.activation());
        }
        if (spec.outputs() == 1) {
            builder.dense(1, Activation.SIGMOID).loss(Loss.BINARY_CROSS_ENTROPY);
        } else {
            builder.dense(spec.outputs(), Activation.SOFTMAX).loss(Loss.SOFTMAX_CROSS_ENTROPY);
        }
        return builder.layout(spec.layout()).initializer(Initializer.XAVIER).seed(spec.seed()).build();
    }

    /**
     * The progress bar's line on standard error, which {@link #erase} blanks for the epoch line to take its place.
     * The library's own clearing is not enough: it ends the blank line with a newline (a blank line above every
     * epoch line in a terminal), and it skips the clearing when the bar is closed before its first timed redraw
     * (an epoch shorter than that, e.g. a full-batch step, left its bar glued to the front of the epoch line).
     */
    private static final class BarLine extends ConsoleProgressBarConsumer {
        private final PrintStream err;
        private boolean erased;

        /** A bar {@code width} characters wide at most. */
        BarLine(PrintStream err, int width) {
            super(err, width);
            this.err = err;
        }

        @Override
        public synchronized void accept(String rendered) {
            if (!erased) {
                super.accept(rendered);
            }
        }

        @Override
        public void close() {
            err.flush();
        }

        /** Overwrites the bar with spaces and returns to the line's start; the bar draws nothing after this. */
        synchronized void erase() {
            if (!erased) {
                super.accept(" ".repeat(getMaxRenderedLength()));
                err.print('\r');
                err.flush();
                erased = true;
            }
        }
    }

    /** Prints the trace, the epoch lines and, on a terminal, a progress bar over the steps up to the next line. */
    private static final class Printer implements Training.Listener {
        private final TrainSpec spec;
        /** The command that ran this training, for the user to run again after an interrupted fetch. */
        private final String again;
        private int stepsPerEpoch;
        private final PrintStream out;
        private final PrintStream err;
        private final boolean progress;
        private ProgressBar bar;
        private BarLine line;
        private final int width;
        private int reportedEpochs;
        /** Steps since the last reported epoch. */
        private long steps;
        private volatile boolean started;
        private volatile boolean done;

        Printer(TrainSpec spec, String again, PrintStream out, PrintStream err, boolean progress) {
            this.spec = spec;
            this.again = again;
            this.out = out;
            this.err = err;
            this.progress = progress;
            // asked before the clock starts; the last column stays free: writing there wraps the line
            this.width = progress ? terminalWidth() - 1 : 0;
        }

        /** Training begins, with this many steps in an epoch. */
        void start(int stepsInEpoch) {
            this.stepsPerEpoch = stepsInEpoch;
            started = true;
        }

        /** Training ended: every epoch is reported. */
        void finished() {
            done = true;
        }

        /**
         * The JVM is stopping (Ctrl-C, kill) while training may still run: erases the bar, removes the partial
         * download of {@code fetcher} (null when the data is never fetched), prints where training stopped on
         * standard error, and prints nothing more.
         */
        synchronized void stopped(Fetcher fetcher) {
            if (done) {
                return;
            }
            done = true;
            if (line != null) {
                line.erase();
            } else if (progress) {
                err.print('\r'); // over the terminal's echo of ^C
            }
            String cut = started || fetcher == null ? null : fetcher.abandon();
            if (cut != null) {
                err.println(Fetcher.interrupted("shapeprop train", cut, "Run " + again + " again"));
            } else if (!started) {
                err.println("shapeprop train: interrupted before training began.");
            } else {
                long at = reportedEpochs + steps / Math.max(1, stepsPerEpoch) + 1;
                // "epoch" as in the lines above, also where an epoch is one full-batch step
                err.println("shapeprop train: interrupted in epoch " + Math.min(at, spec.epochs()) + " of "
                        + spec.epochs() + (reportedEpochs == 0 ? "; none was reported yet."
                        : "; the last line above is epoch " + reportedEpochs + "'s."));
            }
            err.flush();
        }

        @Override
        public void onStep() {
            steps++;
            if (!progress || done) {
                return;
            }
            if (bar == null) {
                int epochs = Math.min(spec.every(), spec.epochs() - reportedEpochs);
                int from = reportedEpochs + 1;
                String name = epochs == 1 ? "epoch " + from : "epochs " + from + "-" + (from + epochs - 1);
                line = new BarLine(err, width);
                bar = new ProgressBarBuilder().setTaskName(name).setInitialMax((long) epochs * stepsPerEpoch)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setConsumer(line).build();
            }
            bar.step();
        }

        @Override
        public void onTrace(Trace trace) {
            out.println("The first step, operation by operation:");
            out.print(trace);
            out.println();
        }

        @Override
        public synchronized void onEpoch(EpochResult result) {
            if (done) {
                return;
            }
            steps = 0;
            if (bar != null) {
                bar.close();
                line.erase();
                bar = null;
            }
            reportedEpochs = result.epoch();
            // as many places as the last epoch's number, at least 4: the columns of every line align
            out.println(result.line(Math.max(4, Integer.toString(spec.epochs()).length())));
        }
    }
}
