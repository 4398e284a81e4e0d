package shapeprop.kernel.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What is open at the end of some Java text: the kernel's answer to "is this line code?" and "what was left open?". */
class JavaScannerTest {

    @Test
    void closedCommentsAndLiteralsLeaveTheScannerInCode() {
        for (String text : new String[] {"int a = 1; // note\n", "/* a */ int b;", "/** doc */", "/**/", "String s = \"/*\";",
                "String s = \"a \\\" b\";", "char c = '\"';", "char c = '\\'';", "String t = \"\"\"\n  a \\\"\"\" b\n  \"\"\";",
                "String e = \"\";", "f(a[1], () -> { });"}) {
            JavaScanner java = JavaScanner.scan(text);
            assertTrue(java.inCode(), text + " -> " + java);
            assertEquals(-1, java.unclosedBracket(), text);
        }
    }

    @Test
    void anOpenCommentOrLiteralIsReportedWhereItBegan() {
        assertEquals(JavaScanner.State.BLOCK_COMMENT, JavaScanner.scan("int a;\n/* not closed\nint b;").state());
        assertEquals(7, JavaScanner.scan("int a;\n/* not closed\nint b;").openedAt());
        assertEquals(JavaScanner.State.BLOCK_COMMENT, JavaScanner.scan("/** doc").state());
        assertEquals(JavaScanner.State.TEXT_BLOCK, JavaScanner.scan("String s = \"\"\"\n%d items\n").state());
        assertEquals(11, JavaScanner.scan("String s = \"\"\"\n%d items\n").openedAt());
        assertEquals(JavaScanner.State.LINE_COMMENT, JavaScanner.scan("int a; // ").state());
        assertEquals(JavaScanner.State.CODE, JavaScanner.scan("String s = \"not closed\nint b;").state(),
                "a string ends at its line: javac reports it, the next line is code again");
    }

    @Test
    void theLastBracketLeftOpenIsNamed() {
        assertEquals(9, JavaScanner.scan("void f() {\n  g(1);\n").unclosedBracket());
        assertEquals(20, JavaScanner.scan("void f() {\n  if (x) {\n").unclosedBracket());
        assertEquals(12, JavaScanner.scan("Matrix.zeros(2,").unclosedBracket());
        assertEquals(-1, JavaScanner.scan("s = \"(\" + '{' + /* [ */ \"\"\"\n ( \n\"\"\";").unclosedBracket(),
                "brackets inside literals and comments do not count");
    }
}
