package shapeprop.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import shapeprop.kernel.display.MimeBundle;
import shapeprop.kernel.display.Renderers;
import shapeprop.kernel.eval.CellError;
import shapeprop.kernel.eval.Evaluator;
import shapeprop.kernel.eval.Outcome;
import shapeprop.kernel.io.NotebookInputStream;
import shapeprop.kernel.magic.CellParts;
import shapeprop.kernel.magic.InlineMagics;
import shapeprop.kernel.magic.MagicException;
import shapeprop.kernel.magic.MagicHost;
import shapeprop.kernel.magic.Magics;
import shapeprop.kernel.magic.MavenResolver;
import shapeprop.kernel.protocol.Message;
import shapeprop.viz.PlotlyJs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs one {@code execute_request}: announces the input, runs the cell's magics and Java snippets in order,
 * shows the last expression's value (rendered richly) or the error, and builds the reply.
 */
final class CellRunner implements MagicHost {

    private final Supplier<Evaluator> evaluator;
    private final Outputs outputs;
    private final StdinChannel stdin;
    private final NotebookInputStream in;
    private final History history;
    private final Magics magics;
    private int executionCount;
    private String currentCell = "";
    private JsonObject timing = new JsonObject();
    private boolean plotlyPrepared;

    CellRunner(Supplier<Evaluator> evaluator, Outputs outputs, StdinChannel stdin, NotebookInputStream in,
               History history) {
        this.evaluator = evaluator;
        this.outputs = outputs;
        this.stdin = stdin;
        this.in = in;
        this.history = history;
        this.magics = new Magics(this, new MavenResolver(MavenResolver.defaultLocalRepository()));
    }

    int executionCount() {
        return executionCount;
    }

    /**
     * Where the last cell's time went, for the execute_reply's metadata: milliseconds inside JShell's eval,
     * and in the whole cell (magics, evaluation, rendering, output); the kernel adds the time from receiving
     * the request to sending the reply. kernel/bench.py reads them.
     */
    JsonObject timing() {
        return timing;
    }

    /** The id JupyterLab and Notebook 7 give the cell in the request's metadata; null from classic Notebook. */
    private static String cellId(Message request) {
        JsonObject metadata = request.metadata();
        return metadata != null && metadata.has("cellId") && metadata.get("cellId").isJsonPrimitive()
                ? metadata.get("cellId").getAsString() : null;
    }

    /** Runs the request's code and returns the execute_reply content. */
    JsonObject execute(Message request) {
        String code = request.text("code", "");
        boolean silent = request.flag("silent", false);
        boolean store = request.flag("store_history", !silent) && !silent;
        if (store) {
            executionCount++;
        }
        outputs.startCell(request);
        stdin.startCell(request);
        Renderers.global().cellStarted(cellId(request));
        in.discard();
        if (!silent) {
            outputs.publish("execute_input", Json.object("code", code, "execution_count", executionCount));
        }
        long t0 = System.nanoTime();
        evaluator.get().takeJShellNanos();
        Outcome outcome = run(code);
        long t1 = System.nanoTime();
        JsonObject reply = finish(outcome, silent, store, userExpressions(request));
        long t2 = System.nanoTime();
        double jshellMs = evaluator.get().takeJShellNanos() / 1e6;
        timing = Json.object("jshell_eval_ms", jshellMs, "cell_ms", (t2 - t0) / 1e6);
        if (StartupTrace.on()) {
            StartupTrace.mark(String.format(java.util.Locale.ROOT,
                    "cell evaluated in %.2f ms (JShell eval %.2f ms), output in %.2f ms",
                    (t1 - t0) / 1e6, jshellMs, (t2 - t1) / 1e6));
        }
        if (!plotlyPrepared) {
            // plotly.js for the first figure, packed while the learner reads this cell's result rather than
            // during start-up, where it would delay the first result
            plotlyPrepared = true;
            PlotlyJs.prepareInBackground();
        }
        return reply;
    }

    /** The request's user_expressions: a name for each expression to evaluate after the cell, or none. */
    private static Map<String, String> userExpressions(Message request) {
        Map<String, String> expressions = new LinkedHashMap<>();
        JsonElement requested = request.content().get("user_expressions");
        if (requested != null && requested.isJsonObject()) {
            requested.getAsJsonObject().entrySet().forEach(e -> expressions.put(e.getKey(),
                    e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString()));
        }
        return expressions;
    }

    /**
     * Evaluates user_expressions after a cell that succeeded, as ipykernel does (front-ends use them to read state
     * without showing anything): each name gets the expression's MIME bundle, or its error.
     */
    private JsonObject evaluateUserExpressions(Map<String, String> expressions) {
        JsonObject results = new JsonObject();
        expressions.forEach((name, code) -> {
            // in parentheses, so that only an expression compiles: a declaration would define a variable
            String expression = "(" + code.strip().replaceAll(";+$", "") + ")";
            Outcome o = evaluator.get().run(expression, 0, expression, executionCount);
            if (o instanceof Outcome.Value value) {
                JsonObject content = Outputs.bundleContent(Renderers.global().render(value.object(), value.text()),
                        null);
                content.addProperty("status", "ok");
                results.add(name, content);
            } else {
                CellError e = o instanceof Outcome.Failed failed ? failed.error() : new CellError("NotAnExpression",
                        "'" + code + "' gives no value; user_expressions need expressions such as x or W.shape()",
                        List.of("'" + code + "' gives no value"));
                results.add(name, Json.object("status", "error", "ename", e.ename(), "evalue", e.evalue(),
                        "traceback", Json.strings(e.traceback())));
            }
        });
        return results;
    }

    /** Shows the outcome (its value or its error) and builds the reply. */
    private JsonObject finish(Outcome outcome, boolean silent, boolean store, Map<String, String> expressions) {
        JsonObject userExpressions = outcome instanceof Outcome.Failed || expressions.isEmpty() ? new JsonObject()
                : evaluateUserExpressions(expressions);
        outputs.endCell();
        if (store) {
            history.add(executionCount, currentCell);
        }
        if (outcome instanceof Outcome.Failed failed) {
            CellError e = failed.error();
            outputs.publish("error", Json.object("ename", e.ename(), "evalue", e.evalue(),
                    "traceback", Json.strings(e.traceback())));
            return Json.object("status", "error", "execution_count", executionCount, "ename", e.ename(),
                    "evalue", e.evalue(), "traceback", Json.strings(e.traceback()));
        }
        if (outcome instanceof Outcome.Value value && !silent && !isDisplayCall(value.source())
                && !(value.object() == null && isNullForNothingCall(value.source()))) {
            MimeBundle bundle = Renderers.global().render(value.object(), value.text());
            outputs.result(executionCount, bundle);
        }
        return Json.object("status", "ok", "execution_count", executionCount,
                "user_expressions", userExpressions, "payload", new com.google.gson.JsonArray());
    }

    /**
     * {@code display(x)} returns its display id for {@code updateDisplay}; as a cell's last line it is a
     * statement, and echoing the id under the display would only confuse.
     */
    static boolean isDisplayCall(String source) {
        return DISPLAY_CALL.matcher(source.strip()).matches();
    }

    private static final java.util.regex.Pattern DISPLAY_CALL =
            java.util.regex.Pattern.compile("(?s)display\\s*\\(.*\\)\\s*;?");

    /**
     * {@code cellMagic("html", List.of(), "<b>x</b>")} or {@code eval("System.out.println(x)")} as a cell's last
     * line: what it does is the output, and the null it returns for "no value" (every magic but %jars and
     * %classpath; eval of a statement) is not shown under it, as IJava shows no null.
     */
    static boolean isNullForNothingCall(String source) {
        return NULL_FOR_NOTHING_CALL.matcher(source.strip()).matches();
    }

    private static final java.util.regex.Pattern NULL_FOR_NOTHING_CALL =
            java.util.regex.Pattern.compile("(?s)(lineMagic|cellMagic|eval)\\s*\\(.*\\)\\s*;?");

    private Outcome run(String cell) {
        currentCell = cell;
        return runParts(cell);
    }

    /**
     * The code and magics of a cell, or of a file %load runs, in their order, up to the first that fails. A magic
     * the code calls ({@code x = %jars …}) runs as IJava's {@code lineMagic} call, written into the code line for
     * line: errors point into that code, so a mistake on such a line shows the call the magic stands for.
     */
    private Outcome runParts(String source) {
        Outcome last = new Outcome.Silent();
        String runnable = InlineMagics.toCalls(source);
        List<CellParts.Part> parts;
        try {
            parts = CellParts.split(runnable);
        } catch (IllegalArgumentException e) {
            return magicFailure(e.getMessage());
        }
        for (CellParts.Part part : parts) {
            if (part instanceof CellParts.Code code) {
                last = evaluator.get().run(runnable, code.offset(), code.text(), executionCount);
            } else if (part instanceof CellParts.MagicPart m) {
                try {
                    last = magics.run(m.magic());
                } catch (MagicException e) {
                    return magicFailure(e.getMessage());
                }
            }
            if (last instanceof Outcome.Failed) {
                return last;
            }
        }
        return last;
    }

    /** The magics, which the cells' code calls too ({@code lineMagic}, see MagicCalls). */
    Magics magics() {
        return magics;
    }

    /** The kernel's interrupt, for the part of a cell that is not JShell's: a {@code %maven} stops waiting. */
    void interruptMagic() {
        magics.interrupt();
    }

    private static Outcome magicFailure(String message) {
        return new Outcome.Failed(new CellError("MagicError", message,
                List.of("\u001b[1;31mMagic failed\u001b[0m: " + message)));
    }

    @Override
    public void addToClasspath(String path) {
        evaluator.get().addToClasspath(path);
    }

    @Override
    public Outcome runCode(String code) {
        // a %load-ed file may hold magics too (%jars, %maven), as a cell may
        return runParts(code);
    }

    @Override
    public void show(String mime, String text) {
        outputs.display(MimeBundle.text(text).put(mime, text), java.util.UUID.randomUUID().toString());
    }

    @Override
    public void say(String text) {
        System.out.println(text);
    }

    @Override
    public String toString() {
        return "CellRunner[" + executionCount + " cells run, current: "
                + currentCell.lines().findFirst().orElse("") + "]";
    }
}
