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

    public Verdict check(String code) {
        if (code.stripLeading().startsWith("%%")) {
            return new Verdict("complete", "");
        }
        String rest = withoutMagicLines(code);
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

    /**
     * Magic lines (%maven …) are complete by themselves; JShell would call them invalid Java. A line inside a
     * comment or a text block is Java even if it starts with '%'.
     */
    static String withoutMagicLines(String code) {
        StringBuilder sb = new StringBuilder();
        JavaScanner java = new JavaScanner();
        int pos = 0;
        for (String line : code.split("\n", -1)) {
            boolean magic = java.inCode() && line.stripLeading().startsWith("%");
            if (!magic) {
                java.scan(code, pos, Math.min(code.length(), pos + line.length() + 1));
            }
            sb.append(magic ? "" : line).append('\n');
            pos += line.length() + 1;
        }
        return sb.toString();
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
