package shapeprop.kernel.eval;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Cuts a cell into JShell snippets. {@code JShell.eval} takes one snippet at a time, while a notebook cell
 * holds several statements and declarations; JShell's own parser finds the boundaries.
 *
 * <p>A one-line cell such as {@code 1+1} or {@code int x = 3} can only be one snippet, and is taken whole
 * without asking the parser (which costs about half a millisecond per declaration, on every run of the cell),
 * with the ';' the parser would add.
 */
public final class CellSplitter {

    /** Characters that can hide or make a snippet boundary: statement ends, blocks, literals, comments. */
    private static final String BOUNDARY_CHARS = ";{}\"'/\\";

    /** Statements that JShell's eval takes only with their ';' (expressions and declarations it takes without). */
    private static final Set<String> STATEMENT_KEYWORDS = Set.of("assert", "break", "continue", "do", "for", "if",
            "return", "switch", "synchronized", "throw", "try", "while", "yield");

    private final Supplier<SourceCodeAnalysis> analysis;

    /** {@code analysis} is asked for only when a cell needs JShell's parser to find its snippets. */
    public CellSplitter(Supplier<SourceCodeAnalysis> analysis) {
        this.analysis = analysis;
    }

    /**
     * The snippets of {@code code}, which starts at {@code cellOffset} of {@code cell}. Trailing text that is
     * not a complete snippet is returned as a last snippet so that evaluating it reports the syntax error.
     */
    public List<SnippetSource> split(String cell, int cellOffset, String code) {
        int start = firstToken(code);
        if (start < code.length() && isOneLineSnippet(code.substring(start))) {
            int offset = cellOffset + start;
            String line = code.substring(start).stripTrailing();
            // JShell's eval rejects a declaration without its ';' (int x = 3): add it, as the jshell tool does.
            // An expression (1+1) keeps its value with the ';'. It comes last, so positions still fit the cell.
            return List.of(new SnippetSource(line.endsWith(";") ? line : line + ";", offset, lineOf(cell, offset)));
        }
        return splitByParser(cell, cellOffset, code);
    }

    /**
     * Whether {@code text} (starting at a token) is one line, possibly followed by blank lines, whose only
     * statement end is a {@code ;} at its very end, with no braces, quotes or comments. JShell's parser
     * would take such text as one snippet whatever it says (complete, incomplete or wrong), adding the ';' a
     * declaration or expression lacks; a statement such as {@code while (c < 3) c++} is left to the parser.
     */
    static boolean isOneLineSnippet(String text) {
        String line = text.stripTrailing();
        if (!line.endsWith(";") && STATEMENT_KEYWORDS.contains(firstWord(line))) {
            return false; // JShell runs it only with the ';' its parser adds (see splitByParser)
        }
        int end = line.endsWith(";") ? line.length() - 1 : line.length();
        for (int i = 0; i < end; i++) {
            char ch = line.charAt(i);
            if (ch == '\n' || ch == '\r' || BOUNDARY_CHARS.indexOf(ch) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static String firstWord(String text) {
        int end = 0;
        while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
            end++;
        }
        return text.substring(0, end);
    }

    /**
     * The snippets as JShell's parser finds them: {@link #split} for cells that are not one line. A cell's
     * last statement may lack its ';' ({@code throw new IllegalStateException("x")}, {@code while (c < 3) c++}):
     * JShell's eval rejects such a statement, so the ';' the parser adds is kept, as the jshell tool does. It
     * comes after the learner's text, so positions in the snippet still point into the cell.
     */
    List<SnippetSource> splitByParser(String cell, int cellOffset, String code) {
        List<SnippetSource> snippets = new ArrayList<>();
        int consumed = 0;
        while (consumed < code.length()) {
            String rest = code.substring(consumed);
            int start = firstToken(rest);
            if (start == rest.length()) {
                break;
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.get().analyzeCompletion(rest);
            Completeness c = info.completeness();
            int length = c.isComplete() ? rest.length() - info.remaining().length() : rest.length();
            if (length <= start) {
                length = rest.length();
            }
            // JShell numbers a snippet's lines from its first token; leading blank lines would shift them.
            int offset = cellOffset + consumed + start;
            String snippet = c == Completeness.COMPLETE_WITH_SEMI
                    ? info.source().substring(start)
                    : rest.substring(start, length);
            snippets.add(new SnippetSource(snippet, offset, lineOf(cell, offset)));
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
