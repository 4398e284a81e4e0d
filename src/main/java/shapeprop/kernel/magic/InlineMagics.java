package shapeprop.kernel.magic;

import java.util.List;

/**
 * IJava's inline magics as the Java they stand for: {@code List<String> added = %jars lib/*.jar} runs as
 * <pre>
 * List<String> added = lineMagic("jars", List.of("lib/*.jar"));
 * </pre>
 * so the jars are added when the code gets there, and the variable gets what the magic returns. A magic on a line of
 * its own inside a block (a loop's body, a method's) becomes the same call as a statement. As in IJava, a magic's words run to
 * the end of its line; a {@code ;} there ends the statement rather than being an argument.
 *
 * <p>Line for line: no line is added or removed, so compile errors and stack frames name the learner's lines.
 */
public final class InlineMagics {

    private InlineMagics() {
    }

    /** {@code cell} with each magic its code calls written as a {@code lineMagic} call; other text unchanged. */
    public static String toCalls(String cell) {
        List<MagicSpans.Span> spans = MagicSpans.of(cell);
        if (spans.stream().noneMatch(s -> s.kind().calledByCode())) {
            return cell; // nearly every cell
        }
        StringBuilder b = new StringBuilder(cell);
        // from the last to the first, so that the positions of those before stay right
        for (int i = spans.size() - 1; i >= 0; i--) {
            MagicSpans.Span s = spans.get(i);
            if (s.kind().calledByCode()) {
                b.replace(s.start(), s.end(), call(s.text(cell), s.line()));
            }
        }
        return b.toString();
    }

    /** {@code %jars "my libs/a.jar" b.jar} as {@code lineMagic("jars", List.of("my libs/a.jar", "b.jar"));}. */
    static String call(String magic, int line) {
        String text = magic.strip();
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1);
        }
        Magic m = Magic.parse(text, "", line);
        return MagicCalls.describe("lineMagic", m.name(), m.args(), null) + ";";
    }
}
