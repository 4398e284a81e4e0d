package shapeprop.kernel.eval;

import java.util.List;

/**
 * What a failed cell shows: Jupyter's {@code ename}, {@code evalue} and traceback lines (ANSI-coloured).
 */
public record CellError(String ename, String evalue, List<String> traceback) {

    public CellError {
        traceback = List.copyOf(traceback);
    }

    /** The traceback as one text, colours included. */
    public String text() {
        return String.join("\n", traceback);
    }

    @Override
    public String toString() {
        return ename + ": " + evalue;
    }
}
