package shapeprop.kernel.magic;

import java.util.ArrayList;
import java.util.List;

/**
 * One magic command in a cell: {@code %maven org.apache.commons:commons-text:1.12.0} (a line magic) or a
 * cell starting with {@code %%html} (a cell magic, whose body is the rest of the cell).
 *
 * @param name magic name without the percent signs
 * @param args the words after the name; quotes group words with spaces
 * @param body for a cell magic, the cell after its first line; "" for a line magic
 * @param line 1-based cell line of the magic
 */
public record Magic(String name, List<String> args, String body, int line, boolean cell) {

    public Magic {
        args = List.copyOf(args);
    }

    /** Whether a line of a cell is a line magic (Java code never starts a line with '%'). */
    public static boolean isMagicLine(String line) {
        String s = line.stripLeading();
        return s.startsWith("%") && s.length() > 1 && Character.isLetter(s.charAt(1));
    }

    /** Parses "%name arg 'two words'" or "%%name args"; the percent signs are required. */
    public static Magic parse(String line, String body, int lineNumber) {
        String s = line.strip();
        if (!s.startsWith("%")) {
            throw new IllegalArgumentException("Line " + lineNumber + " is not a magic: it must start with '%' "
                    + "(e.g. %maven group:artifact:version), but it reads \"" + s + "\".");
        }
        boolean cell = s.startsWith("%%");
        s = s.substring(cell ? 2 : 1);
        List<String> words = words(s);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("A magic needs a name after '%', e.g. %maven group:artifact:version.");
        }
        return new Magic(words.get(0), words.subList(1, words.size()), body, lineNumber, cell);
    }

    /** Splits on whitespace; single or double quotes keep spaces inside one word. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }

    @Override
    public String toString() {
        return (cell ? "%%" : "%") + name + (args.isEmpty() ? "" : " " + String.join(" ", args));
    }
}
