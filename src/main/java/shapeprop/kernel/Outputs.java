package shapeprop.kernel;

import com.google.gson.JsonObject;
import shapeprop.kernel.display.DisplaySink;
import shapeprop.kernel.display.MimeBundle;
import shapeprop.kernel.io.CellOutputStream;
import shapeprop.kernel.io.NotebookPrintStream;
import shapeprop.kernel.io.StreamSink;
import shapeprop.kernel.protocol.Message;
import shapeprop.kernel.protocol.Transport;


/**
 * Everything a cell shows, published on IOPub under the request that is running: its stdout and stderr
 * (batched), displays, updates and clears. Text printed before a display is sent before it, so the
 * notebook shows outputs in the order the cell made them.
 */
final class Outputs implements DisplaySink, StreamSink {

    private final Transport transport;
    private final CellOutputStream stdout;
    private final CellOutputStream stderr;
    private volatile Message parent;

    Outputs(Transport transport, long limitBytesPerCell) {
        this.transport = transport;
        this.stdout = new CellOutputStream("stdout", this, limitBytesPerCell);
        this.stderr = new CellOutputStream("stderr", this, limitBytesPerCell);
    }

    /** System.out and System.err of every thread from now on; the kernel logs to the original stderr. */
    void captureSystemStreams() {
        System.setOut(new NotebookPrintStream(stdout));
        System.setErr(new NotebookPrintStream(stderr));
    }

    /** Outputs from now on belong to {@code request} (late output from background threads goes there too). */
    void startCell(Message request) {
        parent = request;
    }

    /** Sends waiting text and reports truncation; call before the result and the reply. */
    void endCell() {
        System.out.flush();
        System.err.flush();
        stdout.endCell();
        stderr.endCell();
    }

    void flushStreams() {
        System.out.flush();
        System.err.flush();
        stdout.flushPending();
        stderr.flushPending();
    }

    @Override
    public void write(String streamName, String text) {
        publish("stream", Json.object("name", streamName, "text", text));
    }

    @Override
    public void display(MimeBundle bundle, String displayId) {
        flushStreams();
        publish("display_data", bundleContent(bundle, displayId));
    }

    @Override
    public void update(MimeBundle bundle, String displayId) {
        flushStreams();
        publish("update_display_data", bundleContent(bundle, displayId));
    }

    @Override
    public void clear(boolean wait) {
        flushStreams();
        publish("clear_output", Json.object("wait", wait));
    }

    void result(int executionCount, MimeBundle bundle) {
        JsonObject c = bundleContent(bundle, null);
        c.addProperty("execution_count", executionCount);
        publish("execute_result", c);
    }

    static JsonObject bundleContent(MimeBundle bundle, String displayId) {
        JsonObject c = new JsonObject();
        c.add("data", Json.map(bundle.data()));
        c.add("metadata", Json.map(bundle.metadata()));
        if (displayId != null) {
            c.add("transient", Json.object("display_id", displayId));
        }
        return c;
    }

    void publish(String type, JsonObject content) {
        publish(type, content, parent);
    }

    /** Publishes under an explicit parent: status messages belong to the request they frame. */
    void publish(String type, JsonObject content, Message parentMessage) {
        transport.publish(transport.session().create(type, parentMessage, content));
    }

    @Override
    public String toString() {
        return "Outputs[" + stdout + ", " + stderr + "]";
    }
}
