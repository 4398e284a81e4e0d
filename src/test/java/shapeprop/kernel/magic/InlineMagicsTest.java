package shapeprop.kernel.magic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** IJava's inline magics ({@code x = %jars …}) become the lineMagic calls they stand for, line for line. */
class InlineMagicsTest {

    @Test
    void aMagicAfterAnAssignmentBecomesALineMagicCallWhoseValueIsAssigned() {
        assertEquals("List<String> added = lineMagic(\"jars\", List.of(\"lib/*.jar\"));",
                InlineMagics.toCalls("List<String> added = %jars lib/*.jar"));
    }

    @Test
    void genericTypesQuotedWordsAndATrailingSemicolonComeOutAsOneStatement() {
        assertEquals("Map<String, List<String>> m=lineMagic(\"classpath\", List.of(\"my libs/*\", \"b.jar\"));",
                InlineMagics.toCalls("Map<String, List<String>> m=%classpath \"my libs/*\" b.jar"));
        assertEquals("added = lineMagic(\"jars\", List.of(\"a.jar\"));",
                InlineMagics.toCalls("added = %jars a.jar;"), "the ';' ends the statement, it is no argument");
        assertEquals("Object none = lineMagic(\"mavenRepo\", List.of());",
                InlineMagics.toCalls("Object none = %mavenRepo"));
    }

    @Test
    void aPercentInsideAStringACommentOrATextBlockIsJava() {
        for (String cell : List.of("String f = \"x = %jars a.jar\";",
                "// y = %jars a.jar",
                "/* z = %jars a.jar */ int k = 1;",
                "/*\n z = %jars a.jar\n*/",
                "String t = \"\"\"\n  total = %d items\n  \"\"\";",
                "char c = '='; String s = \"= %s\".formatted(c);",
                "int r = % 2;")) {
            assertEquals(cell, InlineMagics.toCalls(cell), cell);
        }
    }

    @Test
    void severalMagicsInOneCellEachBecomeACallAndTheLinesStayWhereTheyWere() {
        String cell = """
                List<String> a = %jars lib/*.jar
                String kept = "b = %jars not/this.jar";
                    var b = %classpath classes
                a.size() + b.size()""";
        String calls = InlineMagics.toCalls(cell);
        assertEquals("""
                List<String> a = lineMagic("jars", List.of("lib/*.jar"));
                String kept = "b = %jars not/this.jar";
                    var b = lineMagic("classpath", List.of("classes"));
                a.size() + b.size()""", calls);
        assertEquals(cell.lines().count(), calls.lines().count(), "errors and frames name the learner's lines");
    }

    @Test
    void aMagicArgumentThatLooksLikeACommentDoesNotHideTheLinesBelow() {
        // lib/*.jar would open a block comment if it were read as Java
        String cell = "var a = %jars lib/*.jar\n%maven g:a:1\nvar c = %jars more/*.jar";
        List<CellParts.Part> parts = CellParts.split(InlineMagics.toCalls(cell));
        assertEquals(3, parts.size(), parts.toString());
        assertEquals("%maven g:a:1", assertInstanceOf(CellParts.MagicPart.class, parts.get(1)).magic().toString());
        assertEquals("var c = lineMagic(\"jars\", List.of(\"more/*.jar\"));",
                assertInstanceOf(CellParts.Code.class, parts.get(2)).text());
    }

    @Test
    void aMagicLineInsideABlockBecomesAStatementThereAndOneAtTheTopStaysTheKernels() {
        String cell = "%jars first.jar\nfor (String lib : libs) {\n    %jars a.jar\n}";
        assertEquals("%jars first.jar\nfor (String lib : libs) {\n    lineMagic(\"jars\", List.of(\"a.jar\"));\n}",
                InlineMagics.toCalls(cell));
    }

    @Test
    void aCellMagicsBodyIsLeftAlone() {
        String cell = "%%html\nwidth = %d px";
        assertEquals(cell, InlineMagics.toCalls(cell));
    }

    @Test
    void wordsBecomeJavaStringsWithTheirBackslashesAndQuotesEscaped() {
        assertEquals("x = lineMagic(\"jars\", List.of(\"C:\\\\libs\\\\a.jar\", \"say \\\"hi\\\"\"));",
                InlineMagics.toCalls("x = %jars C:\\libs\\a.jar 'say \"hi\"'"));
        assertEquals("\"tab\\011here\"", MagicCalls.literal("tab\there"));
    }
}
