package shapeprop.kernel.eval;

/** The few ANSI colours Jupyter front-ends render in tracebacks. */
final class Ansi {

    static final String RED = "\u001b[31m";
    static final String BOLD_RED = "\u001b[1;31m";
    static final String CYAN = "\u001b[36m";
    static final String GREEN = "\u001b[32m";
    static final String BOLD = "\u001b[1m";
    static final String RESET = "\u001b[0m";

    private Ansi() {
    }
}
