package shapeprop.kernel;

import com.google.gson.JsonElement;
import shapeprop.kernel.io.InputRequester;
import shapeprop.kernel.protocol.Message;
import shapeprop.kernel.protocol.Transport;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Reads a line from the notebook for System.in: sends {@code input_request} on the stdin socket to the
 * front-end that sent the running execute request, then waits for its {@code input_reply}.
 */
final class StdinChannel implements InputRequester {

    /** How often a waiting read checks for an interrupt; it answers a reply at once regardless. */
    private static final int INTERRUPT_CHECK_MILLIS = 100;
    private static final String NOT_ALLOWED = "This front-end cannot send input to the kernel (allow_stdin is "
            + "false): System.in works in Jupyter Notebook, JupyterLab and jupyter console, not in nbconvert; put "
            + "the value in the cell instead.";

    private final Transport transport;
    private final Outputs outputs;
    private volatile Message request;
    private volatile boolean allowed;
    private volatile boolean interrupted;
    private volatile boolean explained; // this cell was told on stderr why System.in has nothing

    StdinChannel(Transport transport, Outputs outputs) {
        this.transport = transport;
        this.outputs = outputs;
    }

    void startCell(Message executeRequest) {
        request = executeRequest;
        allowed = executeRequest.flag("allow_stdin", false);
        interrupted = false;
        explained = false;
    }

    void interrupt() {
        interrupted = true;
    }

    @Override
    public String requestLine(String prompt, boolean password) throws IOException {
        Message parent = request;
        if (parent == null || !allowed) {
            if (!explained) {
                // Scanner swallows this IOException and says only "No line found": say why on the cell's stderr.
                explained = true;
                System.err.println("System.in: " + NOT_ALLOWED);
            }
            throw new IOException(NOT_ALLOWED);
        }
        outputs.flushStreams(); // the prompt the cell printed must appear before the input box
        dropStaleReplies();
        Message inputRequest = transport.session().create("input_request", parent,
                Json.object("prompt", prompt, "password", password));
        transport.send(Transport.Channel.STDIN, inputRequest);
        while (true) {
            if (interrupted) {
                throw new InterruptedIOException("Interrupted while waiting for input");
            }
            Message reply = transport.receiveStdin(INTERRUPT_CHECK_MILLIS);
            if (reply != null && answers(reply, inputRequest)) {
                return reply.text("value", "");
            }
        }
    }

    /**
     * Replies waiting before anything was asked answer an earlier input box: one of an interrupted cell that the
     * user filled in afterwards. They are not this cell's input (ipykernel drops them the same way).
     */
    private void dropStaleReplies() {
        while (transport.receiveStdin(0) != null) {
            // dropped
        }
    }

    /**
     * Whether {@code reply} is the answer to {@code inputRequest}: an input_reply whose parent header is that
     * request, or that has no parent header (jupyter_client's input() and classic Notebook send none). A reply to
     * an earlier input_request is a late answer to an interrupted cell's input box.
     */
    private static boolean answers(Message reply, Message inputRequest) {
        if (!reply.type().equals("input_reply")) {
            return false;
        }
        JsonElement parentId = reply.parentHeader() == null ? null : reply.parentHeader().get("msg_id");
        return parentId == null || !parentId.isJsonPrimitive() || parentId.getAsString().isEmpty()
                || parentId.getAsString().equals(inputRequest.id());
    }

    @Override
    public String toString() {
        return "StdinChannel[" + (allowed ? "allowed" : "not allowed") + "]";
    }
}
