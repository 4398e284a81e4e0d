package shapeprop.kernel.io;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What System.out (or System.err) becomes inside the kernel: bytes collect in a buffer and leave as one
 * Jupyter {@code stream} message when the buffer is large, a short moment after the first byte, or when
 * the cell ends. So a cell printing a million lines sends a few hundred messages, not a million, and
 * past a limit per cell the rest is counted instead of flooding the notebook.
 */
public final class CellOutputStream extends OutputStream {

    /** Flush once this much text is waiting. */
    static final int BATCH_BYTES = 64 * 1024;
    /** Text printed slowly still appears within this delay. */
    static final long DELAY_MILLIS = 40;

    /**
     * Where the flush thread lives: the JVM's top thread group. The thread starts on the first print, and that
     * print comes from a cell: in the cell's own group (JShell's, one per cell) the flush thread would be among
     * the threads JShell waits for before it answers the cell, and it never ends.
     */
    private static final ThreadGroup KERNEL_THREADS = topThreadGroup();
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(KERNEL_THREADS, r, "shapeprop-output-flush");
        t.setDaemon(true);
        return t;
    });

    private final String name;
    private final StreamSink sink;
    private final long limitBytes;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(BATCH_BYTES);
    // Held from taking text out of the buffer until it is sent, so chunks leave in the order they were taken: the
    // timer's chunk and the cell's last one would otherwise race to the sink. Always taken before this object's own
    // lock, never while holding it.
    private final Object sendLock = new Object();
    private long sentThisCell;
    private long droppedThisCell;
    private boolean flushScheduled;

    public CellOutputStream(String name, StreamSink sink, long limitBytesPerCell) {
        this.name = name;
        this.sink = sink;
        this.limitBytes = limitBytesPerCell;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int off, int len) {
        boolean full;
        synchronized (this) {
            if (sentThisCell + buffer.size() >= limitBytes) {
                droppedThisCell += len;
                return;
            }
            buffer.write(bytes, off, len);
            full = buffer.size() >= BATCH_BYTES;
            if (!full && !flushScheduled) {
                flushScheduled = true;
                TIMER.schedule(this::flushPending, DELAY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
        if (full) {
            // a scheduled flush stays scheduled: a full buffer is not a reason for more messages
            send(false);
        }
    }

    /** PrintStream calls flush after every println: far too often to send a message each time. */
    @Override
    public void flush() {
    }

    /** Sends whatever is waiting now (the kernel calls this before a display, an input prompt, a reply). */
    public void flushPending() {
        send(true);
    }

    /** Sends what is waiting; {@code unschedule}: the next write may schedule a flush again. */
    private void send(boolean unschedule) {
        synchronized (sendLock) {
            String ready;
            synchronized (this) {
                if (unschedule) {
                    flushScheduled = false;
                }
                ready = drain();
            }
            if (ready != null) {
                sink.write(name, ready);
            }
        }
    }

    /**
     * Ends a cell: sends what is waiting and, if the limit cut the output, says how much was left out and
     * how to see it. Returns the number of bytes left out.
     */
    public long endCell() {
        synchronized (sendLock) {
            flushPending();
            long dropped;
            synchronized (this) {
                dropped = droppedThisCell;
                droppedThisCell = 0;
                sentThisCell = 0;
            }
            if (dropped > 0) {
                sink.write(name, "\n[shapeprop kernel: " + dropped + " more bytes of " + name
                        + " not shown (limit " + limitBytes + " bytes per cell); write large output to a file,"
                        + " or raise the limit with the environment variable SHAPEPROP_MAX_OUTPUT]\n");
            }
            return dropped;
        }
    }

    /** Takes the buffered text, keeping an incomplete UTF-8 character for the next batch. */
    private String drain() {
        if (buffer.size() == 0) {
            return null;
        }
        byte[] bytes = buffer.toByteArray();
        int end = completeUtf8Length(bytes);
        buffer.reset();
        buffer.write(bytes, end, bytes.length - end);
        sentThisCell += end;
        return end == 0 ? null : new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** Length of the longest prefix that does not end inside a multi-byte UTF-8 sequence. */
    static int completeUtf8Length(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int v = b[n - back] & 0xFF;
            if ((v & 0xC0) == 0x80) {
                continue; // continuation byte: look further back for the lead byte
            }
            int need = v >= 0xF0 ? 4 : v >= 0xE0 ? 3 : v >= 0xC0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }

    private static ThreadGroup topThreadGroup() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        return group;
    }

    @Override
    public String toString() {
        return "CellOutputStream[" + name + ", " + buffer.size() + " bytes waiting]";
    }
}
