package shapeprop.kernel.eval;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each JShell snippet came from (execution count and first line in its cell, or the code an {@code eval(…)}
 * ran), so a stack frame {@code (#12:3)} can be shown as {@code cell [4] line 7}.
 */
public final class SnippetLocations {

    /** {@code where} with a %d for the line: "cell [4] line %d". */
    private record Location(String where, int firstLine) {
    }

    private final ConcurrentHashMap<String, Location> bySnippetId = new ConcurrentHashMap<>();

    public void remember(String snippetId, int executionCount, int firstLine) {
        bySnippetId.put(snippetId, new Location(
                (executionCount > 0 ? "cell [" + executionCount + "] " : "start-up ") + "line %d", firstLine));
    }

    /** A snippet of the code that {@code eval(…)} ran from cell [executionCount]: "eval(…) line 2, in cell [4]". */
    public void rememberEvaluated(String snippetId, int executionCount, int firstLine) {
        bySnippetId.put(snippetId, new Location("eval(…) line %d"
                + (executionCount > 0 ? ", in cell [" + executionCount + "]" : ""), firstLine));
    }

    /** "cell [4] line 7" for JShell's file name "#12" and snippet line 3, or null for a foreign frame. */
    public String describe(String fileName, int snippetLine) {
        if (fileName == null || !fileName.startsWith("#")) {
            return null;
        }
        Location loc = bySnippetId.get(fileName.substring(1));
        if (loc == null) {
            return "snippet " + fileName + " line " + snippetLine;
        }
        return String.format(java.util.Locale.ROOT, loc.where(), loc.firstLine() + Math.max(snippetLine, 1) - 1);
    }

    @Override
    public String toString() {
        return "SnippetLocations[" + bySnippetId.size() + " snippets]";
    }
}
