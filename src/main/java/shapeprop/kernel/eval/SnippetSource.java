package shapeprop.kernel.eval;

/**
 * The source of one JShell snippet and where it starts in its cell, so that compile errors and stack
 * frames can point at the cell's own lines.
 *
 * @param code   the snippet's text, starting at its first token
 * @param offset index of that first token in the cell
 * @param line   1-based cell line of that first token
 */
public record SnippetSource(String code, int offset, int line) {

    @Override
    public String toString() {
        return "SnippetSource[line " + line + ": " + code.strip().lines().findFirst().orElse("") + "]";
    }
}
