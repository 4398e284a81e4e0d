package shapeprop.kernel.eval;

/** How a cell's code ended: with a value to show, silently, or with an error. */
public sealed interface Outcome {

    /**
     * The cell ended with an expression: the real object (may be null), JShell's text for it, and the
     * expression's source.
     */
    record Value(Object object, String text, String source) implements Outcome {
        @Override
        public String toString() {
            return "Value[" + text + "]";
        }
    }

    /** The cell ended with a statement or declaration: nothing to show. */
    record Silent() implements Outcome {
    }

    /** A compile error, an exception, or an interrupt. */
    record Failed(CellError error) implements Outcome {
    }
}
