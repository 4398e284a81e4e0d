package shapeprop.kernel.magic;

import shapeprop.kernel.eval.Completions;
import shapeprop.kernel.eval.JavaScanner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the line magics of a cell are, as IJava finds them: a {@code %name} that starts a line, or that follows an
 * {@code =} ({@code List<String> added = %jars lib/*.jar}); either runs to the end of its line. Only in code: a
 * {@code %} inside a comment, a string or a text block ({@code "%d items"}) is Java. A cell magic ({@code %%html} on
 * the first line that is not blank) has no line magics: the whole cell is its body.
 *
 * <p>A magic's arguments are not Java ({@code lib/*.jar} would open a comment), so the scan skips them.
 */
public final class MagicSpans {

    /** How a magic runs. */
    public enum Kind {
        /** A line of its own at the cell's top level: the kernel runs it between the code around it. */
        LINE,
        /** After '=': the code calls it ({@code lineMagic(…)}) and assigns its value. */
        ASSIGNED,
        /** A line of its own inside a block ({ or ( still open), which it cannot cut: the code calls it there. */
        IN_BLOCK;

        /** Whether the cell's code calls the magic (IJava's {@code lineMagic}), rather than the kernel between code. */
        public boolean calledByCode() {
            return this != LINE;
        }
    }

    /**
     * One magic: from its '%' to the end of its line (the line break excluded).
     *
     * @param line 1-based cell line of the magic
     */
    public record Span(int start, int end, Kind kind, int line) {

        /** The magic's text, {@code %jars lib/*.jar}. */
        public String text(String cell) {
            return cell.substring(start, end);
        }
    }

    /** An '=' and the magic after it: '%' and a letter ({@code x = % 2} stays Java, and an error). */
    private static final Pattern ASSIGNED_MAGIC = Pattern.compile("=[ \\t]*(%\\p{L})");

    private MagicSpans() {
    }

    /** Whether {@code cell} is a cell magic: {@code %%name} on its first line that is not blank. */
    public static boolean isCellMagic(String cell) {
        return cell.stripLeading().startsWith("%%");
    }

    /** The line magics of {@code cell}, in order; none in a cell magic. */
    public static List<Span> of(String cell) {
        List<Span> spans = new ArrayList<>();
        if (isCellMagic(cell)) {
            return spans;
        }
        JavaScanner java = new JavaScanner();
        int pos = 0;
        int lineNumber = 1;
        while (pos <= cell.length()) {
            int nl = cell.indexOf('\n', pos);
            int end = nl < 0 ? cell.length() : nl;
            int next = nl < 0 ? end : nl + 1;
            String line = cell.substring(pos, end);
            if (java.inCode() && Magic.isMagicLine(line)) {
                int at = pos + line.length() - line.stripLeading().length();
                spans.add(new Span(at, end, java.unclosedBracket() < 0 ? Kind.LINE : Kind.IN_BLOCK, lineNumber));
            } else {
                int scanned = pos;
                Matcher m = ASSIGNED_MAGIC.matcher(cell).region(pos, end);
                while (m.find()) {
                    // up to and including the '=' (which opens nothing, so the scan can stop right after it)
                    java.scan(cell, scanned, m.start() + 1);
                    scanned = m.start() + 1;
                    if (java.inCode()) {
                        spans.add(new Span(m.start(1), end, Kind.ASSIGNED, lineNumber));
                        scanned = end;
                        break;
                    }
                }
                java.scan(cell, scanned, next);
            }
            if (nl < 0) {
                break;
            }
            pos = next;
            lineNumber++;
        }
        return spans;
    }

    /**
     * The cell as JShell's source analysis should read it (completion, inspection, is_complete): each magic blanked
     * with spaces, one the code calls left as a statement's end ({@code x = 0;}), a cell magic wholly blank. Of the
     * same length, line for line, so that positions in it are positions in the cell.
     */
    public static String blanked(String cell) {
        StringBuilder b = new StringBuilder(cell);
        if (isCellMagic(cell)) {
            for (int i = 0; i < b.length(); i++) {
                if (b.charAt(i) != '\n') {
                    b.setCharAt(i, ' ');
                }
            }
            return b.toString();
        }
        for (Span s : of(cell)) {
            String stand = switch (s.kind()) {
                case LINE -> "";
                case ASSIGNED -> "0;";
                case IN_BLOCK -> ";";
            };
            // a magic is at least two characters (%x), so the stand-in always fits
            b.replace(s.start(), s.end(), stand + " ".repeat(s.end() - s.start() - stand.length()));
        }
        return b.toString();
    }

    /**
     * The magics whose names complete the one the cursor is in or right after ({@code %mav|} gives {@code %maven},
     * {@code %%h|} gives {@code %%html}), replacing the whole name with its percent signs; null when the cursor is
     * not in a magic's name (in its words, or in Java).
     */
    public static Completions magicNames(String cell, int cursor) {
        int start;
        boolean cellMagic = isCellMagic(cell);
        if (cellMagic) {
            start = cell.length() - cell.stripLeading().length();
        } else {
            Span span = of(cell).stream().filter(s -> s.start() < cursor && cursor <= s.end()).findFirst().orElse(null);
            if (span == null) {
                return null;
            }
            start = span.start();
        }
        String percent = cellMagic ? "%%" : "%";
        int nameStart = start + percent.length();
        int nameEnd = nameStart;
        while (nameEnd < cell.length() && Character.isLetterOrDigit(cell.charAt(nameEnd))) {
            nameEnd++;
        }
        if (cursor < nameStart || cursor > nameEnd) {
            return null;
        }
        String typed = cell.substring(nameStart, cursor).toLowerCase(Locale.ROOT);
        List<String> matches = (cellMagic ? Magics.CELL_MAGICS : Magics.LINE_MAGICS).stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith(typed))
                .map(name -> percent + name)
                .toList();
        return new Completions(matches, start, nameEnd);
    }

    /** Whether {@code cursor} is in a magic's text, where Java completion has nothing to offer. */
    public static boolean inMagic(String cell, int cursor) {
        if (isCellMagic(cell)) {
            return true;
        }
        return of(cell).stream().anyMatch(s -> s.start() < cursor && cursor <= s.end());
    }
}
