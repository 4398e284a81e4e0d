package shapeprop.kernel.magic;

/** A magic that cannot do what it was asked; the message says why and what to write instead. */
public final class MagicException extends Exception {

    private static final long serialVersionUID = 1L;

    public MagicException(String message) {
        super(message);
    }
}
