package shapeprop.kernel.magic;

/**
 * A magic called from a cell's code ({@code lineMagic}, {@code cellMagic}, {@code x = %jars …}) that could not do
 * what it was asked; the message names the call, says why, and what to write instead. The cell shows it as "Magic
 * failed", as it shows a magic line that failed.
 */
public final class MagicCallException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public MagicCallException(String message) {
        super(message);
    }
}
