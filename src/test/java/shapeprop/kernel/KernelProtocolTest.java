package shapeprop.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A notebook user's session, driven through jupyter_client against the real kernel process: every request
 * type, errors, forged messages, input, interrupt, restart and shutdown. One kernel session runs
 * protocol_driver.py; each test checks one part of what the user saw.
 */
class KernelProtocolTest {

    private static JsonObject session;

    @BeforeAll
    static void runSession(@TempDir Path dir) throws Exception {
        JupyterHarness.assumeJupyter();
        Path jupyterPath = JupyterHarness.kernelspec(dir, "-Xmx512m");
        String out = JupyterHarness.runPython(jupyterPath, dir, 300,
                JupyterHarness.resource("protocol_driver.py").toString(), JupyterHarness.KERNEL_NAME,
                JupyterHarness.greeterLibrary(dir).toString());
        session = JupyterHarness.result(out);
    }

    private static JsonObject part(String name) {
        return session.getAsJsonObject(name);
    }

    /** The IOPub messages of one type, as a list of their contents. */
    private static List<JsonObject> outputs(String name, String type) {
        List<JsonObject> list = new ArrayList<>();
        for (JsonElement e : part(name).getAsJsonArray("outputs")) {
            if (e.getAsJsonObject().get("type").getAsString().equals(type)) {
                list.add(e.getAsJsonObject().getAsJsonObject("content"));
            }
        }
        return list;
    }

    private static String plainResult(String name) {
        List<JsonObject> results = outputs(name, "execute_result");
        assertEquals(1, results.size(), name + ": one execute_result expected, got " + part(name));
        return results.get(0).getAsJsonObject("data").get("text/plain").getAsString();
    }

    private static String traceback(String name) {
        List<JsonObject> errors = outputs(name, "error");
        assertEquals(1, errors.size(), name + ": one error expected, got " + part(name));
        StringBuilder b = new StringBuilder();
        errors.get(0).getAsJsonArray("traceback").forEach(l -> b.append(l.getAsString()).append('\n'));
        return b.toString().replaceAll("\u001b\\[[0-9;]*m", "");
    }

    private static String status(String name) {
        return part(name).getAsJsonObject("reply").get("status").getAsString();
    }

    @Test
    void kernelInfoNamesJavaAndProtocol53() {
        JsonObject info = part("kernel_info");
        assertEquals("ok", info.get("status").getAsString());
        assertEquals("5.3", info.get("protocol_version").getAsString());
        assertEquals("shapeprop", info.get("implementation").getAsString());
        assertEquals("java", info.getAsJsonObject("language_info").get("name").getAsString());
        assertTrue(info.get("banner").getAsString().contains("ShapeProp"));
        assertFalse(info.getAsJsonArray("help_links").isEmpty());
    }

    @Test
    void aCellOfSeveralSnippetsShowsItsLastExpression() {
        assertEquals("ok", status("multi_snippet"));
        assertEquals("12", plainResult("multi_snippet"));
        assertEquals(1, outputs("multi_snippet", "execute_input").size());
    }

    @Test
    void stdoutAndStderrArriveAsStreams() {
        List<JsonObject> streams = outputs("streams", "stream");
        assertEquals("to stdout\n", text(streams, "stdout"));
        assertEquals("to stderr\n", text(streams, "stderr"));
    }

    @Test
    void closingSystemOutOrSystemErrInACellDoesNotSilenceTheNextCells() {
        List<JsonObject> streams = outputs("streams_after_close", "stream");
        assertEquals("out after close\n", text(streams, "stdout"));
        assertEquals("err after close\n", text(streams, "stderr"));
    }

    private static String text(List<JsonObject> streams, String name) {
        return streams.stream().filter(s -> s.get("name").getAsString().equals(name))
                .map(s -> s.get("text").getAsString()).reduce("", String::concat);
    }

    @Test
    void aMillionPrintedLinesArriveInFewBatchesAndTheRestIsCounted() {
        JsonObject m = part("million_lines");
        assertEquals("ok", m.getAsJsonObject("reply").get("status").getAsString());
        assertTrue(m.get("messages").getAsInt() < 400, "batched into few messages: " + m.get("messages"));
        assertTrue(m.get("text_chars").getAsInt() > 1_000_000, "most text arrives: " + m.get("text_chars"));
        assertTrue(m.get("last").getAsString().contains("not shown")
                || m.get("last").getAsString().contains("line 999999"), m.get("last").getAsString());
    }

    @Test
    void displayUpdateAndClearReachTheNotebook() {
        List<JsonObject> displays = outputs("display", "display_data");
        List<JsonObject> updates = outputs("display", "update_display_data");
        assertEquals(1, displays.size());
        assertEquals(1, updates.size());
        String id = displays.get(0).getAsJsonObject("transient").get("display_id").getAsString();
        assertEquals(id, updates.get(0).getAsJsonObject("transient").get("display_id").getAsString());
        assertEquals("<b>v2</b>", updates.get(0).getAsJsonObject("data").get("text/html").getAsString());
        assertEquals(1, outputs("display", "clear_output").size());
        assertTrue(outputs("display", "clear_output").get(0).get("wait").getAsBoolean());
        assertTrue(outputs("display", "execute_result").isEmpty(), "no display id echoed as the cell's result");
    }

    @Test
    void aMatrixResultIsAnHtmlTableWithItsShape() {
        JsonObject data = outputs("matrix", "execute_result").get(0).getAsJsonObject("data");
        assertTrue(data.get("text/plain").getAsString().startsWith("W1 (2, 3)"), data.toString());
        String html = data.get("text/html").getAsString();
        assertTrue(html.contains("<b>W1</b>") && html.contains("(2, 3)") && html.contains("<td>6</td>"), html);
    }

    @Test
    void aCompileErrorPointsAtTheCellLineAndColumn() {
        assertEquals("error", status("compile_error"));
        String tb = traceback("compile_error");
        assertTrue(tb.contains("line 2, column 12: incompatible types: int cannot be converted to java.lang.String"), tb);
        assertTrue(tb.contains("    2 | String s = z + 1;\n      |            ^^^^^"), tb);
    }

    @Test
    void aRuntimeErrorShowsTheCellsFramesOnly() {
        assertEquals("error", status("runtime_error"));
        assertEquals("ArithmeticException", part("runtime_error").getAsJsonObject("reply").get("ename").getAsString());
        String tb = traceback("runtime_error");
        assertTrue(tb.startsWith("java.lang.ArithmeticException: / by zero\n"), tb);
        assertTrue(tb.contains("at divide (cell [") && tb.contains("line 2)"), tb);
        assertTrue(tb.contains("line 5)"), tb);
        assertFalse(tb.contains("jdk.jshell") || tb.contains("shapeprop.kernel") || tb.contains("reflect"), tb);
    }

    @Test
    void aShapeMistakeIsExplainedAsSuch() {
        String tb = traceback("shape_error");
        assertTrue(tb.startsWith("Shape mistake (ShapeException)\n"), tb);
        assertTrue(tb.contains("(2, 3)"), tb);
        assertEquals("ShapeException", part("shape_error").getAsJsonObject("reply").get("ename").getAsString());
    }

    @Test
    void stackOverflowAndOutOfMemoryLeaveTheKernelAlive() {
        assertTrue(traceback("stack_overflow").startsWith("java.lang.StackOverflowError"));
        assertTrue(traceback("out_of_memory").startsWith("java.lang.OutOfMemoryError"));
        assertEquals("4", plainResult("alive_after_errors"));
    }

    @Test
    void completionOffersMatrixFactoriesAndWorksInLaterSnippets() {
        JsonObject c = part("complete");
        assertEquals("ok", c.get("status").getAsString());
        assertTrue(c.getAsJsonArray("matches").toString().contains("zeros("), c.toString());
        assertEquals(7, c.get("cursor_start").getAsInt());
        assertEquals(10, c.get("cursor_end").getAsInt());
        JsonObject multi = part("complete_multi");
        assertTrue(multi.getAsJsonArray("matches").toString().contains("toUpperCase("), multi.toString());
        assertEquals("int a = 1;\nString word = \"hi\";\n\"hi\".".length(), multi.get("cursor_start").getAsInt());
    }

    @Test
    void cursorPositionsCountCharactersNotUtf16UnitsSoAnEmojiEarlierInTheCellIsOne() {
        JsonObject c = part("complete_after_emoji");
        String code = "String e = \"😀😀\"; greeting.";
        assertEquals(code.codePointCount(0, code.length()), c.get("cursor_start").getAsInt(), c.toString());
        assertEquals(code.codePointCount(0, code.length()) + "len".length(), c.get("cursor_end").getAsInt());
        assertEquals(code + "length()", c.get("accepted").getAsString());
        JsonObject i = part("inspect_after_emoji");
        assertTrue(i.get("found").getAsBoolean(), i.toString());
        assertTrue(i.getAsJsonObject("data").get("text/plain").getAsString().contains("max(int"), i.toString());
    }

    @Test
    void inspectInsideANameInspectsTheWholeName() {
        JsonObject i = part("inspect_inside_name");
        assertTrue(i.get("found").getAsBoolean(), i.toString());
        assertTrue(i.getAsJsonObject("data").get("text/plain").getAsString().contains("max(int"), i.toString());
    }

    @Test
    void tabInAMagicsNameOffersTheMagicsThatStartSo() {
        JsonObject c = part("complete_magic");
        JsonObject line = c.getAsJsonObject("line");
        assertEquals("ok", line.get("status").getAsString(), line.toString());
        assertEquals("[\"%maven\",\"%mavenRepo\"]", line.getAsJsonArray("matches").toString());
        assertEquals(List.of(0, 4), List.of(line.get("cursor_start").getAsInt(), line.get("cursor_end").getAsInt()));
        assertEquals("%maven", line.get("accepted").getAsString());
        // 'String smile = "😀";\n' is 20 code points (21 UTF-16 units): the name spans 20 to 24
        JsonObject afterJava = c.getAsJsonObject("after_java");
        assertEquals("[\"%maven\",\"%mavenRepo\"]", afterJava.getAsJsonArray("matches").toString());
        assertEquals(List.of(20, 24),
                List.of(afterJava.get("cursor_start").getAsInt(), afterJava.get("cursor_end").getAsInt()));
        assertEquals("String smile = \"\uD83D\uDE00\";\n%maven", afterJava.get("accepted").getAsString());
        JsonObject inside = c.getAsJsonObject("inside_name");
        assertEquals(List.of(0, 3), List.of(inside.get("cursor_start").getAsInt(), inside.get("cursor_end").getAsInt()),
                "the whole name is replaced, not only what is left of the cursor");
        assertEquals("%maven g:a:1", inside.get("accepted").getAsString());
        JsonObject cell = c.getAsJsonObject("cell");
        assertEquals("[\"%%html\"]", cell.getAsJsonArray("matches").toString());
        assertEquals("%%html\n<b>x</b>", cell.get("accepted").getAsString());
    }

    @Test
    void inspectShowsTheSignature() {
        JsonObject i = part("inspect");
        assertTrue(i.get("found").getAsBoolean());
        assertTrue(i.getAsJsonObject("data").get("text/plain").getAsString().contains("max(int"), i.toString());
    }

    @Test
    void whenTheKernelItselfFailsTheCellSaysSoAndTheKernelCarriesOn() {
        assertFalse(part("kernel_error").get("reply").isJsonNull(), "no execute_reply: the cell would show [*] for ever");
        JsonObject reply = part("kernel_error").getAsJsonObject("reply");
        assertEquals("error", reply.get("status").getAsString());
        assertEquals("AssertionError", reply.get("ename").getAsString());
        String evalue = reply.get("evalue").getAsString();
        assertTrue(evalue.startsWith("kernel error (a bug in the kernel, not in your code) while running your cell: "
                + "java.lang.AssertionError: a renderer's bug. Please report it"), evalue);
        assertTrue(evalue.endsWith("if it happens again, restart the kernel (Kernel > Restart)."), evalue);
        String tb = traceback("kernel_error");
        assertTrue(tb.startsWith("Kernel error: kernel error (a bug in the kernel"), tb);
        assertTrue(tb.contains("    at shapeprop.kernel.display.Renderers.render("), tb);
        assertEquals("\"still serving\"", plainResult("alive_after_kernel_error"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"complete_negative", "complete_past_end", "inspect_negative", "inspect_past_end"})
    void aCursorPastEitherEndOfTheCodeIsStillAnswered(String which) {
        JsonElement reply = part("cursor_out_of_range").get(which);
        assertFalse(reply.isJsonNull(), which + " got no reply");
        assertEquals("ok", reply.getAsJsonObject().get("status").getAsString(), reply.toString());
    }

    @Test
    void isCompleteTellsCompleteIncompleteAndInvalid() {
        JsonObject v = part("is_complete");
        assertEquals("complete", v.getAsJsonObject("int a = 1;").get("status").getAsString());
        assertEquals("incomplete", v.getAsJsonObject("int a =").get("status").getAsString());
        assertEquals("incomplete", v.getAsJsonObject("void f() {").get("status").getAsString());
        assertEquals("    ", v.getAsJsonObject("void f() {").get("indent").getAsString());
        assertEquals("invalid", v.getAsJsonObject("\"abc").get("status").getAsString());
        assertEquals("complete", v.getAsJsonObject("%maven a:b:1.0").get("status").getAsString());
    }

    @Test
    void commInfoAndHistoryAnswer() {
        assertEquals("ok", part("comm_info").get("status").getAsString());
        JsonArray history = part("history").getAsJsonArray("history");
        assertEquals(2, history.size());
        assertEquals("x + 1", history.get(1).getAsJsonArray().get(2).getAsString());
        JsonArray found = part("history_search").getAsJsonArray("history");
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).getAsJsonArray().get(2).getAsString().startsWith("Matrix.of(2, 3"), found.toString());
        JsonArray range = part("history_range").getAsJsonArray("history");
        assertEquals(2, range.size(), range.toString());
        assertEquals(1, range.get(0).getAsJsonArray().get(1).getAsInt());
        assertEquals("int x = 3;\nint y = 4;\nx * y", range.get(0).getAsJsonArray().get(2).getAsString());
    }

    @Test
    void aCommOpenedForAnUnknownTargetIsClosedAgain() {
        JsonObject closed = part("comm_open").getAsJsonObject("closed");
        assertEquals("c0ffee", closed.get("comm_id").getAsString());
    }

    @Test
    void everyExecuteIsFramedByBusyAndIdle() {
        for (JsonElement e : session.getAsJsonArray("statuses")) {
            JsonArray states = e.getAsJsonArray();
            assertEquals("[\"busy\",\"idle\"]", states.toString(), "status messages of one execute");
        }
    }

    @Test
    void cellsQueuedBehindAFailingCellAreAborted() {
        assertEquals("error", part("abort_queued").get("failing").getAsString());
        assertEquals("aborted", part("abort_queued").get("queued").getAsString());
    }

    @Test
    void forgedAndUnsignedMessagesAreDroppedAndTheKernelCarriesOn() {
        assertEquals("\"still here\"", plainResult("after_forged"));
        assertFalse(part("after_forged").toString().contains("forged ran"));
    }

    @Test
    void systemInReadsWhatTheUserTypes() {
        assertEquals("\"hello Ada\"", plainResult("stdin"));
        assertFalse(part("input_request").get("password").getAsBoolean());
        String printed = outputs("stdin", "stream").stream().map(s -> s.get("text").getAsString()).reduce("", String::concat);
        assertEquals("name? ", printed);
    }

    @Test
    void aScannerWithoutAFrontEndThatSendsInputIsToldWhyOnce() {
        assertEquals("NoSuchElementException", part("stdin_not_allowed").getAsJsonObject("reply").get("ename").getAsString());
        assertEquals("System.in: This front-end cannot send input to the kernel (allow_stdin is false): System.in works "
                + "in Jupyter Notebook, JupyterLab and jupyter console, not in nbconvert; put the value in the cell "
                + "instead.\n", text(outputs("stdin_not_allowed", "stream"), "stderr"));
    }

    @Test
    void aLateAnswerToAnInterruptedCellsInputBoxIsNotTheNextCellsInput() {
        assertEquals("Interrupted", part("stale_input").getAsJsonObject("interrupted").get("ename").getAsString());
        assertEquals("\"second = fresh answer\"", plainResult("stale_input"));
    }

    /**
     * A loop in the cell itself, one in a thread an earlier statement of the cell started and joined, one in
     * the library (Network.fit), one in code that eval runs, and one in the cell after its eval ended.
     */
    @ParameterizedTest
    @ValueSource(strings = {"interrupt", "interrupt_thread", "interrupt_fit", "interrupt_eval", "interrupt_after_eval"})
    void interruptStopsABusyLoopWithinASecondAndTheCpuGoesIdle(String which) {
        JsonObject i = part(which);
        assertEquals("error", i.getAsJsonObject("reply").get("status").getAsString());
        assertEquals("Interrupted", i.getAsJsonObject("reply").get("ename").getAsString());
        assertTrue(i.get("seconds").getAsDouble() < 1.0, "reply after " + i.get("seconds") + " s");
        assertTrue(i.get("loop_thread_cpu_before").getAsDouble() > 0.02, "the loop was spinning: " + i);
        assertTrue(i.get("loop_thread_cpu_in_1s_after").getAsDouble() < 0.05,
                "the loop's thread still uses CPU after the interrupt: " + i);
        JsonObject next = i.getAsJsonObject("next_cell");
        assertEquals("ok", next.getAsJsonObject("reply").get("status").getAsString());
    }

    @Test
    void anInterruptedFitSaysWhichStepsWeightsTheNetworkKept() {
        String evalue = part("interrupt_fit").getAsJsonObject("reply").get("evalue").getAsString();
        assertTrue(evalue.matches("the kernel stopped the cell on your request; fit: interrupted in epoch \\d+ of "
                + "1000000, after step \\d+\\. The network keeps the weights of that step; .*"), evalue);
    }

    @Test
    void interruptWakesACellBlockedInSleep() {
        JsonObject i = part("interrupt_sleep");
        assertEquals("Interrupted", i.getAsJsonObject("reply").get("ename").getAsString());
        assertTrue(i.get("seconds").getAsDouble() < 1.0, "reply after " + i.get("seconds") + " s");
        JsonObject reply = i.getAsJsonObject("interrupt_reply");
        assertEquals("interrupt_reply", reply.get("type").getAsString());
        assertTrue(reply.get("parent").getAsBoolean(), "answers the interrupt_request: " + reply);
        assertEquals("ok", reply.getAsJsonObject("content").get("status").getAsString());
    }

    @Test
    void interruptEndsAMavenThatWaitsForARepository() {
        JsonObject i = part("interrupt_maven");
        JsonObject reply = i.getAsJsonObject("reply");
        assertEquals("MagicError", reply.get("ename").getAsString());
        assertTrue(reply.get("evalue").getAsString().startsWith("%maven org.example.shapeprop:not-there:1.0: "
                + "interrupted on your request; nothing was added to the classpath."), reply.toString());
        assertTrue(i.get("seconds").getAsDouble() < 1.0, "reply after " + i.get("seconds") + " s");
    }

    @Test
    void interruptEndsAMavenCalledFromCodeThatWaitsForARepository() {
        JsonObject i = part("interrupt_maven_call");
        JsonObject reply = i.getAsJsonObject("reply");
        assertEquals("Interrupted", reply.get("ename").getAsString(), i.toString());
        assertEquals("the kernel stopped the cell on your request; lineMagic(\"maven\", "
                + "List.of(\"org.example.shapeprop:not-there-either:1.0\")): %maven "
                + "org.example.shapeprop:not-there-either:1.0: interrupted on your request; nothing was added to the "
                + "classpath.", reply.get("evalue").getAsString().replaceFirst(" Run the cell again.*", ""));
        assertTrue(i.get("seconds").getAsDouble() < 1.0, "reply after " + i.get("seconds") + " s");
    }

    @Test
    void anInlineMagicAssignsThePathsItAddedAndTheJarsClassesWorkInTheNextCell() {
        assertEquals("1", plainResult("inline_jars"));
        assertEquals("\"hello next cell\"", plainResult("inline_jars_next_cell"));
    }

    @Test
    void lineMagicCalledFromCodeReturnsTheAddedPaths() {
        String shown = plainResult("line_magic_call");
        assertTrue(shown.startsWith("[/") && shown.endsWith("fixture-lib/greeter.jar]"), shown);
    }

    @Test
    void cellMagicCalledFromCodeShowsHtmlAndNoNullUnderIt() {
        assertEquals("ok", status("cell_magic_call"));
        List<JsonObject> displays = outputs("cell_magic_call", "display_data");
        assertEquals(1, displays.size(), part("cell_magic_call").toString());
        assertEquals("<b>x</b>", displays.get(0).getAsJsonObject("data").get("text/html").getAsString());
        assertTrue(outputs("cell_magic_call", "execute_result").isEmpty(), "the null it returns is not shown");
    }

    @Test
    void evalRunsCodeInTheNotebookAndTheCellShowsItsOwnValueAndOutput() {
        assertEquals("42", plainResult("eval_call"));
        String stdout = outputs("eval_call", "stream").stream().map(o -> o.get("text").getAsString())
                .reduce("", String::concat);
        assertEquals("before\ninside\n", stdout);
        assertEquals("a statement\n", outputs("eval_statement", "stream").get(0).get("text").getAsString());
        assertTrue(outputs("eval_statement", "execute_result").isEmpty(), "a statement's null is not shown");
        assertEquals("3", plainResult("eval_declares"), "a declaration's value, as IJava's eval gives it");
        assertEquals("6", plainResult("eval_declared_next_cell"));
    }

    @Test
    void anExceptionInsideEvalIsTheCellsErrorNamingTheCodeAndWhereItHappened() {
        assertEquals("EvalCallException", part("eval_error").getAsJsonObject("reply").get("ename").getAsString());
        String tb = traceback("eval_error");
        assertTrue(tb.startsWith("EvalCallException: eval(\"1 / 0\") threw ArithmeticException: / by zero. The code "
                + "ran up to there; fix it, or catch the exception around eval(…) to go on.\n    at (cell ["), tb);
        assertTrue(tb.contains("Caused by: java.lang.ArithmeticException: / by zero\n    at (eval(…) line 1, in cell ["),
                tb);
        assertFalse(tb.contains("jdk.jshell") || tb.contains("shapeprop.kernel") || tb.contains("reflect"), tb);
    }

    @Test
    void loadCalledFromCodeSaysToWriteItOnALineOfItsOwn() {
        assertEquals("MagicCallException", part("line_magic_load").getAsJsonObject("reply").get("ename").getAsString());
        String tb = traceback("line_magic_load");
        assertTrue(tb.startsWith("Magic failed: lineMagic(\"load\", List.of(\"helpers.jsh\")): %load runs a file as a "
                + "cell, which cannot start while this cell's code runs. Write it on a line of its own instead: "
                + "%load helpers.jsh\n    at (cell ["), tb);
        assertFalse(tb.contains("shapeprop.kernel"), "then the cell's line, and none of the kernel's frames: " + tb);
        assertEquals(2, tb.lines().count(), tb);
    }

    @Test
    void anUnknownInlineMagicNamesTheCallTheLineAndTheMagicsThereAre() {
        String tb = traceback("line_magic_unknown");
        assertTrue(tb.startsWith("Magic failed: lineMagic(\"jarz\", List.of(\"a.jar\")): Unknown magic %jarz. "
                + "Line magics: %classpath, %jars, %maven, %mavenRepo, %loadFromPOM, %load.\n"), tb);
        assertTrue(tb.contains("line 2)"), "the line of the magic: " + tb);
        assertFalse(tb.contains("MagicCalls"), "the learner wrote no lineMagic call: " + tb);
    }

    @Test
    void completionAndIsCompleteReadTheJavaAroundAnInlineMagic() {
        JsonObject after = part("complete_after_inline_magic");
        assertTrue(after.getAsJsonArray("matches").toString().contains("max("), after.toString());
        assertEquals(0, part("complete_in_magic").getAsJsonArray("matches").size(), part("complete_in_magic").toString());
        List<String> verdicts = new ArrayList<>();
        part("is_complete_magic").entrySet().forEach(e -> verdicts.add(
                e.getValue().getAsJsonObject().get("status").getAsString()));
        assertEquals(List.of("complete", "incomplete", "incomplete"), verdicts, part("is_complete_magic").toString());
    }

    @Test
    void userExpressionsAreEvaluatedAfterTheCellEachWithItsResultOrError() {
        JsonObject u = part("user_expressions");
        JsonObject results = u.getAsJsonObject("reply").getAsJsonObject("user_expressions");
        assertEquals("ok", results.getAsJsonObject("twice").get("status").getAsString(), results.toString());
        assertEquals("42", results.getAsJsonObject("twice").getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals("error", results.getAsJsonObject("missing").get("status").getAsString(), results.toString());
        assertEquals("CompilationException", results.getAsJsonObject("missing").get("ename").getAsString());
        assertEquals("error", results.getAsJsonObject("statement").get("status").getAsString(), "no side effect");
        assertEquals("[\"execute_input\"]", u.getAsJsonArray("shown").toString(), "nothing shown but the input");
    }

    @Test
    void loadRunsTheCodeCellsOfANotebookWithTheirMagics() {
        JsonObject load = part("load_notebook");
        assertEquals("ok", load.getAsJsonObject("reply").get("status").getAsString(), load.toString());
        List<String> results = new ArrayList<>();
        for (JsonElement o : load.getAsJsonArray("outputs")) {
            if (o.getAsJsonObject().get("type").getAsString().equals("execute_result")) {
                results.add(o.getAsJsonObject().getAsJsonObject("content").getAsJsonObject("data").get("text/plain")
                        .getAsString());
            }
        }
        assertEquals(List.of("42"), results, load.toString());
    }

    @Test
    void shutdownWithRestartIsAnsweredAndTheProcessEnds() {
        JsonObject s = part("shutdown_reply");
        assertEquals("shutdown_reply", s.get("type").getAsString());
        assertTrue(s.get("parent").getAsBoolean(), s.toString());
        assertEquals("ok", s.getAsJsonObject("content").get("status").getAsString());
        assertTrue(s.getAsJsonObject("content").get("restart").getAsBoolean(), s.toString());
        assertTrue(s.get("exited_after").getAsDouble() < 2.0, "the process ended after " + s.get("exited_after") + " s");
    }

    @Test
    void restartStartsAFreshKernel() {
        assertTrue(part("restart").get("new_pid").getAsBoolean());
        assertEquals("1", plainResult("restart"));
        assertEquals("error", part("restart_forgot_x").getAsJsonObject("reply").get("status").getAsString());
    }

    @Test
    void shutdownEndsTheProcessQuickly() {
        assertFalse(session.get("alive_after_shutdown").getAsBoolean());
        assertTrue(session.get("shutdown_seconds").getAsDouble() < 2.0, "shutdown took " + session.get("shutdown_seconds"));
    }
}
