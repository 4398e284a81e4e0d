package shapeprop.kernel.io;

/** Asks the notebook user for one line of input (Jupyter's {@code input_request}). */
@FunctionalInterface
public interface InputRequester {

    /**
     * The line the user typed, without its newline.
     *
     * @throws java.io.IOException when the front-end cannot take input or the cell was interrupted
     */
    String requestLine(String prompt, boolean password) throws java.io.IOException;
}
