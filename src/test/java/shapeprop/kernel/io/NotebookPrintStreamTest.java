package shapeprop.kernel.io;

import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class NotebookPrintStreamTest {

    private final List<String> shown = new ArrayList<>();
    private final CellOutputStream cellOutput = new CellOutputStream("stdout", (name, text) -> shown.add(text),
            Long.MAX_VALUE);
    private final PrintStream systemOut = new NotebookPrintStream(cellOutput);

    private String shownInCell() {
        cellOutput.endCell();
        String text = String.join("", shown);
        shown.clear();
        return text;
    }

    @Test
    void aWriterClosedAroundSystemOutDoesNotSilenceTheNextCells() {
        try (var pw = new PrintWriter(systemOut)) {
            pw.println("via writer");
        }
        assertEquals("via writer\n", shownInCell());
        systemOut.println("next cell");
        assertEquals("next cell\n", shownInCell());
        assertFalse(systemOut.checkError(), "printing after the close is not an error");
    }

    @Test
    void closingSystemOutItselfOnlyFlushesIt() {
        systemOut.print("no newline yet");
        systemOut.close();
        systemOut.println(", and still printing");
        assertEquals("no newline yet, and still printing\n", shownInCell());
    }
}
