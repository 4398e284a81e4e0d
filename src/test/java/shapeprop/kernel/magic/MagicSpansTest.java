package shapeprop.kernel.magic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a cell's magics are, and the cell as JShell's analysis reads it, without them. */
class MagicSpansTest {

    @Test
    void eachMagicIsFoundWithHowItRuns() {
        String cell = "%maven g:a:1\nList<String> a = %jars lib/*.jar\nvoid f() {\n  %jars b.jar\n}";
        List<MagicSpans.Span> spans = MagicSpans.of(cell);
        assertEquals(List.of(MagicSpans.Kind.LINE, MagicSpans.Kind.ASSIGNED, MagicSpans.Kind.IN_BLOCK),
                spans.stream().map(MagicSpans.Span::kind).toList());
        assertEquals(List.of("%maven g:a:1", "%jars lib/*.jar", "%jars b.jar"),
                spans.stream().map(s -> s.text(cell)).toList());
        assertEquals(List.of(1, 2, 4), spans.stream().map(MagicSpans.Span::line).toList());
    }

    @Test
    void blankedKeepsEveryPositionAndLeavesJavaThatJShellCanRead() {
        String cell = "%maven g:a:1\nList<String> a = %jars lib/*.jar\nvoid f() {\n  %jars b.jar\n}\na.";
        String blanked = MagicSpans.blanked(cell);
        assertEquals(cell.length(), blanked.length());
        assertEquals(spaces("%maven g:a:1") + "\nList<String> a = 0;" + spaces("%jars lib/*.jar".substring(2))
                + "\nvoid f() {\n  ;" + spaces("%jars b.jar".substring(1)) + "\n}\na.", blanked);
    }

    private static String spaces(String replaced) {
        return " ".repeat(replaced.length());
    }

    @Test
    void aCellMagicIsBlankedWholeAndATextBlockLineIsNot() {
        assertEquals("      \n        ", MagicSpans.blanked("%%html\n<b>x</b>"));
        String textBlock = "String s = \"\"\"\n%d items\n\"\"\";";
        assertEquals(textBlock, MagicSpans.blanked(textBlock));
    }

    @Test
    void theCursorIsInAMagicFromItsPercentToItsLineEnd() {
        String cell = "var a = %jars li\nMath.";
        assertFalse(MagicSpans.inMagic(cell, cell.indexOf('%')));
        assertTrue(MagicSpans.inMagic(cell, cell.indexOf("li") + 2));
        assertFalse(MagicSpans.inMagic(cell, cell.length()));
    }
}
