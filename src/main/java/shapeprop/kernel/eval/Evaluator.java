package shapeprop.kernel.eval;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Java evaluation for the kernel: a JShell that runs snippets inside the kernel's own JVM, so a cell's
 * result is a real object that the display renderers can turn into HTML or PNG.
 */
public final class Evaluator implements AutoCloseable {

    private final JShell shell;
    private final ValueCapturingControl control;
    private final CellSplitter splitter;
    private final SnippetLocations locations = new SnippetLocations();
    private final ErrorReports errors = new ErrorReports(locations);
    // Which wrapper class holds each variable's value: JShell keeps a variable in a static field of the class
    // generated for its declaration.
    private final Map<String, Class<?>> variableHolders = new ConcurrentHashMap<>();
    // What the running cell says at its end about variables its declarations reset or made unusable, by name:
    // at the end, because a later line of the cell may declare the variable again, and then there is nothing to say.
    private final Map<String, String> notes = new LinkedHashMap<>();
    // The running cell's declarations that JShell kept while they wait for a name not defined yet: said at the end
    // of the cell, because a later snippet of the cell may define it (a() calling b(), declared below it).
    private final List<DeclarationSnippet> waiting = new ArrayList<>();
    private Snippet notebookImports; // the start-up imports, as one snippet (see importAll)
    private String notebookImportsSource;
    // JDK 20 made Thread.stop throw; from then on JShell stops snippets with a flag its instrumented code checks
    private static final boolean THREAD_STOP_WORKS = Runtime.version().feature() < 20;
    // the exceptions with which a library call reports where an interrupt stopped it (a lineMagic("maven", …): that
    // nothing was added; Mnist.load: which download it cut off, and that the cache holds only verified files)
    private static final Set<String> STOP_REPORTS = Set.of("TrainingInterruptedException", "CancellationException",
            "MagicCallException", "FetchInterruptedException", "EvalCallException");
    /** How deep eval(…) may run inside eval(…): each level is a thread JShell starts and keeps until it ends. */
    static final int MAX_EVAL_DEPTH = 20;
    /** How long an interrupt waits for a cell to end by itself before JDK 17's Thread.stop ends it. */
    static final long STOP_GRACE_MILLIS = 200;
    private volatile boolean stopRequested;
    // JDK 17: the thread groups of the snippets before the running one, whose threads only the kernel can stop
    private volatile Set<ThreadGroup> earlierGroups = Set.of();
    private volatile boolean running;
    private volatile long cellNumber;
    private volatile int executionCount;
    private long jshellNanos;
    // eval(…) calls running inside the cell's snippet, one inside the other
    private int evalDepth;
    // JDK 17: the thread groups of the snippets that called eval(…) in this cell, which JShell's stop no longer
    // reaches once the eval ended (it stops the group of the snippet it started last)
    private final Set<ThreadGroup> evalCallers = ConcurrentHashMap.newKeySet();
    // the threads waiting inside eval(…) for the code it runs: an interrupt would end their wait, not that code
    private final Set<Thread> inEval = ConcurrentHashMap.newKeySet();

    /**
     * A JShell whose compiler sees {@code classPath} (the kernel's own: ShapeProp and its dependencies) and
     * the Vector API module; log receives JShell's own rare complaints.
     */
    public Evaluator(String classPath, List<String> compilerOptions, PrintStream log) {
        ValueCapturingControl.Provider provider = new ValueCapturingControl.Provider();
        this.shell = buildWithClassPath(classPath, JShell.builder()
                .executionEngine(provider, Map.of())
                .fileManager(ListedClassNames::new)
                .compilerOptions(compilerOptions.toArray(String[]::new))
                .out(log).err(log));
        // Not a --class-path compiler option: that would hide the jars %maven and %jars add later. This sets
        // the compiler's class path (JShell's default is only read lazily) and lets cells load from it.
        shell.addToClasspath(classPath);
        this.control = provider.control();
        // JShell's source analysis is made on first use (a cell of several lines, completion, inspection):
        // making it starts a background thread that indexes every class name of the JDK and the class path,
        // half a second of CPU that would compete with start-up, and with the JIT at shutdown. One-line cells
        // never need it.
        this.splitter = new CellSplitter(shell::sourceCodeAnalysis);
    }

    /**
     * JShell's compiler starts from the class path in {@code java.class.path} as it is while JShell is built,
     * and {@link JShell#addToClasspath} can only add to it. To give the compiler a class path other than the
     * JVM's own (see shapeprop.kernel.CompilerClassPath), the property holds it for the duration of the build.
     */
    private static JShell buildWithClassPath(String classPath, JShell.Builder builder) {
        String jvmClassPath = System.getProperty("java.class.path");
        if (classPath.equals(jvmClassPath)) {
            return builder.build();
        }
        System.setProperty("java.class.path", classPath);
        try {
            return builder.build();
        } finally {
            System.setProperty("java.class.path", jvmClassPath);
        }
    }

    public CellSplitter splitter() {
        return splitter;
    }

    /** JShell's source analysis (completion, documentation, completeness); the first call starts its indexing. */
    public SourceCodeAnalysis analysis() {
        return shell.sourceCodeAnalysis();
    }

    /**
     * Evaluates {@code code}, a part of {@code cell} starting at {@code offset}, snippet by snippet; stops at
     * the first error. {@code executionCount} labels stack frames ({@code cell [3] line 2}). At its end, the cell
     * says on System.err which of its declarations wait for a name that is still not defined, and which variables
     * its declarations reset or made unusable (see UpdateNotes).
     */
    public Outcome run(String cell, int offset, String code, int executionCount) {
        stopRequested = false;
        control.stopBeforeNextInvoke(false);
        cellNumber++;
        this.executionCount = executionCount;
        evalCallers.clear();
        running = true;
        notes.clear();
        waiting.clear();
        try {
            Outcome last = new Outcome.Silent();
            for (SnippetSource source : splitter.split(cell, offset, code)) {
                CellError leftOpen = errors.leftOpen(cell, source);
                if (leftOpen != null) {
                    return new Outcome.Failed(leftOpen);
                }
                last = evalOne(cell, source, executionCount, false);
                if (stopRequested) {
                    return new Outcome.Failed(errors.interrupted(stopDetail(last)));
                }
                if (last instanceof Outcome.Failed) {
                    return last;
                }
            }
            return last instanceof Outcome.Value value && value.text() == null ? valueText(value) : last;
        } finally {
            // on the cell's stderr, as the kernel's other notes: a warning about something the cell did
            waitingNotes().forEach(System.err::println);
            notes.values().forEach(System.err::println);
            running = false;
        }
    }

    /**
     * Runs {@code code} for the running cell's own code, as IJava's {@code eval(…)} does: in the same JShell, snippet
     * by snippet, while the cell's snippet that called it waits. Returns the last snippet's value, the variable's for
     * a declaration ({@code var z = 3} gives 3), null for a statement; a compile error, an exception, or an
     * interrupt is thrown as an EvalCallException that names the code. What the code declares is there for the
     * cell's next snippets and later cells; its output is the cell's; notes about its declarations come at the
     * cell's end, with the cell's own. Its value is not shown: the cell decides what to do with it.
     *
     * <p>JShell runs the cell's snippet on a thread of its own and waits for it, so this thread may use JShell
     * (JShell then starts a thread for each snippet of {@code code}, and waits for that); any other thread,
     * one the cell started, could run into the cell's own use of JShell, and is refused.
     */
    Object evalFromCell(String code) {
        String call = "eval(" + quoted(code) + ")";
        if (!running || !ValueCapturingControl.onSnippetThread()) {
            throw new IllegalStateException(call + ": eval runs code in the notebook's JShell, which runs one piece "
                    + "of code at a time, so it can only be called by a cell's own code while the cell runs, not from "
                    + "a thread the cell started" + (running ? "" : " or code that runs after the cell ended")
                    + ". Call eval in the cell itself, or run the code in a cell of its own.");
        }
        if (evalDepth >= MAX_EVAL_DEPTH) {
            throw new EvalCallException(call + ": eval is running inside " + evalDepth + " other eval calls; code "
                    + "that calls itself through eval never ends. Call a method of yours directly instead.", null);
        }
        if (stopRequested) {
            throw new EvalCallException(call + ": not run, the kernel is stopping the cell on your request.", null);
        }
        if (THREAD_STOP_WORKS) {
            evalCallers.add(Thread.currentThread().getThreadGroup());
        }
        evalDepth++;
        inEval.add(Thread.currentThread());
        try {
            Outcome last = new Outcome.Silent();
            for (SnippetSource source : splitter.split(code, 0, code)) {
                CellError leftOpen = errors.leftOpen(code, source);
                if (leftOpen != null) {
                    throw failed(call, leftOpen, null);
                }
                control.forgetThrown(); // a snippet that does not compile runs nothing, and throws nothing
                last = evalOne(code, source, executionCount, true);
                if (last instanceof Outcome.Failed && control.thrown() instanceof EvalCallException inner) {
                    throw inner; // an eval inside the code failed or was stopped: its message says which and how
                }
                if (stopRequested) {
                    String detail = stopDetail(last);
                    throw new EvalCallException(call + ": stopped on your request"
                            + (detail == null ? "" : "; " + detail), null);
                }
                if (last instanceof Outcome.Failed failure) {
                    Throwable thrown = control.thrown();
                    throw failed(call, failure.error(), failure.error().ename().equals("UnresolvedReferenceException")
                            ? null : thrown);
                }
            }
            return last instanceof Outcome.Value value ? value.object() : null;
        } finally {
            inEval.remove(Thread.currentThread());
            evalDepth--;
        }
    }

    /** The exception eval(…) throws for its code's {@code error}: the call, what went wrong, and what to do. */
    private static EvalCallException failed(String call, CellError error, Throwable thrown) {
        String message = switch (error.ename()) {
            case "CompilationException" -> call + " did not compile: " + error.evalue()
                    + ". Correct the code in the string given to eval.";
            case "UnresolvedReferenceException", "JShellError" -> call + " could not run: " + error.evalue();
            default -> call + " threw " + error.ename() + (error.evalue().isEmpty() ? "" : ": " + error.evalue())
                    + ". The code ran up to there; fix it, or catch the exception around eval(…) to go on.";
        };
        return new EvalCallException(message, thrown);
    }

    /** {@code code} as a Java string literal, cut after 60 characters: the eval call as the cell wrote it. */
    static String quoted(String code) {
        if (code == null) {
            return "null";
        }
        String shown = code.length() > 60 ? code.substring(0, 57) : code;
        StringBuilder b = new StringBuilder("\"");
        for (char c : shown.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c < ' ' ? String.format("\\%03o", (int) c) : String.valueOf(c));
            }
        }
        return b.append(code.length() > 60 ? "…\"" : "\"").toString();
    }

    /** Whether JShell kept a declaration that waits for names not defined yet. */
    private static boolean waitsForNames(Snippet.Status status) {
        return status == Snippet.Status.RECOVERABLE_DEFINED || status == Snippet.Status.RECOVERABLE_NOT_DEFINED;
    }

    /**
     * For each declaration of the cell that JShell kept although its code uses a name not defined (see
     * {@link #waiting}) and that still waits at the cell's end: which names it waits for. A later cell that
     * defines them says nothing more; JShell makes the declaration usable then.
     */
    private List<String> waitingNotes() {
        List<String> said = new ArrayList<>();
        for (DeclarationSnippet declared : waiting) {
            Snippet.Status status = shell.status(declared);
            if (waitsForNames(status)) {
                List<String> missing = shell.unresolvedDependencies(declared).toList();
                if (!missing.isEmpty()) {
                    said.add(ErrorReports.declaredWaiting(declared, missing));
                }
            }
        }
        return said;
    }

    /**
     * The cell's value when JShell could not turn it into text: its toString() threw (a StackOverflowError
     * of objects that lead back to themselves) or returned null. JShell gives no text then, and the kernel's
     * renderers would call the same toString() again. One more try tells which: the text if it works now,
     * otherwise an error that says why the value cannot be shown.
     */
    private Outcome valueText(Outcome.Value value) {
        Object object = value.object();
        String text;
        try {
            text = object instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(object);
        } catch (Throwable failure) {
            // a StackOverflowError included: the deep stack is gone once it arrives here
            return new Outcome.Failed(errors.valueNotShown(object, failure, value.source()));
        }
        if (text == null) {
            return new Outcome.Failed(errors.valueNotShown(object, null, value.source()));
        }
        return new Outcome.Value(object, WrapperNames.strip(text), value.source());
    }

    /**
     * What a library call that saw the interrupt said about where it stopped: Network.fit's
     * TrainingInterruptedException (the step whose weights the network keeps), GradientCheck's
     * CancellationException. Null for any other ending.
     */
    private static String stopDetail(Outcome last) {
        if (last instanceof Outcome.Failed failed && STOP_REPORTS.contains(failed.error().ename())
                && !failed.error().evalue().isEmpty()) {
            return failed.error().evalue();
        }
        return null;
    }

    /**
     * Nanoseconds spent inside {@code JShell.eval} since the last call: JShell's own share of a cell's time,
     * which the benchmark sets apart from what the kernel adds.
     */
    public long takeJShellNanos() {
        long n = jshellNanos;
        jshellNanos = 0;
        return n;
    }

    /** Evaluates one start-up snippet (an import); false if JShell rejected it. */
    public boolean runQuietly(String snippet) {
        List<SnippetEvent> events = shell.eval(snippet);
        boolean ok = !events.isEmpty() && events.get(0).status() != Snippet.Status.REJECTED
                && events.get(0).exception() == null;
        if (!ok && !events.isEmpty()) {
            shell.drop(events.get(0).snippet());
        }
        return ok;
    }

    /**
     * Imports what every notebook has in scope (start-up), in one JShell snippet where JShell takes it: one
     * compilation instead of one per import, a fifth of a second less at every kernel start. JShell documents
     * one import per snippet, but takes several and puts the snippet's whole text into every later wrapper;
     * the snippet is known by its first import, so a cell importing that same package again would replace
     * them all, and they are imported again then. If JShell rejects the joint snippet, each import is
     * evaluated on its own. Returns the imports JShell rejected (each on its own).
     */
    public List<String> importAll(List<String> imports) {
        String joint = String.join(" ", imports);
        List<SnippetEvent> events = shell.eval(joint);
        if (!events.isEmpty() && events.get(0).status() == Snippet.Status.VALID
                && events.get(0).snippet() instanceof jdk.jshell.ImportSnippet) {
            notebookImports = events.get(0).snippet();
            notebookImportsSource = joint;
            return List.of();
        }
        if (!events.isEmpty()) {
            shell.drop(events.get(0).snippet());
        }
        return imports.stream().filter(i -> !runQuietly(i)).toList();
    }

    /** A cell that imported the first of the notebook's imports again replaced them all: bring the rest back. */
    private void keepNotebookImports() {
        if (notebookImports != null && !shell.status(notebookImports).isActive()) {
            List<SnippetEvent> events = shell.eval(notebookImportsSource);
            notebookImports = events.isEmpty() ? null : events.get(0).snippet();
        }
    }

    /**
     * Evaluates one snippet of a cell, or of the code an {@code eval(…)} of the cell runs ({@code fromEval}): then
     * the cell's snippet is still inside JShell.eval, and the classes it loaded and its time are its own; a declared
     * variable's value is the snippet's value, as IJava's eval gives it.
     */
    private Outcome evalOne(String cell, SnippetSource source, int executionCount, boolean fromEval) {
        long t = System.nanoTime();
        List<SnippetEvent> events;
        if (!fromEval) {
            control.forgetLoaded();
        }
        if (THREAD_STOP_WORKS) {
            // JShell runs this snippet in a thread group of its own, made inside eval: every group alive now is
            // an earlier snippet's (for an eval's snippet, the cell's from before the eval are too)
            Set<ThreadGroup> earlier = groups(jshellThreads());
            if (fromEval) {
                earlier.addAll(earlierGroups);
            }
            earlierGroups = earlier;
        }
        try {
            events = shell.eval(source.code());
        } catch (Throwable failure) {
            // JShell's own bug, not the cell's: whatever it is, the cell must end with an error and a reply
            return new Outcome.Failed(errors.jshellFailed(source, failure));
        } finally {
            if (!fromEval) {
                jshellNanos += System.nanoTime() - t;
            }
        }
        keepNotebookImports();
        SnippetEvent main = null;
        for (SnippetEvent e : events) {
            int line = e.causeSnippet() == null ? source.line() : 1;
            if (fromEval) {
                locations.rememberEvaluated(e.snippet().id(), executionCount, line);
            } else {
                locations.remember(e.snippet().id(), executionCount, line);
            }
            if (e.causeSnippet() == null && main == null) {
                main = e;
            }
        }
        for (SnippetEvent e : events) {
            // a variable whose declaration JShell compiled again because of this snippet (see UpdateNotes)
            if (e.causeSnippet() != null && e.snippet() instanceof VarSnippet var) {
                rehome(var, e);
                String note = UpdateNotes.of(shell, var, e, main == null ? e.causeSnippet() : main.snippet());
                if (note != null) {
                    notes.put(var.name(), note);
                }
            }
        }
        if (main == null) {
            return new Outcome.Silent();
        }
        Snippet snippet = main.snippet();
        if (snippet instanceof VarSnippet var && main.status() != Snippet.Status.REJECTED) {
            notes.remove(var.name()); // declared again: whatever happened to the one it replaces no longer matters
        }
        if (main.status() == Snippet.Status.REJECTED) {
            List<Diag> diags = shell.diagnostics(snippet).toList();
            return new Outcome.Failed(errors.compileError(cell, source, diags));
        }
        if (snippet instanceof DeclarationSnippet declared && waitsForNames(main.status())) {
            waiting.add(declared);
        }
        JShellException exception = main.exception();
        if (exception != null && snippet instanceof VarSnippet var) {
            // the declaration replaced the variable although its initializer threw: it holds its default value
            rehome(var, main);
        }
        if (exception instanceof UnresolvedReferenceException unresolved) {
            List<String> missing = shell.unresolvedDependencies(unresolved.getSnippet()).toList();
            return new Outcome.Failed(errors.unresolved(unresolved, missing));
        }
        if (exception != null) {
            return new Outcome.Failed(errors.runtimeError(exception));
        }
        Class<?> wrapper = control.lastInvokedClass();
        String text = control.valueTextFailed() ? null : main.value(); // null: see valueText
        if (snippet instanceof VarSnippet var) {
            if (wrapper != null) {
                variableHolders.put(var.name(), wrapper);
            }
            if (var.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                Object value = wrapper == null ? null : ValueCapturingControl.staticField(wrapper, var.name());
                // JShell keeps every expression's value as a variable ($1, $2, …) that each later snippet
                // imports and javac re-reads, so every cell would get slower than the one before. The kernel
                // already holds the value, and notebooks never name these variables: let it go.
                shell.drop(var);
                return new Outcome.Value(value, text, source.code());
            }
            if (fromEval) {
                return new Outcome.Value(wrapper == null ? null : ValueCapturingControl.staticField(wrapper,
                        var.name()), text, source.code());
            }
        } else if (snippet instanceof ExpressionSnippet expr
                && expr.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND) {
            Class<?> holder = variableHolders.get(expr.name());
            return new Outcome.Value(holder == null ? null : ValueCapturingControl.staticField(holder, expr.name()),
                    text, source.code());
        }
        return new Outcome.Silent();
    }

    /**
     * Keeps {@link #variableHolders} true to JShell after {@code event} changed {@code var} without running its
     * initializer: a variable JShell compiled again lives in a new wrapper class (at its default value), one that
     * is replaced or can no longer be used has none. Reading the old class would show the old object, the one
     * JShell no longer has. A holder the kernel cannot find is forgotten: the value then shows as JShell's text.
     */
    private void rehome(VarSnippet var, SnippetEvent event) {
        Class<?> holder = event.status().isDefined() ? control.loadedHolderOf(var.name()) : null;
        if (holder != null) {
            variableHolders.put(var.name(), holder);
        } else if (event.isSignatureChange() || !event.status().isDefined()) {
            variableHolders.remove(var.name());
        }
    }

    /**
     * Stops the running cell (from another thread). Every thread that cells started is interrupted, which wakes a
     * cell blocked in sleep(), wait() or I/O and ends {@code Network.fit} between two steps. On JDK 20+ JShell's
     * own stop comes first: its instrumented snippet code checks a flag at every loop back-edge. On JDK 17, where
     * JShell stops threads with Thread.stop (which can leave half-updated objects behind), the interrupt comes
     * first, and the forceful stop only after {@value #STOP_GRACE_MILLIS} ms, for the cell if it still runs and
     * for the cells' threads that are still running.
     */
    public void stop() {
        stopRequested = true;
        control.stopBeforeNextInvoke(true);
        if (!running) {
            return; // nothing to stop (jupyter_client interrupts before every shutdown)
        }
        List<Thread> threads = jshellThreads();
        // Not a snippet waiting in eval(…) for the code it runs: the interrupt would end the wait and leave that
        // code running, with nothing left to stop it once the cell ended. Stopping the code ends the wait.
        List<Thread> interruptible = threads.stream().filter(t -> !inEval.contains(t)).toList();
        if (!THREAD_STOP_WORKS) {
            // the loop flag first (JShell's stop raises it only while a snippet runs, so between two snippets of
            // the cell the kernel raises it itself), then the interrupts: an interrupted join or sleep ends the
            // snippet at once, and the threads the cell started must already see the flag
            shell.stop();
            control.stopLoops();
            interruptible.forEach(Thread::interrupt);
            return;
        }
        interruptible.forEach(Thread::interrupt);
        long cell = cellNumber;
        Thread forceful = new Thread(() -> {
            try {
                Thread.sleep(STOP_GRACE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (running && cellNumber == cell) {
                try {
                    shell.stop();
                } catch (IllegalStateException e) {
                    return; // the JShell was closed meanwhile (shutdown): nothing runs any more
                }
            }
            // The kernel runs a cell snippet by snippet, each on a thread of a new JShell thread group, and
            // JShell stops only the running snippet's group: a thread an earlier snippet started (var t = new
            // Thread(() -> { while (true) {} }); t.start(); t.join();) would spin on after the join ended. Only
            // those are stopped here, not the running snippet's threads a second time: a second ThreadDeath would
            // hit the cell's own catch of the first (Network.fit turns the first into a TrainingInterruptedException).
            // The same for the snippet that called eval(…): JShell's stop is for the snippet it started last, the
            // eval's, and once that ended it stops nothing (a loop after the eval would spin on).
            Set<ThreadGroup> earlier = earlierGroups;
            for (Thread t : threads) {
                if (t.getState() == Thread.State.RUNNABLE && (earlier.contains(t.getThreadGroup())
                        || evalCallers.contains(t.getThreadGroup()))) {
                    stopThread(t);
                }
            }
        }, "shapeprop-stop");
        forceful.setDaemon(true);
        forceful.start();
    }

    /** The live threads of JShell's execution thread groups: the cells' threads and those they started. */
    private static List<Thread> jshellThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        List<Thread> found = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ThreadGroup g = threads[i].getThreadGroup();
            if (g != null && g.getName().startsWith("JShell") && threads[i] != Thread.currentThread()) {
                found.add(threads[i]);
            }
        }
        return found;
    }

    private static Set<ThreadGroup> groups(List<Thread> threads) {
        Set<ThreadGroup> groups = new HashSet<>();
        for (Thread t : threads) {
            ThreadGroup g = t.getThreadGroup();
            if (g != null) {
                groups.add(g);
            }
        }
        return groups;
    }

    /** Thread.stop, which JDK 17-19 still have. */
    @SuppressWarnings("deprecation")
    private static void stopThread(Thread t) {
        t.stop();
    }

    public void addToClasspath(String path) {
        shell.addToClasspath(path);
    }

    /** Completions at {@code cursor}: [anchor, continuations...]. */
    public Completions complete(String code, int cursor) {
        int start = snippetStart(code, cursor);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                analysis().completionSuggestions(code.substring(start, cursor), cursor - start, anchor);
        Set<String> matches = new LinkedHashSet<>();
        // Suggestions matching the expected type first, as JShell's own tool lists them.
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        return new Completions(List.copyOf(matches), start + anchor[0], cursor);
    }

    /** Signatures and javadoc of what is at {@code cursor}, or an empty list. */
    public List<SourceCodeAnalysis.Documentation> documentation(String code, int cursor) {
        int start = snippetStart(code, cursor);
        String before = code.substring(start, cursor);
        List<SourceCodeAnalysis.Documentation> docs = analysis().documentation(before, before.length(), true);
        if (docs.isEmpty() && !before.endsWith("(")) {
            // JShell documents a method at its call's parenthesis; "Math.max" with the cursor after the
            // name is the usual Shift+Tab position in a notebook.
            docs = analysis().documentation(before + "(", before.length() + 1, true);
        }
        return docs;
    }

    /** Where the snippet containing {@code cursor} begins: JShell's analysis looks at one snippet. */
    private int snippetStart(String code, int cursor) {
        List<SnippetSource> pieces = splitter.split(code, 0, code.substring(0, cursor));
        return pieces.isEmpty() ? cursor : pieces.get(pieces.size() - 1).offset();
    }

    /** The declarations made so far, for tests and diagnostics. */
    public long snippetCount() {
        return shell.snippets().count();
    }

    @Override
    public void close() {
        shell.close();
    }

    @Override
    public String toString() {
        return "Evaluator[JShell in-process, " + snippetCount() + " snippets]";
    }
}
