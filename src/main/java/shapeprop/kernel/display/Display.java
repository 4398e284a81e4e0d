package shapeprop.kernel.display;

import java.util.UUID;

/**
 * What a notebook cell can call to show things (imported statically at start, IJava-compatible):
 * <pre>
 * String id = display(W1);               // shows the matrix as an HTML table, returns its display id
 * updateDisplay(id, W1.sub(dW1));        // replaces that output in place (live progress)
 * display(net, "text/plain");            // only some representations
 * render(img, "image/png")               // a bundle shown when it is the cell's result
 * display(markdown("**loss** falls"));   display(latex("\\frac{\\partial L}{\\partial W}"));
 * clearOutput();
 * </pre>
 */
public final class Display {

    private static final DisplaySink PRINTING = new DisplaySink() {
        // Outside a kernel (a plain JShell, a test) displays fall back to printing their text.
        @Override
        public void display(MimeBundle bundle, String displayId) {
            System.out.println(bundle.get("text/plain"));
        }

        @Override
        public void update(MimeBundle bundle, String displayId) {
            System.out.println(bundle.get("text/plain"));
        }

        @Override
        public void clear(boolean wait) {
        }
    };

    private static volatile DisplaySink sink = PRINTING;

    private Display() {
    }

    /** The kernel connects its IOPub publisher here at start-up. */
    public static void connect(DisplaySink newSink) {
        sink = newSink == null ? PRINTING : newSink;
    }

    /** Shows {@code value} in the cell's output with its richest representations; returns its display id. */
    public static String display(Object value) {
        return display(value, new String[0]);
    }

    /** Shows only the given MIME types of {@code value}, e.g. {@code display(m, "text/html")}. */
    public static String display(Object value, String... mimeTypes) {
        String id = UUID.randomUUID().toString();
        sink.display(render(value, mimeTypes), id);
        return id;
    }

    /** Replaces the output shown with {@code displayId} by {@code value}. */
    public static void updateDisplay(String displayId, Object value) {
        updateDisplay(displayId, value, new String[0]);
    }

    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        if (displayId == null || displayId.isEmpty()) {
            throw new IllegalArgumentException("updateDisplay needs the id returned by display(...); got "
                    + (displayId == null ? "null" : "an empty string") + ".");
        }
        sink.update(render(value, mimeTypes), displayId);
    }

    /**
     * The representations of {@code value} (only {@code mimeTypes} if given); shown if it is a cell's result.
     * A String asked for as a text format is that text: {@code display("**loss** falls", "text/markdown")} shows
     * Markdown. When none of the asked-for types can be made, the value's text is shown, as in IJava, never an
     * empty output.
     */
    public static MimeBundle render(Object value, String... mimeTypes) {
        MimeBundle all = Renderers.global().render(value);
        MimeBundle asked = all.only(mimeTypes);
        if (value instanceof CharSequence text && mimeTypes != null) {
            for (String mime : mimeTypes) {
                if (mime != null && !asked.has(mime) && (mime.startsWith("text/") || mime.equals("image/svg+xml"))) {
                    asked.put(mime, text.toString());
                }
            }
        }
        if (asked.mimeTypes().isEmpty() && all.has("text/plain")) {
            asked.put("text/plain", all.get("text/plain"));
        }
        return asked;
    }

    /** Clears the cell's output now. */
    public static void clearOutput() {
        sink.clear(false);
    }

    /** Clears the cell's output; with {@code wait} only once new output arrives, which avoids flicker. */
    public static void clearOutput(boolean wait) {
        sink.clear(wait);
    }

    public static MimeText html(String html) {
        return new MimeText("text/html", given("html", "<b>loss</b> falls", html));
    }

    public static MimeText markdown(String markdown) {
        return new MimeText("text/markdown", given("markdown", "**loss** falls", markdown));
    }

    /** LaTeX math; wrapped in $$ … $$ unless it already has math delimiters. */
    public static MimeText latex(String latex) {
        String t = given("latex", "\\\\frac{1}{m}", latex).strip();
        return new MimeText("text/latex", t.startsWith("$") || t.startsWith("\\[") || t.startsWith("\\begin")
                ? latex : "$$" + latex + "$$");
    }

    public static MimeText svg(String svg) {
        return new MimeText("image/svg+xml", given("svg", "<svg width='10' height='10'/>", svg));
    }

    /** {@code System.out.printf}, as IJava notebooks call it without the {@code System.out}. */
    public static void printf(String format, Object... args) {
        System.out.printf(format, args);
    }

    /**
     * The text a helper shows. Null is refused here, where the message can name the helper and give an example as
     * the learner would write it in a cell; the notebook would get JSON null where it needs a string.
     */
    private static String given(String helper, String example, String text) {
        if (text == null) {
            throw new IllegalArgumentException(helper + "(null): there is nothing to show. Give it the text as a "
                    + "String, e.g. " + helper + "(\"" + example + "\"); " + helper + "(\"\") shows nothing.");
        }
        return text;
    }
}
