package shapeprop.kernel.io;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What System.out and System.err are inside the kernel: UTF-8 PrintStreams whose {@code close()} only flushes.
 * They belong to the whole session, not to one cell: a cell that closes one, often without meaning to
 * ({@code try (var pw = new PrintWriter(System.out)) …} closes System.out with the writer), would otherwise
 * silence that stream in every later cell.
 */
public final class NotebookPrintStream extends PrintStream {

    public NotebookPrintStream(OutputStream cellOutput) {
        super(cellOutput, true, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        flush();
    }

    @Override
    public String toString() {
        return "NotebookPrintStream[" + out + "]";
    }
}
