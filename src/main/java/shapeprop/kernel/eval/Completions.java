package shapeprop.kernel.eval;

import java.util.List;

/** Completion candidates replacing the text between cursorStart and cursorEnd. */
public record Completions(List<String> matches, int cursorStart, int cursorEnd) {

    @Override
    public String toString() {
        return "Completions[" + matches.size() + " at " + cursorStart + ".." + cursorEnd + "]";
    }
}
