package shapeprop.kernel.magic;

import shapeprop.kernel.eval.CellSplitter;
import shapeprop.kernel.eval.JavaScanner;

import java.util.ArrayList;
import java.util.List;

/**
 * A cell cut into what runs in order: Java code chunks and magic lines between them. A magic line starts
 * with '%' outside comments and literals; a cell magic ({@code %%name} on the first line that is not blank)
 * takes the whole cell.
 */
public final class CellParts {

    /** One part: either code (with its offset in the cell) or a magic. */
    public sealed interface Part {
    }

    public record Code(String text, int offset) implements Part {
    }

    public record MagicPart(Magic magic) implements Part {
    }

    private CellParts() {
    }

    public static List<Part> split(String cell) {
        List<Part> parts = new ArrayList<>();
        String stripped = cell.stripLeading();
        if (stripped.startsWith("%%")) {
            // blank lines above the magic are allowed (a notebook often starts a cell with one): its line is the
            // first that is not blank, and its body is everything below that line
            int start = cell.length() - stripped.length();
            int nl = cell.indexOf('\n', start);
            String first = nl < 0 ? cell.substring(start) : cell.substring(start, nl);
            String body = nl < 0 ? "" : cell.substring(nl + 1);
            parts.add(new MagicPart(Magic.parse(first, body, CellSplitter.lineOf(cell, start))));
            return parts;
        }
        int codeStart = 0;
        int pos = 0;
        int lineNumber = 1;
        // A line is a magic only if it starts in code: inside a block comment or a text block ("%d items")
        // it belongs to the Java around it.
        JavaScanner java = new JavaScanner();
        while (pos <= cell.length()) {
            int nl = cell.indexOf('\n', pos);
            int end = nl < 0 ? cell.length() : nl;
            String line = cell.substring(pos, end);
            if (java.inCode() && Magic.isMagicLine(line)) {
                if (!cell.substring(codeStart, pos).isBlank()) {
                    parts.add(new Code(cell.substring(codeStart, pos), codeStart));
                }
                parts.add(new MagicPart(Magic.parse(line, "", lineNumber)));
                codeStart = nl < 0 ? cell.length() : nl + 1;
            } else {
                java.scan(cell, pos, nl < 0 ? end : nl + 1);
            }
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
            lineNumber++;
        }
        if (codeStart < cell.length() && !cell.substring(codeStart).isBlank()) {
            parts.add(new Code(cell.substring(codeStart), codeStart));
        }
        return parts;
    }
}
