package shapeprop.kernel.display;

/**
 * Shows objects of one type in a notebook: returns the MIME bundle (text, HTML, PNG…) for a value.
 * Register one with {@link Renderers#register(Class, Renderer)}.
 */
@FunctionalInterface
public interface Renderer<T> {

    MimeBundle render(T value);
}
