package shapeprop.kernel;

import shapeprop.kernel.display.Renderers;
import shapeprop.kernel.eval.Evaluator;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Creates the JShell while the sockets come up: compiling the start-up imports warms javac, so the
 * first cell does not pay for it. What a notebook has in scope is listed here.
 */
final class EvaluatorStartup {

    /**
     * Imported in every notebook, like JShell's own defaults. Not IJava's java.util.prefs.*: every extra package costs
     * start-up (0.15 s to the first result, measured) for a class that notebooks hardly use.
     */
    static final List<String> JAVA_IMPORTS = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*",
            "java.util.concurrent.*", "java.util.function.*", "java.util.regex.*",
            "java.util.stream.*");
    /** ShapeProp's packages; one that is not in this build is skipped. */
    static final List<String> SHAPEPROP_PACKAGES = List.of(
            "shapeprop.matrix", "shapeprop.nn", "shapeprop.data", "shapeprop.viz");
    /** display, render, updateDisplay, clearOutput, html, markdown, latex, printf (IJava's notebook functions). */
    static final String DISPLAY_FUNCTIONS = "import static shapeprop.kernel.display.Display.*;";
    /** lineMagic, cellMagic (IJava's magics as Java methods; {@code x = %jars …} calls lineMagic). */
    static final String MAGIC_FUNCTIONS = "import static shapeprop.kernel.magic.MagicCalls.*;";
    /** eval (IJava's: runs code given as text in the notebook's JShell, from a cell's code). */
    static final String EVAL_FUNCTION = "import static shapeprop.kernel.eval.EvalCalls.*;";

    private final CompletableFuture<Evaluator> evaluator = new CompletableFuture<>();
    private volatile boolean awaited;

    private EvaluatorStartup() {
    }

    /** Starts JShell on its own thread; {@link #await()} gives it when ready. */
    static EvaluatorStartup start(PrintStream log) {
        EvaluatorStartup startup = new EvaluatorStartup();
        Thread t = new Thread(() -> {
            try {
                startup.evaluator.complete(create(log, () -> startup.awaited));
            } catch (Throwable e) {
                log.println("[shapeprop kernel] JShell failed to start: " + e);
                e.printStackTrace(log);
                startup.evaluator.completeExceptionally(e);
            }
        }, "shapeprop-jshell-startup");
        t.setDaemon(true);
        t.start();
        return startup;
    }

    boolean isReady() {
        return evaluator.isDone();
    }

    /**
     * The evaluator, waiting for the start-up to finish if need be. Someone waiting (the first cell, sent the
     * moment the kernel answered) makes the start-up skip its warm-up expression: that cell warms the same
     * path, and would otherwise wait for both.
     */
    Evaluator await() {
        if (!evaluator.isDone()) {
            awaited = true;
        }
        return evaluator.join();
    }

    /** A fully warmed evaluator, for the CDS training run and the benchmark. */
    static Evaluator create(PrintStream log) {
        return create(log, () -> false);
    }

    static Evaluator create(PrintStream log, BooleanSupplier cellWaiting) {
        Evaluator evaluator = new Evaluator(CompilerClassPath.get(log),
                List.of("--add-modules", "jdk.incubator.vector"), log);
        StartupTrace.mark("JShell created");
        // The display functions first: JShell knows the joint import snippet by its first import, which a
        // notebook is least likely to write again (see Evaluator.importAll).
        List<String> imports = new ArrayList<>();
        imports.add(DISPLAY_FUNCTIONS);
        imports.add(MAGIC_FUNCTIONS);
        imports.add(EVAL_FUNCTION);
        for (String pkg : JAVA_IMPORTS) {
            imports.add("import " + pkg + ";");
        }
        for (String pkg : SHAPEPROP_PACKAGES) {
            // Guarded: a package that does not exist (yet) would make the import a compile error.
            if (ClassLoader.getSystemResource(pkg.replace('.', '/')) != null) {
                imports.add("import " + pkg + ".*;");
            }
        }
        for (String rejected : evaluator.importAll(imports)) {
            log.println("[shapeprop kernel] not in scope in notebooks: " + rejected + " failed");
        }
        StartupTrace.mark("imports compiled");
        if (cellWaiting.getAsBoolean()) {
            StartupTrace.mark("expression path left for the waiting cell to warm");
        } else {
            // One expression through javac's whole pipeline and the kernel's (its value is read, then JShell's
            // $1 for it dropped), so the first cell finds them warm.
            String warm = "String.valueOf(1 + 1)";
            evaluator.run(warm, 0, warm, 0);
            StartupTrace.mark("expression path warmed");
        }
        // Loads the renderer classes (Matrix, Tablesaw) now rather than at the first result.
        Renderers.global();
        StartupTrace.mark("renderers loaded");
        return evaluator;
    }
}
