package shapeprop.kernel.eval;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads Java source just far enough to know what is open at a point: a comment, a string, char or text-block
 * literal, and which brackets are not closed yet. The kernel needs this where JShell's parser cannot help: a
 * line starting with '%' is a magic only in code (a text block may well hold {@code %d items}), and a cell
 * that ends inside a comment must be reported, not silently dropped.
 *
 * <p>Deliberately not a full lexer: unicode escapes such as {@code \u0022} are not decoded, and a closing
 * bracket that does not match the last opened one is left for javac to report.
 */
public final class JavaScanner {

    /** What the next character belongs to. */
    public enum State { CODE, LINE_COMMENT, BLOCK_COMMENT, STRING, CHAR, TEXT_BLOCK }

    private static final String TEXT_BLOCK_QUOTES = "\"\"\"";

    private State state = State.CODE;
    private int openedAt = -1;
    // offsets of the opening brackets not closed yet, the last opened first
    private final Deque<Integer> brackets = new ArrayDeque<>();

    /** Reads {@code text} from {@code from} (inclusive) to {@code to} (exclusive), continuing the state so far. */
    public JavaScanner scan(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            char next = i + 1 < to ? text.charAt(i + 1) : 0;
            switch (state) {
                case CODE -> {
                    if (c == '/' && next == '/') {
                        open(State.LINE_COMMENT, i++);
                    } else if (c == '/' && next == '*') {
                        open(State.BLOCK_COMMENT, i++);
                    } else if (text.startsWith(TEXT_BLOCK_QUOTES, i) && i + 3 <= to) {
                        open(State.TEXT_BLOCK, i);
                        i += 2;
                    } else if (c == '"') {
                        open(State.STRING, i);
                    } else if (c == '\'') {
                        open(State.CHAR, i);
                    } else if (c == '(' || c == '[' || c == '{') {
                        brackets.push(i);
                    } else if (!brackets.isEmpty() && c == closing(text.charAt(brackets.peek()))) {
                        brackets.pop();
                    }
                }
                case LINE_COMMENT -> {
                    if (c == '\n') {
                        state = State.CODE;
                    }
                }
                case BLOCK_COMMENT -> {
                    if (c == '*' && next == '/') {
                        state = State.CODE;
                        i++;
                    }
                }
                case STRING, CHAR -> {
                    // a string or char literal cannot span lines: javac reports the unclosed one, the next line is code
                    if (c == '\n' || c == (state == State.STRING ? '"' : '\'')) {
                        state = State.CODE;
                    } else if (c == '\\' && next != '\n') {
                        i++;
                    }
                }
                case TEXT_BLOCK -> {
                    if (c == '\\') {
                        i++; // \" and \<line end> are escapes inside a text block
                    } else if (text.startsWith(TEXT_BLOCK_QUOTES, i)) {
                        state = State.CODE;
                        i += 2;
                    }
                }
            }
        }
        return this;
    }

    /** Reads all of {@code text}. */
    public static JavaScanner scan(String text) {
        return new JavaScanner().scan(text, 0, text.length());
    }

    private void open(State s, int at) {
        state = s;
        openedAt = at;
    }

    private static char closing(char opening) {
        return switch (opening) {
            case '(' -> ')';
            case '[' -> ']';
            default -> '}';
        };
    }

    public State state() {
        return state;
    }

    /** Whether the next character is code: not inside a comment or a literal. */
    public boolean inCode() {
        return state == State.CODE;
    }

    /** Where the comment or literal the scanner is in began; -1 in code. */
    public int openedAt() {
        return state == State.CODE ? -1 : openedAt;
    }

    /** Where the last opened bracket that is still open is, or -1 if every bracket is closed. */
    public int unclosedBracket() {
        return brackets.isEmpty() ? -1 : brackets.peek();
    }

    @Override
    public String toString() {
        return "JavaScanner[" + state + (state == State.CODE ? "" : " since " + openedAt)
                + ", " + brackets.size() + " open brackets]";
    }
}
