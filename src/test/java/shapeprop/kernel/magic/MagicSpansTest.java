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

    @Test
    void aMagicsNameCompletesToTheMagicsThatStartSo() {
        shapeprop.kernel.eval.Completions c = MagicSpans.magicNames("%mav", 4);
        assertEquals(List.of("%maven", "%mavenRepo"), c.matches());
        assertEquals(List.of(0, 4), List.of(c.cursorStart(), c.cursorEnd()));
        String assigned = "int n = 1;\nList<String> added = %ja lib/a.jar";
        c = MagicSpans.magicNames(assigned, assigned.indexOf("%ja") + 3);
        assertEquals(List.of("%jars"), c.matches());
        assertEquals(assigned.indexOf('%'), c.cursorStart());
        c = MagicSpans.magicNames("%%h\n<b>x</b>", 3);
        assertEquals(List.of("%%html"), c.matches());
        assertEquals(List.of("%jars"), MagicSpans.magicNames("%jars", 5).matches(), "a whole name offers itself");
        assertEquals(List.of("%loadFromPOM", "%load"), MagicSpans.magicNames("%LOA", 4).matches(), "in any case");
        c = MagicSpans.magicNames("%ma g:a:1", 2);
        assertEquals(List.of(0, 3), List.of(c.cursorStart(), c.cursorEnd()), "the cursor inside the name replaces all of it");
    }

    @Test
    void inAMagicsWordsOrInJavaThereAreNoMagicNames() {
        assertEquals(null, MagicSpans.magicNames("%maven g:a:1", 9));
        assertEquals(null, MagicSpans.magicNames("%%html\n<b>x</b>", 10));
        assertEquals(null, MagicSpans.magicNames("Math.ma", 7));
        assertEquals(null, MagicSpans.magicNames("String s = \"%ma\";", 15));
    }
}
