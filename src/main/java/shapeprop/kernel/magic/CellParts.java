package shapeprop.kernel.magic;

import shapeprop.kernel.eval.CellSplitter;

import java.util.ArrayList;
import java.util.List;

/**
 * A cell cut into what runs in order: Java code chunks and the magic lines the kernel runs between them. A magic
 * line starts with '%' outside comments and literals; a cell magic ({@code %%name} on the first line that is not
 * blank) takes the whole cell. Magics the code itself calls ({@code x = %jars …}) are left in it, for
 * {@link InlineMagics}.
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
        if (MagicSpans.isCellMagic(cell)) {
            String stripped = cell.stripLeading();
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
        // A line is a magic only if it starts in code (see MagicSpans): inside a block comment or a text block
        // ("%d items") it belongs to the Java around it. Magics the code calls (x = %jars …) are left to the code.
        for (MagicSpans.Span magic : MagicSpans.of(cell)) {
            if (magic.kind().calledByCode()) {
                continue;
            }
            int lineStart = cell.lastIndexOf('\n', magic.start() - 1) + 1;
            if (!cell.substring(codeStart, lineStart).isBlank()) {
                parts.add(new Code(cell.substring(codeStart, lineStart), codeStart));
            }
            parts.add(new MagicPart(Magic.parse(magic.text(cell), "", magic.line())));
            codeStart = Math.min(cell.length(), magic.end() + 1);
        }
        if (codeStart < cell.length() && !cell.substring(codeStart).isBlank()) {
            parts.add(new Code(cell.substring(codeStart), codeStart));
        }
        return parts;
    }
}
