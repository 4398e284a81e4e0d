package shapeprop.kernel.eval;

import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cells cut into snippets: one-line cells without asking JShell's parser, and exactly as it would cut them. */
class CellSplitterTest {

    private static JShell shell;
    private static CellSplitter splitter;

    @BeforeAll
    static void start() {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        shell = JShell.builder().executionEngine("local").out(quiet).err(quiet).build();
        splitter = new CellSplitter(shell::sourceCodeAnalysis);
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    @Test
    void aOneLineCellIsTakenWholeExactlyAsTheParserWouldTakeIt() {
        // complete, missing a semicolon, incomplete, wrong: the parser makes each one snippet too
        for (String cell : List.of("1+1", "1+1\n", "  1+1  \n\n", "\n\nx", "int x = 3;", "int x = 3;  \n",
                "int x = 3 ;", "import java.util.*;", "int x = 3", "Matrix.zeros(2, 3)", "W1.dot(X.T())",
                "List<int[]> l = new ArrayList<>();", "var m = Map.of(1, 2);", "x -> x * 2", "if (x > 1) x = 2;",
                "for (int i : xs) sum += i;", "x++ y++", "1 2", "1+", "int x = ;", "class A", ";")) {
            int start = CellSplitter.firstToken(cell);
            assertTrue(CellSplitter.isOneLineSnippet(cell.substring(start)), cell);
            List<SnippetSource> snippets = splitter.split(cell, 0, cell);
            assertEquals(1, snippets.size(), cell);
            SnippetSource fast = snippets.get(0);
            SnippetSource parsed = splitter.splitByParser(cell, 0, cell).get(0);
            // the fast path always ends with the ';' the parser adds to a complete expression or declaration
            // (JShell's eval rejects int x = 3 without it); an incomplete or wrong line stays wrong with it
            String line = parsed.code().stripTrailing();
            assertEquals(line.endsWith(";") ? line : line + ";", fast.code(), cell);
            assertEquals(parsed.offset(), fast.offset(), cell);
            assertEquals(parsed.line(), fast.line(), cell);
        }
    }

    @Test
    void aLastStatementWithoutItsSemicolonGetsTheOneJShellsParserAdds() {
        for (String statement : List.of("throw new IllegalStateException(\"x\")", "assert 1 > 2 : \"m\"",
                "if (true) System.out.println(\"x\")", "while (c < 3) c++", "do { c++; } while (c < 10)",
                "return", "for (int i : xs) sum += i")) {
            assertFalse(CellSplitter.isOneLineSnippet(statement), statement);
            String cell = "int c = 0;\n" + statement + "\n";
            List<SnippetSource> snippets = splitter.split(cell, 0, cell);
            assertEquals(new SnippetSource(statement + ";\n", 11, 2), snippets.get(1), statement);
        }
    }

    @Test
    void aCellThatMayHoldSeveralSnippetsIsCutByTheParser() {
        for (String cell : List.of("int a = 1; int b = 2;", "int a = 1;\nint b = 2;", "int a = 1;;",
                "void f() { }", "String s = \";\";", "char c = ';';", "1 // ;", "1 /* ; */", "\"\\u003b\"",
                "for (int i = 0; i < 3; i++) x += i;", "1+1\nx")) {
            assertFalse(CellSplitter.isOneLineSnippet(cell), cell);
        }
        List<SnippetSource> two = splitter.split("int a = 1; int b = 2;", 0, "int a = 1; int b = 2;");
        assertEquals(List.of("int a = 1;", "int b = 2;"), two.stream().map(SnippetSource::code).toList());
        assertEquals(11, two.get(1).offset());
    }

    @Test
    void aOneLineSnippetKeepsItsPlaceInTheCell() {
        String cell = "%classpath lib\n  1+1";
        List<SnippetSource> snippets = splitter.split(cell, 15, cell.substring(15));
        assertEquals(List.of(new SnippetSource("1+1;", 17, 2)), snippets);
    }
}
