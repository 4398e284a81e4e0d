package shapeprop.kernel.io;

import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellOutputStreamTest {

    private final List<String> messages = new ArrayList<>();

    private synchronized void collect(String name, String text) {
        messages.add(text);
    }

    private synchronized String all() {
        return String.join("", messages);
    }

    @Test
    void theFlushThreadLivesInTheTopThreadGroupNotInTheGroupOfTheCellThatFirstPrinted() throws Exception {
        // JShell runs each cell on a thread of a new group and waits for every thread of that group to end
        // before it answers the cell: the flush thread, started by a cell's first print, must not be one of them.
        ThreadGroup cell = new ThreadGroup("a JShell cell");
        CellOutputStream out = new CellOutputStream("stdout", this::collect, Long.MAX_VALUE);
        Thread snippet = new Thread(cell, () -> new PrintStream(out, true, StandardCharsets.UTF_8).println("hi"),
                "snippet");
        snippet.start();
        snippet.join();
        assertEquals(0, cell.activeCount(), "a thread the print started lives on in the cell's group");
        Thread flush = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("shapeprop-output-flush")).findFirst().orElseThrow();
        assertNull(flush.getThreadGroup().getParent(), "the flush thread is in " + flush.getThreadGroup());
        out.endCell();
        assertEquals("hi\n", all());
    }

    @Test
    void aMillionPrintlnsBecomeAFewHundredMessagesWithEveryLine() {
        CellOutputStream out = new CellOutputStream("stdout", this::collect, Long.MAX_VALUE);
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        for (int i = 0; i < 1_000_000; i++) {
            ps.println(i);
        }
        out.endCell();
        String text = all();
        assertTrue(messages.size() < 200, messages.size() + " messages");
        assertEquals(1_000_000, text.lines().count());
        assertTrue(text.endsWith("999999\n"));
    }

    @Test
    void outputPastTheLimitIsCountedAndExplained() {
        CellOutputStream out = new CellOutputStream("stdout", this::collect, 100);
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        for (int i = 0; i < 100; i++) {
            ps.println("0123456789");
        }
        assertTrue(out.endCell() > 900);
        String text = all();
        assertTrue(text.startsWith("0123456789\n"));
        assertTrue(text.contains("not shown (limit 100 bytes per cell)") && text.contains("SHAPEPROP_MAX_OUTPUT"), text);
    }

    @Test
    void aMultiByteCharacterIsNeverSplitBetweenMessages() {
        byte[] sigma = "σ".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, CellOutputStream.completeUtf8Length(new byte[] {sigma[0]}));
        assertEquals(2, CellOutputStream.completeUtf8Length(sigma));
        byte[] arrow = "a→".getBytes(StandardCharsets.UTF_8);
        assertEquals(1, CellOutputStream.completeUtf8Length(new byte[] {arrow[0], arrow[1], arrow[2]}));
    }

    @Test
    void slowOutputStillArrivesWithoutWaitingForTheCellToEnd() throws InterruptedException {
        CellOutputStream out = new CellOutputStream("stdout", this::collect, Long.MAX_VALUE);
        out.write("epoch 1\n".getBytes(StandardCharsets.UTF_8), 0, 8);
        long deadline = System.currentTimeMillis() + 5000;
        while (all().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertEquals("epoch 1\n", all());
    }

    @Test
    void theTimersChunkIsNeverOvertakenByTheCellsEnd() throws InterruptedException {
        // the flush thread is slow to hand its chunk over (a busy machine): the cell's end must wait for it, or
        // the text after the chunk arrives before it (a table whose first rows came last)
        StreamSink slowTimer = (name, text) -> {
            if (Thread.currentThread().getName().equals("shapeprop-output-flush")) {
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            collect(name, text);
        };
        CellOutputStream out = new CellOutputStream("stdout", slowTimer, Long.MAX_VALUE);
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        ps.println("header");
        // the timer takes "header" after 40 ms and sleeps on it; the cell prints on and ends meanwhile
        Thread.sleep(80);
        ps.println("row 1");
        ps.println("row 2");
        out.endCell();
        long deadline = System.currentTimeMillis() + 5000;
        while (!all().contains("row 2") && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertEquals("header\nrow 1\nrow 2\n", all());
    }
}
