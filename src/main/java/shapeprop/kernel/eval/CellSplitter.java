package shapeprop.kernel.eval;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a cell into JShell snippets. {@code JShell.eval} takes one snippet at a time, while a notebook cell
 * holds several statements and declarations; JShell's own parser finds the boundaries.
 */
public final class CellSplitter {

    private final SourceCodeAnalysis analysis;

    public CellSplitter(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    /**
     * The snippets of {@code code}, which starts at {@code cellOffset} of {@code cell}. Trailing text that is
     * not a complete snippet is returned as a last snippet so that evaluating it reports the syntax error.
     */
    public List<SnippetSource> split(String cell, int cellOffset, String code) {
        List<SnippetSource> snippets = new ArrayList<>();
        int consumed = 0;
        while (consumed < code.length()) {
            String rest = code.substring(consumed);
            int start = firstToken(rest);
            if (start == rest.length()) {
                break;
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness c = info.completeness();
            int length = c.isComplete() ? rest.length() - info.remaining().length() : rest.length();
            if (length <= start) {
                length = rest.length();
            }
            // JShell numbers a snippet's lines from its first token; leading blank lines would shift them.
            int offset = cellOffset + consumed + start;
            snippets.add(new SnippetSource(rest.substring(start, length), offset, lineOf(cell, offset)));
            consumed += length;
        }
        return snippets;
    }

    /** 1-based line number of {@code offset} in {@code text}. */
    public static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Index of the first character that is neither whitespace nor inside a comment. */
    static int firstToken(String s) {
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (s.startsWith("//", i)) {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl + 1;
            } else if (s.startsWith("/*", i) && !s.startsWith("/**", i)) {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    return i; // an unclosed comment is the snippet's own syntax error
                }
                i = end + 2;
            } else {
                return i;
            }
        }
        return i;
    }

    @Override
    public String toString() {
        return "CellSplitter[JShell source analysis]";
    }
}
