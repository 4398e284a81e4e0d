package shapeprop.kernel.magic;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The magics as Java methods, as IJava has them (imported statically in every notebook):
 * <pre>
 * List&lt;String&gt; added = lineMagic("jars", List.of("lib/commons-text-1.12.0.jar"));   // the paths added
 * lineMagic("maven", List.of("org.apache.commons:commons-text:1.12.0"));
 * cellMagic("html", List.of(), "&lt;b&gt;loss&lt;/b&gt; falls");
 * </pre>
 * {@code List<String> added = %jars lib/*.jar} is the first line written shorter (see {@link InlineMagics}).
 *
 * <p>The call runs on the thread of the cell's code, in the kernel's JVM, which connects its {@link Magics} here at
 * start. Classes of a jar added this way can be used from the cell's next statement on: the compiler sees the jar
 * from the next snippet it compiles, not in the statement that added it.
 */
public final class MagicCalls {

    private static volatile Magics magics;

    private MagicCalls() {
    }

    /** The kernel connects its magics here at start-up; null disconnects them. */
    public static void connect(Magics kernelMagics) {
        magics = kernelMagics;
    }

    /** Runs the line magic {@code %name args…}; returns its value (for %jars and %classpath the paths added). */
    public static <T> T lineMagic(String name, List<String> args) {
        return call("lineMagic", name, args, null);
    }

    /** Runs the cell magic {@code %%name args…} on {@code body}, e.g. {@code cellMagic("html", List.of(), "<b>x</b>")}. */
    public static <T> T cellMagic(String name, List<String> args, String body) {
        return call("cellMagic", name, args, body);
    }

    @SuppressWarnings("unchecked") // as IJava: the caller says what the magic returns, e.g. List<String> for %jars
    private static <T> T call(String function, String name, List<String> args, String body) {
        String call = describe(function, name, args, body);
        if (name == null || name.isBlank() || args == null || args.stream().anyMatch(Objects::isNull)
                || (function.equals("cellMagic") && body == null)) {
            throw new MagicCallException(call + ": " + (function.equals("lineMagic")
                    ? "give the magic's name and its words, e.g. lineMagic(\"jars\", List.of(\"lib/x.jar\"))"
                    : "give the magic's name, its words and the cell's text, e.g. cellMagic(\"html\", List.of(), "
                    + "\"<b>x</b>\")") + "; none of them may be null.");
        }
        Magics kernel = magics;
        if (kernel == null) {
            throw new IllegalStateException(call + " needs the ShapeProp (or IJava) Jupyter kernel, which runs the "
                    + "magics, and this JVM has none (a plain JShell or a test). Run it in a notebook on that kernel; in "
                    + "jshell, add jars with /env --class-path instead.");
        }
        try {
            return (T) kernel.call(new Magic(name, args, body == null ? "" : body, 0, body != null));
        } catch (MagicException e) {
            throw new MagicCallException(call + ": " + e.getMessage());
        }
    }

    /** The call as a learner writes it, {@code lineMagic("jars", List.of("a.jar"))}: in messages, and for inline magics. */
    static String describe(String function, String name, List<String> args, String body) {
        String words = args == null ? "null" : "List.of(" + args.stream()
                .map(a -> a == null ? "null" : literal(a)).collect(Collectors.joining(", ")) + ")";
        String text = body == null ? (function.equals("cellMagic") ? ", null" : "") : ", …";
        return function + "(" + (name == null ? "null" : literal(name)) + ", " + words + text + ")";
    }

    /** A Java string literal of {@code s}: quotes and backslashes escaped, control characters in octal. */
    static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < ' ') {
                // not a unicode escape: javac reads those before it reads strings, so a line break's would end the line
                b.append(String.format("\\%03o", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
