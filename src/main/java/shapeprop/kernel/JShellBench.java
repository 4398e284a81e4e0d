package shapeprop.kernel;

import jdk.jshell.JShell;
import shapeprop.kernel.eval.Evaluator;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A reference for the kernel benchmark: how long JShell itself takes to evaluate a snippet in this JVM,
 * with no kernel around it ("bare", keeping every expression's $N variable as plain JShell does), and through
 * the kernel's Evaluator (snippet splitting, value capture, $N dropped). kernel/bench.py prints the bare time
 * next to JShell's time measured inside the kernel for each request.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp shapeprop-all.jar shapeprop.kernel.JShellBench
 * [repetitions] [snippet…]}; prints one line per snippet: {@code snippet<TAB>bare_ms<TAB>evaluator_ms}.
 */
public final class JShellBench {

    private JShellBench() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        List<String> snippets = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : List.of("1+1", "int x = 3;");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        String cp = CompilerClassPath.get(quiet);
        try (JShell bare = JShell.builder().executionEngine("local")
                .compilerOptions("--add-modules", "jdk.incubator.vector", "--class-path", cp)
                .out(quiet).err(quiet).build();
             Evaluator evaluator = EvaluatorStartup.create(quiet)) {
            for (String snippet : snippets) {
                double bareMs = median(reps, () -> bare.eval(snippet));
                double evalMs = median(reps, () -> evaluator.run(snippet, 0, snippet, 1));
                System.out.printf(Locale.ROOT, "%s\t%.2f\t%.2f%n", snippet, bareMs, evalMs);
            }
        }
        System.exit(0);
    }

    /** Median milliseconds of {@code reps} runs, after as many warm-up runs (JIT, javac caches). */
    static double median(int reps, Runnable r) {
        for (int i = 0; i < reps; i++) {
            r.run();
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            r.run();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        ms.sort(null);
        return ms.get(ms.size() / 2);
    }
}
