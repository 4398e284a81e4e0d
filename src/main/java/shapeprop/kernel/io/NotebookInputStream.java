package shapeprop.kernel.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * What System.in becomes inside the kernel: when a cell reads and nothing is buffered, the notebook shows
 * an input box, and the typed line (plus a newline) is what the cell reads.
 */
public final class NotebookInputStream extends InputStream {

    private final InputRequester requester;
    private byte[] line = new byte[0];
    private int position;

    public NotebookInputStream(InputRequester requester) {
        this.requester = requester;
    }

    @Override
    public synchronized int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return line[position++] & 0xFF;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, line.length - position);
        System.arraycopy(line, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return line.length - position;
    }

    /** Drops unread input, so one cell's leftover line does not leak into the next. */
    public synchronized void discard() {
        line = new byte[0];
        position = 0;
    }

    private boolean fill() throws IOException {
        if (position < line.length) {
            return true;
        }
        String typed = requester.requestLine("", false);
        if (typed == null) {
            return false;
        }
        line = (typed + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
        return true;
    }

    @Override
    public String toString() {
        return "NotebookInputStream[" + available() + " bytes buffered]";
    }
}
