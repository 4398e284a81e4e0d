package shapeprop.kernel.eval;

/**
 * The code given to {@code eval(…)} did not compile, threw, or was stopped; the message names the call, says what
 * went wrong and what to do. An exception the code threw is the cause, the object itself: {@code catch
 * (EvalCallException e)} can look at {@code e.getCause()}.
 */
public final class EvalCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EvalCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
