package shapeprop.kernel.eval;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each JShell snippet came from (execution count and first line in its cell), so a stack frame
 * {@code (#12:3)} can be shown as {@code cell [4] line 7}.
 */
public final class SnippetLocations {

    private record Location(int executionCount, int firstLine) {
    }

    private final ConcurrentHashMap<String, Location> bySnippetId = new ConcurrentHashMap<>();

    public void remember(String snippetId, int executionCount, int firstLine) {
        bySnippetId.put(snippetId, new Location(executionCount, firstLine));
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
        int line = loc.firstLine() + Math.max(snippetLine, 1) - 1;
        return (loc.executionCount() > 0 ? "cell [" + loc.executionCount() + "] " : "start-up ") + "line " + line;
    }

    @Override
    public String toString() {
        return "SnippetLocations[" + bySnippetId.size() + " snippets]";
    }
}
