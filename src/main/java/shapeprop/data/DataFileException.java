package shapeprop.data;

import java.nio.file.Path;

/**
 * A data file that cannot be used: missing, truncated, of the wrong kind, or not the file it claims to be.
 * The message names the file, the problem and the fix.
 */
public class DataFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;
    private final String fix;

    public DataFileException(Path file, String problem, String fix) {
        this(file, problem, fix, null);
    }

    public DataFileException(Path file, String problem, String fix, Throwable cause) {
        super(file + ": " + problem + (fix == null || fix.isEmpty() ? "" : "\n" + fix), cause);
        this.file = file;
        this.problem = problem;
        this.fix = fix == null ? "" : fix;
    }

    /** The file (or directory) at fault. */
    public Path file() {
        return file;
    }

    /** What is wrong with it. */
    public String problem() {
        return problem;
    }

    /** What to do about it. */
    public String fix() {
        return fix;
    }

    /** The same problem with another fix, for callers that know better where the file comes from. */
    public DataFileException withFix(String otherFix) {
        DataFileException e = new DataFileException(file, problem, otherFix, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }
}
