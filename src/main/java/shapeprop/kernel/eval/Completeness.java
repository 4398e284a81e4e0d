package shapeprop.kernel.eval;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/**
 * Answers Jupyter's {@code is_complete}: can the console run this code now, does it need another line
 * (and with which indent), or is it invalid whatever follows?
 */
public final class Completeness {

    /** Jupyter's three answers; {@code indent} is only meaningful for INCOMPLETE. */
    public record Verdict(String status, String indent) {
        @Override
        public String toString() {
            return status.equals("incomplete") ? "incomplete(indent='" + indent + "')" : status;
        }
    }

    private final SourceCodeAnalysis analysis;

    public Completeness(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    /**
     * The verdict on {@code code}, Java only: the kernel blanks a cell's magics first (a magic is complete by itself,
     * and JShell would call it invalid Java).
     */
    public Verdict check(String code) {
        String rest = code;
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> rest = info.remaining();
                case EMPTY -> rest = "";
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return new Verdict("incomplete", indentAfter(code));
                }
                default -> {
                    return new Verdict("invalid", "");
                }
            }
        }
        return new Verdict("complete", "");
    }

    /** The next line's indent: the last line's, plus four spaces after an opening brace or parenthesis. */
    static String indentAfter(String code) {
        String[] lines = code.split("\n", -1);
        String last = lines[lines.length - 1].isBlank() && lines.length > 1 ? lines[lines.length - 2] : lines[lines.length - 1];
        int n = 0;
        while (n < last.length() && last.charAt(n) == ' ') {
            n++;
        }
        String trimmed = last.strip();
        boolean opens = trimmed.endsWith("{") || trimmed.endsWith("(") || trimmed.endsWith("[");
        return " ".repeat(n + (opens ? 4 : 0));
    }

    @Override
    public String toString() {
        return "Completeness[JShell analyzeCompletion]";
    }
}
