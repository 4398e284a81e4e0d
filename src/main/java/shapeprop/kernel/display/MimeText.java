package shapeprop.kernel.display;

/**
 * Text that a front-end renders: HTML, Markdown, LaTeX or SVG. Made by {@code html("…")}, {@code markdown("…")},
 * {@code latex("…")} in a notebook.
 */
public record MimeText(String mime, String text) {

    public MimeBundle bundle() {
        return MimeBundle.text(text).put(mime, text);
    }

    @Override
    public String toString() {
        return text;
    }
}
