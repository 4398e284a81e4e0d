"""Drives the ShapeProp kernel through jupyter_client, the way Jupyter front-ends do, and prints one JSON
object with what a user would see for each request. KernelProtocolTest (JUnit) asserts on it.

Usage: JUPYTER_PATH=<dir with kernels/<name>/kernel.json> python3 protocol_driver.py <kernel name> <fixture lib dir>

The fixture lib dir holds a jar with class fixture.Greeter (static String hello(String name)).
"""
import json
import os
import queue
import socket
import sys
import tempfile
import time

import jupyter_client
from jupyter_client.session import Session

KERNEL = sys.argv[1]
FIXTURE_LIB = sys.argv[2]
results = {}


statuses = []  # execution_state of every status message for an execute, in order


def outputs_of(kc, code, timeout=60, allow_stdin=False, stdin_hook=None):
    """Runs code; returns (reply content, list of iopub messages as {type, content})."""
    seen = []
    reply = kc.execute_interactive(
        code, timeout=timeout, allow_stdin=allow_stdin, stdin_hook=stdin_hook,
        output_hook=lambda m: seen.append({"type": m["msg_type"], "content": m["content"]}))
    statuses.append([m["content"]["execution_state"] for m in seen if m["type"] == "status"])
    return reply["content"], [m for m in seen if m["type"] != "status"]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def thread_cpu(pid):
    """CPU seconds of each thread that runs cell code: {thread id: seconds}. JShell runs a cell in a thread
    of its own ("Thread-N"); JIT compiler and GC threads, busy after start-up, are left out."""
    result = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                if not f.read().startswith("Thread-"):
                    continue
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            result[tid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            pass  # the thread ended while we looked
    return result


def send_forged(kc, key):
    """A well-formed execute_request signed with the wrong key (or unsigned when key is b'')."""
    forged = Session(key=key, username="attacker")
    msg = forged.msg("execute_request", {"code": "System.out.println(\"forged ran\");", "silent": False,
                                          "store_history": True, "user_expressions": {}, "allow_stdin": False,
                                          "stop_on_error": True})
    forged.send(kc.shell_channel.socket, msg)


def shell_reply(kc, msg_id, timeout=30):
    """The content of the shell reply to msg_id (for requests the blocking client cannot wait on)."""
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]


def replied(request, timeout=10):
    """request(timeout)'s result, or None when no reply came in time (a front-end would wait for ever)."""
    try:
        return request(timeout)
    except (TimeoutError, queue.Empty):
        return None


def outputs_or_none(kc, code, **kwargs):
    """outputs_of, or {"reply": None} when the kernel never answers the cell."""
    answer = replied(lambda t: outputs_of(kc, code, timeout=t, **kwargs), timeout=20)
    return {"reply": None} if answer is None else {"reply": answer[0], "outputs": answer[1]}


km = jupyter_client.KernelManager(kernel_name=KERNEL)
km.start_kernel()
try:
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    pid = km.provisioner.process.pid

    info = kc.kernel_info(reply=True)["content"]
    results["kernel_info"] = info

    reply, out = outputs_of(kc, "int x = 3;\nint y = 4;\nx * y")
    results["multi_snippet"] = {"reply": reply, "outputs": out}

    reply, out = outputs_of(kc, 'System.out.println("to stdout");\nSystem.err.println("to stderr");')
    results["streams"] = {"reply": reply, "outputs": out}

    # Closing System.out or System.err (a writer around it closed by try-with-resources) does not silence them.
    outputs_of(kc, 'try (var pw = new PrintWriter(System.out)) { pw.println("via writer"); }\nSystem.err.close();')
    reply, out = outputs_of(kc, 'System.out.println("out after close");\nSystem.err.println("err after close");')
    results["streams_after_close"] = {"reply": reply, "outputs": out}

    reply, out = outputs_of(kc, 'for (int i = 0; i < 1_000_000; i++) System.out.println("line " + i);')
    results["million_lines"] = {"reply": reply, "messages": len(out),
                                "text_chars": sum(len(m["content"].get("text", "")) for m in out),
                                "last": out[-1]["content"].get("text", "")[-300:] if out else ""}

    reply, out = outputs_of(kc, 'String id = display(html("<b>v1</b>"));\nupdateDisplay(id, html("<b>v2</b>"));\n'
                                'clearOutput(true);\nSystem.out.println("after clear");')
    results["display"] = {"reply": reply, "outputs": out}

    reply, out = outputs_of(kc, 'Matrix.of(2, 3, 1, 2, 3, 4, 5, 6).named("W1")')
    results["matrix"] = {"reply": reply, "outputs": out}

    reply, out = outputs_of(kc, 'int z = 1;\nString s = z + 1;')
    results["compile_error"] = {"reply": reply, "outputs": out}

    reply, out = outputs_of(kc, 'int divide(int a, int b) {\n  return a / b;\n}\n\ndivide(1, 0)')
    results["runtime_error"] = {"reply": reply, "outputs": out}

    reply, out = outputs_of(kc, 'Matrix.zeros(2, 3).dot(Matrix.zeros(2, 3))')
    results["shape_error"] = {"reply": reply, "outputs": out}

    reply, out = outputs_of(kc, 'int down(int n) { return down(n + 1) + 1; }\ndown(0)')
    results["stack_overflow"] = {"reply": reply, "outputs": out}
    reply, out = outputs_of(kc, '{\n  List<long[]> hog = new ArrayList<>();\n  while (true) hog.add(new long[1_000_000]);\n}')
    results["out_of_memory"] = {"reply": reply, "outputs": out}
    reply, out = outputs_of(kc, 'x + 1')
    results["alive_after_errors"] = {"reply": reply, "outputs": out}

    results["complete"] = kc.complete("Matrix.zer", reply=True)["content"]
    results["complete_multi"] = kc.complete("int a = 1;\nString word = \"hi\";\n\"hi\".toUpp", reply=True)["content"]
    # Tab in a magic's name offers the magics whose names start so, replacing the whole name: a cell's only line, a
    # line after Java (the emoji before it counts one code point), the cursor inside a name, a cell magic.
    results["complete_magic"] = {}
    for case, code, cursor in [("line", "%mav", 4), ("after_java", 'String smile = "\U0001F600";\n%mav', 24),
                               ("inside_name", "%ma g:a:1", 2), ("cell", "%%h\n<b>x</b>", 3)]:
        completed = kc.complete(code, cursor_pos=cursor, reply=True)["content"]
        first = completed["matches"][0] if completed["matches"] else ""
        results["complete_magic"][case] = dict(completed, accepted=code[:completed["cursor_start"]] + first
                                               + code[completed["cursor_end"]:])
    results["inspect"] = kc.inspect("Math.max", cursor_pos=8, reply=True)["content"]
    results["is_complete"] = {code: shell_reply(kc, kc.is_complete(code)) for code in
                              ["int a = 1;", "int a =", "void f() {", "\"abc", "%maven a:b:1.0"]}
    results["comm_info"] = kc.comm_info(reply=True)["content"]
    results["history"] = kc.history(hist_access_type="tail", n=2, reply=True)["content"]
    results["history_search"] = kc.history(hist_access_type="search", pattern="Matrix.of*", n=5,
                                           reply=True)["content"]
    results["history_range"] = kc.history(hist_access_type="range", session=0, start=1, stop=3,
                                          reply=True)["content"]

    # A front-end waits for the reply to every request: the kernel answers even when it fails itself (here a
    # library's renderer throws an Error while the kernel shows the cell's value), and whatever cursor_pos says.
    results["kernel_error"] = outputs_or_none(
        kc, 'class Boom { }\nshapeprop.kernel.display.Renderers.global().register(Boom.class,\n'
            '    b -> { throw new AssertionError("a renderer\'s bug"); });\nnew Boom()')
    results["alive_after_kernel_error"] = outputs_or_none(kc, '"still serving"')
    results["cursor_out_of_range"] = {
        name: replied(lambda t: request(t)["content"]) for name, request in [
            ("complete_negative", lambda t: kc.complete("Math.", cursor_pos=-1, reply=True, timeout=t)),
            ("complete_past_end", lambda t: kc.complete("Math.", cursor_pos=99, reply=True, timeout=t)),
            ("inspect_negative", lambda t: kc.inspect("Math.max", cursor_pos=-3, reply=True, timeout=t)),
            ("inspect_past_end", lambda t: kc.inspect("Math.max", cursor_pos=99, reply=True, timeout=t))]}

    # cursor_pos, cursor_start and cursor_end count Unicode code points (as Python's len does), not UTF-16 units.
    outputs_of(kc, 'String greeting = "h\u00e9llo";')
    emoji = 'String e = "\U0001F600\U0001F600"; greeting.len'
    completed = kc.complete(emoji, cursor_pos=len(emoji), reply=True)["content"]
    length = next((m for m in completed["matches"] if m.startswith("length")), "")
    results["complete_after_emoji"] = dict(completed, accepted=emoji[:completed["cursor_start"]] + length
                                           + emoji[completed["cursor_end"]:])
    inspected = '/* \U0001F600 */ Math.max'
    results["inspect_after_emoji"] = kc.inspect(inspected, cursor_pos=len(inspected), reply=True)["content"]
    results["inspect_inside_name"] = kc.inspect("Math.max(1, 2)", cursor_pos=len("Math.m"), reply=True)["content"]

    # Run All after a failing cell: the cells queued behind it are aborted, not run.
    failing = kc.execute('Thread.sleep(300);\nif (true) throw new IllegalStateException("cell 1 fails");')
    queued = kc.execute('System.out.println("queued cell ran");')
    replies = {}
    while len(replies) < 2:  # the aborted reply comes first: the kernel aborts before answering the failure
        msg = kc.get_shell_msg(timeout=30)
        replies[msg["parent_header"].get("msg_id")] = msg["content"]["status"]
    results["abort_queued"] = {"failing": replies.get(failing), "queued": replies.get(queued)}

    # Forged and unsigned messages are dropped; the kernel keeps serving.
    send_forged(kc, b"not-the-key")
    send_forged(kc, b"")
    time.sleep(0.3)
    reply, out = outputs_of(kc, '"still here"')
    results["after_forged"] = {"reply": reply, "outputs": out}

    # input_request: System.in reads what the user types in the notebook.
    reply, out = outputs_of(kc, 'Scanner sc = new Scanner(System.in);\nSystem.out.print("name? ");\n'
                                'String name = sc.nextLine();\n"hello " + name', allow_stdin=True,
                            stdin_hook=lambda m: (results.setdefault("input_request", m["content"]),
                                                  kc.input("Ada")))
    results["stdin"] = {"reply": reply, "outputs": out}

    # Without a front-end that can send input (nbconvert), Scanner says only "No line found": the kernel says why,
    # once per cell.
    reply, out = outputs_of(kc, 'new Scanner(System.in).hasNextLine();\nnew Scanner(System.in).nextLine()')
    results["stdin_not_allowed"] = {"reply": reply, "outputs": out}

    # A late answer to an interrupted cell's input box is not the next cell's input: one without a parent header
    # (as jupyter_client's input() and classic Notebook send it) that arrives between the cells, and one whose
    # parent is the old input_request (as JupyterLab sends it) that arrives while the next cell waits.
    waiting = kc.execute('String first = new Scanner(System.in).nextLine();', allow_stdin=True)
    old_request = kc.get_stdin_msg(timeout=30)
    time.sleep(0.3)
    km.interrupt_kernel()
    interrupted = shell_reply(kc, waiting, timeout=10)
    kc.input("STALE ANSWER")
    time.sleep(0.5)

    def answer_late_then_fresh(request):
        kc.stdin_channel.send(kc.session.msg("input_reply", {"value": "LATE ANSWER"}, parent=old_request))
        time.sleep(0.3)
        kc.stdin_channel.send(kc.session.msg("input_reply", {"value": "fresh answer"}, parent=request))

    reply, out = outputs_of(kc, 'String second = new Scanner(System.in).nextLine();\n"second = " + second',
                            allow_stdin=True, stdin_hook=answer_late_then_fresh)
    results["stale_input"] = {"interrupted": interrupted, "reply": reply, "outputs": out}

    # Interrupt a busy loop: the reply comes back within a second and the looping thread stops. The thread
    # is measured by itself (the busiest thread while the loop runs), so other load on the machine and the
    # JIT compiling in the background do not blur the result.
    def interrupt_busy(code):
        msg_id = kc.execute(code)
        time.sleep(0.5)
        before = thread_cpu(pid)
        time.sleep(0.5)
        during = thread_cpu(pid)
        spinner = max(during, key=lambda tid: during[tid] - before.get(tid, 0.0))
        t = time.time()
        km.interrupt_kernel()
        reply = {"content": shell_reply(kc, msg_id, timeout=10)}
        interrupt_seconds = time.time() - t
        time.sleep(0.3)
        after0 = thread_cpu(pid)
        time.sleep(1.0)
        after1 = thread_cpu(pid)
        spinner_cpu = (after1.get(spinner, 0.0) - after0.get(spinner, 0.0)) if spinner in after1 else 0.0
        reply2, out2 = outputs_of(kc, 'x')
        return {"reply": reply["content"], "seconds": interrupt_seconds,
                "loop_thread_cpu_before": during[spinner] - before.get(spinner, 0.0),
                "loop_thread_alive_after": spinner in after1,
                "loop_thread_cpu_in_1s_after": spinner_cpu,
                "next_cell": {"reply": reply2, "outputs": out2}}

    results["interrupt"] = interrupt_busy("while (true) { }")
    # The loop in a thread that an earlier statement of the cell started, the cell waiting for it: the kernel
    # runs each statement as a snippet of its own, and the interrupt must stop the thread too, not only the join.
    results["interrupt_thread"] = interrupt_busy(
        "Thread spinner = new Thread(() -> { long i = 0; while (true) { i++; } });\n"
        "spinner.start();\nspinner.join();")
    # The loop inside the library: Network.fit checks for an interrupt between steps (JDK 20+ can no longer
    # stop a thread from outside, and JShell's own checks are only in the cell's code).
    # The data and network come first, in a cell of their own, with a short fit: the interrupt must find fit
    # running at full speed, not javac still compiling the cell's first statements, nor a first step so slow
    # (interpreted) that the kernel's forceful stop comes first.
    outputs_of(kc, "var moons = Moons.generate(500, 0.2, 0);\n"
                   "var net = Network.builder(2).dense(32, Activation.TANH).dense(1, Activation.SIGMOID)"
                   ".loss(Loss.BINARY_CROSS_ENTROPY).build();\n"
                   "net.fit(moons.x(Samples.COLUMNS), moons.y(Samples.COLUMNS), 300, 500, 0.5, 0, null);")
    results["interrupt_fit"] = interrupt_busy(
        "net.fit(moons.x(Samples.COLUMNS), moons.y(Samples.COLUMNS), 1_000_000, 500, 0.5, 0, null)")
    # The loop in code that eval runs, the cell waiting for it; and a loop in the cell after an eval ended.
    results["interrupt_eval"] = interrupt_busy('eval("while (true) { }")')
    results["interrupt_after_eval"] = interrupt_busy('eval("1"); while (true) { }')

    # A cell blocked in sleep (not looping) is interrupted too; this interrupt_request goes through the
    # client's control channel, so its interrupt_reply can be read.
    msg_id = kc.execute("Thread.sleep(60_000);")
    time.sleep(3.0)
    t = time.time()
    interrupt = kc.session.msg("interrupt_request", {})
    kc.control_channel.send(interrupt)
    reply = shell_reply(kc, msg_id, timeout=20)
    interrupt_reply = kc.get_control_msg(timeout=10)
    results["interrupt_sleep"] = {"reply": reply, "seconds": time.time() - t,
                                  "interrupt_reply": {"type": interrupt_reply["msg_type"],
                                                      "parent": interrupt_reply["parent_header"].get("msg_id")
                                                      == interrupt["header"]["msg_id"],
                                                      "content": interrupt_reply["content"]}}

    # %maven waiting for a repository that accepts the connection and never answers: the interrupt ends the
    # wait at once instead of after the connector's 30 s timeout. (Maven Central is asked first; offline, the
    # interrupt finds the magic waiting for it instead, which ends the same way.)
    stalled = socket.socket()
    stalled.bind(("127.0.0.1", 0))
    stalled.listen(16)
    outputs_of(kc, f"%mavenRepo stalled http://127.0.0.1:{stalled.getsockname()[1]}/maven2/")
    msg_id = kc.execute("%maven org.example.shapeprop:not-there:1.0")
    time.sleep(2.0)
    t = time.time()
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id, timeout=60)
    results["interrupt_maven"] = {"reply": reply, "seconds": time.time() - t}
    # The same wait, reached from code: lineMagic runs on the cell's own thread, and the interrupt still ends it.
    msg_id = kc.execute('lineMagic("maven", List.of("org.example.shapeprop:not-there-either:1.0"))')
    time.sleep(2.0)
    t = time.time()
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id, timeout=60)
    results["interrupt_maven_call"] = {"reply": reply, "seconds": time.time() - t}
    stalled.close()

    # user_expressions: evaluated after a cell that succeeded, one result (or error) per name, nothing shown.
    seen = []
    reply = kc.execute_interactive("int ue = 21;", timeout=60, output_hook=lambda m: seen.append(m["msg_type"]),
                                   user_expressions={"twice": "ue * 2", "missing": "nope", "statement": "int q = 1;"})
    results["user_expressions"] = {"reply": reply["content"], "shown": [t for t in seen if t != "status"]}

    # %load as IJava has it: a notebook found without its extension runs its code cells in order, magics in
    # them included; its Markdown is skipped.
    helpers = tempfile.mkdtemp()
    with open(os.path.join(helpers, "helpers.ipynb"), "w") as f:
        json.dump({"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Helpers"]},
                             {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                              "source": [f"%classpath {helpers}\n", "int loaded = 41;"]},
                             {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                              "source": "loaded + 1"}],
                   "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, f)
    reply, out = outputs_of(kc, f"%load {helpers}/helpers")
    results["load_notebook"] = {"reply": reply, "outputs": out}

    # IJava's magics from code. An inline magic (after '=') is a lineMagic call whose value is assigned; the jar's
    # classes are there from the next snippet on.
    reply, out = outputs_of(kc, f"List<String> added = %jars {FIXTURE_LIB}/*.jar\nadded.size()")
    results["inline_jars"] = {"reply": reply, "outputs": out}
    reply, out = outputs_of(kc, 'fixture.Greeter.hello("next cell")')
    results["inline_jars_next_cell"] = {"reply": reply, "outputs": out}
    reply, out = outputs_of(kc, f'lineMagic("jars", List.of("{FIXTURE_LIB}/greeter.jar"))')
    results["line_magic_call"] = {"reply": reply, "outputs": out}
    reply, out = outputs_of(kc, 'cellMagic("html", List.of(), "<b>x</b>")')
    results["cell_magic_call"] = {"reply": reply, "outputs": out}
    reply, out = outputs_of(kc, 'lineMagic("load", List.of("helpers.jsh"))')
    results["line_magic_load"] = {"reply": reply, "outputs": out}
    reply, out = outputs_of(kc, 'int before = 1;\nObject none = %jarz a.jar')
    results["line_magic_unknown"] = {"reply": reply, "outputs": out}

    # IJava's eval from code: the code runs in the notebook's JShell and prints into the cell; its value is the
    # call's, what it declares stays, and a failure inside it is the calling cell's error.
    reply, out = outputs_of(kc, 'System.out.println("before");\n'
                                'int k = (int) eval("System.out.println(\\"inside\\"); 40 + 2");\nk')
    results["eval_call"] = {"reply": reply, "outputs": out}
    reply, out = outputs_of(kc, 'eval("System.out.println(\\"a statement\\")")')
    results["eval_statement"] = {"reply": reply, "outputs": out}
    reply, out = outputs_of(kc, 'eval("var fromEval = 3")')
    results["eval_declares"] = {"reply": reply, "outputs": out}
    reply, out = outputs_of(kc, 'fromEval * 2')
    results["eval_declared_next_cell"] = {"reply": reply, "outputs": out}
    reply, out = outputs_of(kc, 'eval("1 / 0")')
    results["eval_error"] = {"reply": reply, "outputs": out}
    inline = f"List<String> more = %jars {FIXTURE_LIB}/*.jar\nMath.ma"
    results["complete_after_inline_magic"] = kc.complete(inline, cursor_pos=len(inline), reply=True)["content"]
    results["complete_in_magic"] = kc.complete(inline, cursor_pos=inline.index("*.jar"), reply=True)["content"]
    results["is_complete_magic"] = {code: shell_reply(kc, kc.is_complete(code)) for code in
                                    [f"List<String> more = %jars {FIXTURE_LIB}/*.jar",
                                     "List<String> more = %jars lib/*.jar\nint b = (1 +",
                                     "for (int i = 0; i < 2; i++) {\n    %jars a.jar"]}

    # Comms: this kernel has no comm targets, so a comm_open is answered with comm_close.
    comm_id = "c0ffee"
    kc.shell_channel.send(kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": "jupyter.widget",
                                                       "data": {}}))
    deadline = time.time() + 10
    closed = None
    while closed is None and time.time() < deadline:
        msg = kc.get_iopub_msg(timeout=10)
        if msg["msg_type"] == "comm_close":
            closed = msg["content"]
    results["comm_open"] = {"closed": closed}

    # Restart, as a front-end asks for it: shutdown_request with restart=true on the control channel, answered
    # with shutdown_reply (restart=true); the process ends, and the manager starts a new one.
    shutdown_id = kc.shutdown(restart=True)
    shutdown_reply = kc.get_control_msg(timeout=10)
    old_process = km.provisioner.process
    t = time.time()
    while old_process.poll() is None and time.time() - t < 10:
        time.sleep(0.01)
    results["shutdown_reply"] = {"parent": shutdown_reply["parent_header"].get("msg_id") == shutdown_id,
                                 "type": shutdown_reply["msg_type"], "content": shutdown_reply["content"],
                                 "exited_after": time.time() - t}
    km.restart_kernel(now=True)
    kc.wait_for_ready(timeout=60)
    reply, out = outputs_of(kc, 'int fresh = 1;\nfresh')
    results["restart"] = {"new_pid": km.provisioner.process.pid != pid, "reply": reply, "outputs": out}
    reply, out = outputs_of(kc, 'x')
    results["restart_forgot_x"] = {"reply": reply}

    results["statuses"] = statuses
    t = time.time()
    km.shutdown_kernel(now=False)
    results["shutdown_seconds"] = time.time() - t
    results["alive_after_shutdown"] = km.is_alive()
    kc.stop_channels()
finally:
    if km.has_kernel and km.is_alive():
        km.shutdown_kernel(now=True)
print("RESULT " + json.dumps(results))
