package shapeprop.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import shapeprop.data.DataFileException;
import shapeprop.nn.TrainingDivergedException;

/**
 * The {@code shapeprop} command (the jar's main class): {@code train}, {@code bench}, {@code fetch}.
 * Mistakes in the command line exit with status 2 and a message naming the option and what it allows;
 * bad data files and failed training exit with status 1 and a message naming the problem and the fix.
 */
public final class Main {

    static final String HELP = """
            ShapeProp: backpropagation one matrix shape at a time.

            Usage: shapeprop <command> [options]

            Commands:
              train mnist|fashion-mnist|moons   train a network; one line per epoch (loss, accuracy, time)
              bench [mnist|moons|moons-200]     race ShapeProp against the numpy reference in the same run
              bench dot                         GFLOPS of Matrix.dot next to numpy's np.dot
              fetch mnist                       fetch and verify MNIST into the data cache; prints the folder
              help [command]                    this text, or one command's options

            Examples:
              shapeprop train mnist --epochs 5 --trace
              shapeprop train moons --points 200 --hidden 22 --epochs 10000 --every 1000
              shapeprop bench mnist --threads 1
            """;

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.out, System.err);
        System.out.flush();
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs a command line and returns the exit status: 0 done, 1 failed, 2 a mistake in the command line. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || List.of("help", "--help", "-h").contains(args.get(0))) {
            if (args.size() > 1) {
                // help train, help bench dot, and help dot for the benchmark under bench
                List<String> topic = new ArrayList<>(args.get(1).equals("dot") ? List.of("bench") : List.of());
                topic.addAll(args.subList(1, args.size()));
                topic.add("--help");
                return run(topic, out, err);
            }
            out.print(HELP);
            return 0;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (command) {
                case "train" -> TrainCommand.run(rest, out, err);
                case "bench" -> BenchCommand.run(rest, out, err);
                case "fetch" -> FetchCommand.run(rest, out, err);
                default -> throw new UsageException(null, "unknown command '" + command
                        + "'; the commands are train, bench, fetch and help.");
            };
        } catch (UsageException e) {
            String prefix = e.command() == null ? "shapeprop: " : "shapeprop " + e.command() + ": ";
            err.println(prefix + e.getMessage());
            err.println(e.command() == null ? "Run 'shapeprop --help' for the commands."
                    : "Run 'shapeprop " + e.command() + " --help' for its options.");
            return 2;
        } catch (DataFileException e) {
            err.println("shapeprop " + command + ": " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException | IllegalStateException | TrainingDivergedException e) {
            // shape mistakes, sizes too large, diverged training, a failed numpy reference: the message says
            // what to do
            err.println("shapeprop " + command + ": " + e.getMessage());
            return 1;
        } catch (OutOfMemoryError e) {
            // the arrays that did not fit are garbage by now, so printing is safe
            err.println("shapeprop " + command + ": out of memory: the data and the network need more than the "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB Java may use. Give it more "
                    + "(SHAPEPROP_JAVA_OPTS=-Xmx4g bin/shapeprop …, or java -Xmx4g -jar …), or use fewer points or "
                    + "smaller layers.");
            return 1;
        }
    }
}
