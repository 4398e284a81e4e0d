package shapeprop.kernel.protocol;

/** A message the kernel drops: malformed frames or a signature that does not match the kernel's key. */
public final class RejectedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public RejectedMessageException(String reason) {
        super(reason);
    }
}
