package shapeprop.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import jdk.jshell.SourceCodeAnalysis;
import shapeprop.kernel.display.Display;
import shapeprop.kernel.eval.Completeness;
import shapeprop.kernel.eval.Completions;
import shapeprop.kernel.eval.EvalCalls;
import shapeprop.kernel.io.NotebookInputStream;
import shapeprop.kernel.magic.MagicCalls;
import shapeprop.kernel.magic.MagicSpans;
import shapeprop.kernel.protocol.Message;
import shapeprop.kernel.protocol.Transport;
import shapeprop.kernel.protocol.Transport.Channel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernel: answers shell requests one at a time on the shell thread, and control requests (interrupt,
 * shutdown) on their own thread so they work while a cell runs. Every request is wrapped in IOPub
 * {@code busy} … {@code idle} status messages.
 */
public final class Kernel {

    /** Frames of the kernel's own stack shown in a kernel error (a StackOverflowError has a thousand). */
    private static final int KERNEL_ERROR_FRAMES = 12;

    private final Transport transport;
    private final EvaluatorStartup evaluator;
    private final PrintStream log;
    private final Outputs outputs;
    private final StdinChannel stdin;
    private final CellRunner runner;
    private final History history = new History();
    private long shellRequestSince; // shell thread only: when the request being handled was received
    /** The request each channel's thread answered last: a failure after the reply must not answer twice. */
    private final Map<Channel, Message> lastAnswered = new ConcurrentHashMap<>();

    Kernel(Transport transport, EvaluatorStartup evaluator, PrintStream log, long outputLimit) {
        this.transport = transport;
        this.evaluator = evaluator;
        this.log = log;
        this.outputs = new Outputs(transport, outputLimit);
        this.stdin = new StdinChannel(transport, outputs);
        NotebookInputStream in = new NotebookInputStream(stdin);
        this.runner = new CellRunner(evaluator::await, outputs, stdin, in, history);
        outputs.captureSystemStreams();
        System.setIn(in);
        Display.connect(outputs);
        MagicCalls.connect(runner.magics());
        EvalCalls.connect(evaluator::await);
    }

    /** Serves until a shutdown request; then closes the sockets and returns. */
    public void run() {
        transport.startHeartbeat();
        outputs.publish("status", Json.object("execution_state", "starting"));
        Thread control = new Thread(() -> serve(Channel.CONTROL), "shapeprop-control");
        control.setDaemon(true);
        control.start();
        serve(Channel.SHELL);
        // The shell loop ends when shutdown closes the sockets; the control thread finishes the exit.
        try {
            control.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(Channel channel) {
        Transport.surviveOutOfMemory(() -> {
            Message request;
            while ((request = transport.receive(channel)) != null) {
                handleFramed(channel, request);
            }
        }, "shapeprop-" + channel.name().toLowerCase(java.util.Locale.ROOT), log);
    }

    /** Handles one request between busy and idle status messages. */
    private void handleFramed(Channel channel, Message request) {
        if (channel == Channel.SHELL) {
            shellRequestSince = System.nanoTime();
        }
        outputs.publish("status", Json.object("execution_state", "busy"), request);
        try {
            answer(channel, request);
        } finally {
            outputs.publish("status", Json.object("execution_state", "idle"), request);
        }
    }

    /**
     * Handles one request, and answers it even when the kernel fails doing so: a front-end waits for the reply
     * to every request it sends (a cell without its execute_reply shows [*] forever). The failure is logged,
     * answered with status error, and the kernel keeps serving.
     */
    private void answer(Channel channel, Message request) {
        try {
            handle(channel, request);
        } catch (Throwable e) {
            logFailure(request, e);
            if (lastAnswered.get(channel) != request && request.type().endsWith("_request")) {
                replyFailure(channel, request, e);
            }
        }
    }

    private void logFailure(Message request, Throwable failure) {
        log.println("[shapeprop kernel] " + request.type() + " failed: " + failure);
        failure.printStackTrace(log);
    }

    /** The error reply to a request whose handler failed; an execute_request also shows the error in the cell. */
    private void replyFailure(Channel channel, Message request, Throwable failure) {
        try {
            String type = request.type().replaceFirst("_request$", "_reply");
            JsonObject error = type.equals("execute_reply") ? cellError(request, "answering " + request.type(), failure)
                    : kernelError("answering " + request.type(), failure);
            reply(channel, request, type, error);
        } catch (Throwable again) {
            log.println("[shapeprop kernel] could not answer the failed " + request.type() + " either: " + again);
        }
    }

    /**
     * The error reply (and what a cell shows) when the kernel itself failed, not the cell's code (whose exceptions
     * become its own traceback): that it is a kernel bug, what to do, and the kernel's frames for the report.
     */
    private static JsonObject kernelError(String doing, Throwable failure) {
        String ename = failure.getClass().getSimpleName();
        String evalue = "kernel error (a bug in the kernel, not in your code) while " + doing + ": " + failure
                + ". Please report it, with the cell, at https://github.com/shapeprop/shapeprop/issues; "
                + "if it happens again, restart the kernel (Kernel > Restart).";
        List<String> traceback = new ArrayList<>();
        traceback.add("\u001b[1;31mKernel error\u001b[0m: " + evalue);
        StackTraceElement[] frames = failure.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, KERNEL_ERROR_FRAMES); i++) {
            traceback.add("    at " + frames[i]);
        }
        if (frames.length > KERNEL_ERROR_FRAMES) {
            traceback.add("    ... " + (frames.length - KERNEL_ERROR_FRAMES) + " more (all of them in the kernel's log)");
        }
        return Json.object("status", "error", "ename", ename, "evalue", evalue, "traceback", Json.strings(traceback));
    }

    private void handle(Channel channel, Message request) {
        switch (request.type()) {
            case "kernel_info_request" -> reply(channel, request, "kernel_info_reply", KernelInfo.content());
            case "execute_request" -> {
                StartupTrace.mark("execute_request received");
                JsonObject reply = execute(request);
                if (reply.get("status").getAsString().equals("error") && request.flag("stop_on_error", true)
                        && !request.flag("silent", false)) {
                    abortQueuedCells(channel);
                }
                Message message = transport.session().create("execute_reply", request, reply);
                JsonObject timing = runner.timing();
                timing.addProperty("kernel_ms", (System.nanoTime() - shellRequestSince) / 1e6);
                message.metadata().add("shapeprop", timing);
                transport.send(channel, message);
                lastAnswered.put(channel, request);
                StartupTrace.mark("execute_reply sent");
            }
            case "complete_request" -> reply(channel, request, "complete_reply", complete(request));
            case "inspect_request" -> reply(channel, request, "inspect_reply", inspect(request));
            case "is_complete_request" -> reply(channel, request, "is_complete_reply", isComplete(request));
            case "history_request" -> reply(channel, request, "history_reply", history(request));
            case "comm_info_request" -> reply(channel, request, "comm_info_reply",
                    Json.object("status", "ok", "comms", new JsonObject()));
            case "comm_open" -> outputs.publish("comm_close",
                    Json.object("comm_id", request.text("comm_id", ""), "data", new JsonObject()), request);
            case "comm_msg", "comm_close" -> { }
            case "interrupt_request" -> {
                interrupt();
                reply(channel, request, "interrupt_reply", Json.object("status", "ok"));
            }
            case "shutdown_request" -> shutdown(channel, request);
            default -> log.println("[shapeprop kernel] ignoring unknown request " + request.type());
        }
    }

    /**
     * The cell's execute_reply content. When the kernel itself fails running the cell, the cell shows a kernel
     * error and the reply says so; the reply goes on as for any failed cell (the cells queued behind it are
     * aborted).
     */
    private JsonObject execute(Message request) {
        try {
            return runner.execute(request);
        } catch (Throwable e) {
            logFailure(request, e);
            endCellAfterFailure();
            return cellError(request, "running your cell", e);
        }
    }

    /** A kernel error shown in the cell, as the content of its execute_reply. */
    private JsonObject cellError(Message request, String doing, Throwable failure) {
        JsonObject error = kernelError(doing, failure);
        outputs.publish("error", error, request);
        error.addProperty("execution_count", runner.executionCount());
        return error;
    }

    /** What the cell printed before the kernel failed is still shown, and not later under the next cell. */
    private void endCellAfterFailure() {
        try {
            outputs.endCell();
        } catch (Throwable e) {
            log.println("[shapeprop kernel] could not send the failed cell's output: " + e);
        }
    }

    /**
     * After a failed cell, the cells queued behind it (Run All) are answered "aborted" instead of run, as
     * ipykernel does: they probably depend on the failed one. Only requests that arrived while the cell
     * ran are affected, because this runs before the failed cell's reply is sent.
     */
    private void abortQueuedCells(Channel channel) {
        Message queued;
        while ((queued = transport.receiveWaiting(channel)) != null) {
            outputs.publish("status", Json.object("execution_state", "busy"), queued);
            if (queued.type().equals("execute_request")) {
                reply(channel, queued, "execute_reply", Json.object("status", "aborted",
                        "execution_count", runner.executionCount()));
            } else {
                answer(channel, queued);
            }
            outputs.publish("status", Json.object("execution_state", "idle"), queued);
        }
    }

    private void reply(Channel channel, Message request, String type, JsonObject content) {
        transport.send(channel, transport.session().create(type, request, content));
        lastAnswered.put(channel, request);
    }

    /** Stops the running cell: JShell's stop for computing code, any wait for notebook input or for %maven. */
    void interrupt() {
        // the evaluator first: the cell must know it is being stopped before the wait it is in ends, or the
        // magic's or the input's own exception could end the cell first and be reported instead of the interrupt
        if (evaluator.isReady()) {
            evaluator.await().stop();
        }
        stdin.interrupt();
        runner.interruptMagic();
    }

    private void shutdown(Channel channel, Message request) {
        StartupTrace.mark("shutdown_request received");
        boolean restart = request.flag("restart", false);
        interrupt();
        reply(channel, request, "shutdown_reply", Json.object("status", "ok", "restart", restart));
        outputs.publish("status", Json.object("execution_state", "idle"), request);
        transport.close();
        StartupTrace.mark("sockets closed; halting");
        // Jupyter starts a new process for a restart; this one ends at once (no JShell teardown to wait for).
        log.flush();
        Runtime.getRuntime().halt(0);
    }

    /**
     * Completion offers Java, and the magics' names in a magic's name ({@code %mav|}): in a magic's words
     * ({@code %jars li|}) there is none to offer. Magics elsewhere in the
     * cell are blanked for JShell (see MagicSpans.blanked), whose parser would take {@code lib/*.jar} for a comment.
     */
    private JsonObject complete(Message request) {
        String code = request.text("code", "");
        int cursor = cursor(request, code);
        Completions names = MagicSpans.magicNames(code, cursor);
        Completions c = names != null ? names
                : MagicSpans.inMagic(code, cursor) ? new Completions(List.of(), cursor, cursor)
                : evaluator.await().complete(MagicSpans.blanked(code), cursor);
        return Json.object("status", "ok", "matches", Json.strings(c.matches()),
                "cursor_start", codePoints(code, c.cursorStart()), "cursor_end", codePoints(code, c.cursorEnd()),
                "metadata", new JsonObject());
    }

    private JsonObject inspect(Message request) {
        String original = request.text("code", "");
        // blanked: the same UTF-16 positions, with the magics JShell's parser cannot read left out
        String code = MagicSpans.blanked(original);
        int cursor = endOfName(code, cursor(request, original));
        List<SourceCodeAnalysis.Documentation> docs = evaluator.await().documentation(code, cursor);
        StringBuilder text = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            text.append(d.signature()).append('\n');
            if (d.javadoc() != null && !d.javadoc().isBlank()) {
                text.append(d.javadoc().strip()).append("\n\n");
            }
        }
        JsonObject data = new JsonObject();
        if (!docs.isEmpty()) {
            data.addProperty("text/plain", text.toString().strip());
        }
        return Json.object("status", "ok", "found", !docs.isEmpty(), "data", data, "metadata", new JsonObject());
    }

    /**
     * The request's cursor_pos as an index into {@code code}. Jupyter counts it in Unicode code points (protocol
     * 5.2), Java's strings in UTF-16 units: 😀 is one of the first and two of the second. A cursor_pos past either
     * end of the code means that end.
     */
    private static int cursor(Message request, String code) {
        int length = code.codePointCount(0, code.length());
        int cursorPos = Math.max(0, Math.min(request.number("cursor_pos", length), length));
        return code.offsetByCodePoints(0, cursorPos);
    }

    /** An index into {@code code} as Jupyter counts it (in code points), for cursor_start and cursor_end. */
    private static int codePoints(String code, int index) {
        return code.codePointCount(0, index);
    }

    /** Inspecting inside a name ({@code Math.m|ax}) inspects the whole name: JShell documents what ends at the cursor. */
    private static int endOfName(String code, int cursor) {
        while (cursor < code.length() && Character.isJavaIdentifierPart(code.codePointAt(cursor))) {
            cursor += Character.charCount(code.codePointAt(cursor));
        }
        return cursor;
    }

    private JsonObject isComplete(Message request) {
        // a magic is complete by itself; the Java around it is what may still need a line
        Completeness.Verdict v = new Completeness(evaluator.await().analysis())
                .check(MagicSpans.blanked(request.text("code", "")));
        JsonObject content = Json.object("status", v.status());
        if (v.status().equals("incomplete")) {
            content.addProperty("indent", v.indent());
        }
        return content;
    }

    private JsonObject history(Message request) {
        String access = request.text("hist_access_type", "tail");
        int n = request.number("n", 100);
        List<History.Entry> entries = switch (access) {
            case "search" -> history.search(request.text("pattern", "*"), n);
            case "range" -> history.range(request.number("start", 0), request.number("stop", 0));
            default -> history.tail(n);
        };
        JsonArray rows = new JsonArray();
        for (History.Entry e : entries) {
            JsonArray row = new JsonArray();
            row.add(0);
            row.add(e.line());
            row.add(e.input());
            rows.add(row);
        }
        return Json.object("status", "ok", "history", rows);
    }

    @Override
    public String toString() {
        return "Kernel[" + transport + ", " + runner + "]";
    }
}
