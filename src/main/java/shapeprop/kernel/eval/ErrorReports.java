package shapeprop.kernel.eval;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns JShell's compile diagnostics and exceptions into what a learner reads: the cell line and column,
 * the source line with a caret under the offending span, and stack frames of the learner's code only.
 */
public final class ErrorReports {

    /** Thrown by shapeprop.matrix when shapes cannot be combined; its message already teaches the fix. */
    static final String SHAPE_EXCEPTION = "shapeprop.matrix.ShapeException";

    /** Thrown by lineMagic and cellMagic; its message names the call and says what to write instead. */
    static final String MAGIC_CALL_EXCEPTION = "shapeprop.kernel.magic.MagicCallException";

    /** Thrown by eval(…); its message names the call and what went wrong, its cause is what the code threw. */
    static final String EVAL_CALL_EXCEPTION = "shapeprop.kernel.eval.EvalCallException";

    /** Columns of a tab in an echoed line: JupyterLab's and Notebook's editors indent by 4. */
    static final int TAB_WIDTH = 4;

    private final SnippetLocations locations;

    public ErrorReports(SnippetLocations locations) {
        this.locations = locations;
    }

    /** A compile error of {@code snippet}, pointing into {@code cell}. */
    public CellError compileError(String cell, SnippetSource snippet, List<Diag> diagnostics) {
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Diag d : diagnostics) {
            if (!d.isError()) {
                continue;
            }
            String message = cleanMessage(d.getMessage(Locale.ROOT));
            int start = (int) Math.max(0, d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition());
            int end = (int) Math.max(start + 1, d.getEndPosition());
            int from = Math.min(cell.length(), snippet.offset() + start);
            int to = Math.min(cell.length(), snippet.offset() + end);
            String header = pointAt(cell, from, to, message, lines);
            if (first == null) {
                first = header;
            }
        }
        if (first == null) {
            first = "JShell rejected the code without a diagnostic; check the declaration is complete.";
            lines.add(Ansi.BOLD_RED + "Compile error" + Ansi.RESET + ": " + first);
        }
        String ijava = ijavaNames(diagnostics);
        if (ijava != null) {
            lines.add(ijava);
        }
        String undefined = undefinedNames(diagnostics);
        if (undefined != null) {
            lines.add(undefined);
        }
        return new CellError("CompilationException", first, lines);
    }

    // a Java name, which may hold letters \\w does not: the ᵀ of Xᵀ is one (a modifier letter)
    private static final Pattern UNKNOWN_NAME = Pattern.compile(
            "symbol:\\s+(variable|method|class) (\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)");

    /**
     * IJava's own kernel objects, which IJava notebooks call (getKernelInstance().getRenderer() to register a
     * renderer): its static getKernelInstance(), its class IJava, and its packages.
     */
    private static final Set<String> IJAVA_NAMES = Set.of("getKernelInstance", "IJava");
    private static final Pattern IJAVA_PACKAGE = Pattern.compile("package (io\\.github\\.spencerpark\\.[\\w.]+) does not exist");

    /**
     * For IJava's kernel objects (see {@link #IJAVA_NAMES}): that this kernel has none, and what to write here
     * instead; null if no diagnostic is about one. An earlier cell cannot define them, so they get this note
     * rather than {@link #undefinedNames}'s.
     */
    private static String ijavaNames(List<Diag> diagnostics) {
        Set<String> names = new LinkedHashSet<>();
        for (Diag d : diagnostics) {
            String message = d.isError() ? d.getMessage(Locale.ROOT) : "";
            Matcher m = UNKNOWN_NAME.matcher(message);
            while (m.find()) {
                if (IJAVA_NAMES.contains(m.group(2))) {
                    names.add(m.group(2) + (m.group(1).equals("method") ? "()" : ""));
                }
            }
            Matcher p = IJAVA_PACKAGE.matcher(message);
            while (p.find()) {
                names.add("package " + p.group(1));
            }
        }
        if (names.isEmpty()) {
            return null;
        }
        return String.join(", ", names) + (names.size() == 1 ? " is" : " are") + " IJava's, and this kernel is not "
                + "IJava: it has no getKernelInstance() nor IJava's classes. To show a class of yours richly, register "
                + "a renderer with shapeprop.kernel.display.Renderers.global().registerMime(YourClass.class, "
                + "\"text/html\", value -> html), or give the class a public String toHtml(). display(…), render(…), "
                + "lineMagic(…), cellMagic(…) and eval(…) are here as in IJava.";
    }

    /**
     * For "cannot find symbol" of a variable, method or class: where such a name usually comes from in a notebook,
     * an earlier cell, which has not run in this kernel (it was restarted, or the notebook opened anew), or for a
     * class an import or a jar; null if no diagnostic is about an unknown name.
     */
    private static String undefinedNames(List<Diag> diagnostics) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> transposed = new LinkedHashSet<>();
        boolean aClass = false;
        for (Diag d : diagnostics) {
            Matcher m = UNKNOWN_NAME.matcher(d.isError() ? d.getMessage(Locale.ROOT) : "");
            while (m.find()) {
                if (IJAVA_NAMES.contains(m.group(2))) {
                    continue; // ijavaNames says what they are
                }
                if (m.group(2).endsWith("ᵀ") && m.group(2).length() > 1) {
                    transposed.add(m.group(2));
                    continue; // transposes says what to write
                }
                names.add(m.group(2) + (m.group(1).equals("method") ? "(…)" : ""));
                // javac calls the unknown X of X.of(1) a variable: a capital letter says it is meant as a class
                aClass |= m.group(1).equals("class") || Character.isUpperCase(m.group(2).charAt(0));
            }
        }
        String transposes = transposed.isEmpty() ? null : transposed.stream()
                .map(t -> t + " is math notation; in Java, " + t.substring(0, t.length() - 1) + "'s transpose is "
                        + t.substring(0, t.length() - 1) + ".T()").collect(Collectors.joining("; "))
                + " (javac reads " + String.join(", ", transposed) + " as " + (transposed.size() == 1 ? "a name" : "names")
                + " of " + (transposed.size() == 1 ? "its" : "their") + " own, which no cell defined).";
        if (names.isEmpty()) {
            return transposes;
        }
        String list = String.join(", ", names);
        return (names.size() == 1 ? list + " is" : list + " are") + " not defined in this kernel session. If an "
                + "earlier cell defines " + (names.size() == 1 ? "it" : "them") + ", run that cell first: after the "
                + "kernel restarts, or when the notebook is opened again, nothing from earlier cells exists until they "
                + "run again (Cell ▸ Run All Above)." + (aClass ? " A class from a library needs its import (e.g. "
                + "import shapeprop.viz.*;) and, if it is not ShapeProp's, its jar (%maven group:artifact:version)."
                : "") + " Otherwise check the spelling." + (transposes == null ? "" : " " + transposes);
    }

    /**
     * A snippet that ends inside a block comment or a text block, or with a bracket left open, said where that
     * began; null if nothing is left open. JShell would drop a snippet that ends in a comment without a word
     * (the rest of the cell silently never runs), and for the others only say "reached end of file".
     */
    public CellError leftOpen(String cell, SnippetSource snippet) {
        String code = snippet.code();
        JavaScanner java = JavaScanner.scan(code);
        int at;
        int width; // of what opened: /* or """ or a bracket
        String message;
        switch (java.state()) {
            case BLOCK_COMMENT -> {
                at = java.openedAt();
                width = 2;
                message = "this comment is never closed, so the rest of the cell would be ignored; close it with */";
            }
            case TEXT_BLOCK -> {
                at = java.openedAt();
                width = 3;
                message = "this text block is never closed; end it with \"\"\"";
            }
            default -> {
                at = java.unclosedBracket();
                if (at < 0) {
                    return null;
                }
                width = 1;
                char open = code.charAt(at);
                char close = open == '(' ? ')' : open == '[' ? ']' : '}';
                message = "this '" + open + "' is never closed; close it with '" + close + "'";
            }
        }
        int from = snippet.offset() + at;
        List<String> lines = new ArrayList<>();
        String header = pointAt(cell, from, from + width, message, lines);
        return new CellError("CompilationException", header, lines);
    }

    /**
     * Adds "Compile error at line L, column C: message", the cell's line and a caret under [from, to) (cut at
     * the line's end) to {@code lines}; returns "line L, column C: message".
     */
    private static String pointAt(String cell, int from, int to, String message, List<String> lines) {
        int line = CellSplitter.lineOf(cell, from);
        int lineStart = cell.lastIndexOf('\n', from - 1) + 1;
        int lineEnd = cell.indexOf('\n', from);
        if (lineEnd < 0) {
            lineEnd = cell.length();
        }
        int column = from - lineStart + 1;
        String header = "line " + line + ", column " + column + ": " + message;
        lines.add(Ansi.BOLD_RED + "Compile error" + Ansi.RESET + " at " + header);
        String gutter = String.format("%5d | ", line);
        String text = cell.substring(lineStart, lineEnd);
        lines.add(gutter + expandTabs(text));
        // the caret is measured in the echoed line's columns: a tab before it is as wide there as in the echo
        int caretStart = expandTabs(text.substring(0, from - lineStart)).length();
        int caretEnd = Math.max(caretStart + 1,
                expandTabs(text.substring(0, Math.max(0, Math.min(to, lineEnd) - lineStart))).length());
        lines.add(" ".repeat(gutter.length() - 2) + "| " + " ".repeat(caretStart)
                + Ansi.RED + "^".repeat(caretEnd - caretStart) + Ansi.RESET);
        return header;
    }

    /** Tabs as spaces up to the next multiple of {@value #TAB_WIDTH} columns, as a notebook's editor shows them. */
    static String expandTabs(String line) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                b.append(" ".repeat(TAB_WIDTH - b.length() % TAB_WIDTH));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * javac's message on one line, without the location line JShell's hidden wrapper class produces
     * ("location: class " with an empty name), which would only puzzle a learner. Lines are joined with "; ",
     * and a line that ends with its own ';' ("cannot be applied to given types;") keeps only one.
     */
    static String cleanMessage(String message) {
        StringBuilder b = new StringBuilder();
        for (String line : message.split("\n")) {
            if (line.strip().equals("location: class") || line.strip().startsWith("location: class $JShell")) {
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ';') {
                b.append(';');
            }
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(line.strip().replaceAll("\\s+", " "));
        }
        return b.toString();
    }

    /**
     * A snippet that uses a declaration JShell kept although it refers to something not (yet) defined: a class whose
     * constructor sets a misspelt field ({@code this.stuName}) is created (with a note, see declaredWaiting) and
     * fails here.
     * {@code missing} are JShell's names of what it waits for, e.g. {@code variable stuName}.
     */
    public CellError unresolved(UnresolvedReferenceException e, List<String> missing) {
        DeclarationSnippet declared = e.getSnippet();
        String name = UpdateNotes.declared(declared);
        String message;
        if (missing.isEmpty()) {
            String what = declared.source().strip().lines().findFirst().orElse("");
            message = "the code calls a declaration that is not defined yet: " + what
                    + " — define the missing method or class in a cell and run again.";
        } else {
            message = name + " cannot be used yet: " + usesMissing(missing) + ". Define "
                    + (missing.size() == 1 ? "it" : "them") + " in a cell, or correct the name where " + name
                    + " is declared and run that cell again.";
        }
        return new CellError("UnresolvedReferenceException", message,
                List.of(Ansi.BOLD_RED + "Unresolved reference" + Ansi.RESET + ": " + message));
    }

    /**
     * What a cell says when it declares {@code declared}, which JShell keeps although its code uses names not
     * defined yet ({@code missing}, JShell's: {@code variable stuName}, {@code method b()}), as the jshell tool
     * does: a misspelt field is seen where it was written, not only at the first use. A method calling one that
     * a later cell defines is the same case, so the note is one calm line.
     */
    static String declaredWaiting(DeclarationSnippet declared, List<String> missing) {
        return "note: " + UpdateNotes.declared(declared) + " is declared, but " + usesMissing(missing)
                + " yet; it can be used once " + (missing.size() == 1 ? "that is" : "they are") + " declared";
    }

    /** "its code uses variable stuName, which is not defined"; "…uses a and b, which are not defined". */
    private static String usesMissing(List<String> missing) {
        return "its code uses " + UpdateNotes.joined(missing) + ", which " + (missing.size() == 1 ? "is" : "are")
                + " not defined";
    }

    /**
     * An exception thrown by the cell, with the cell's frames and the library frames above them. Names are the
     * learner's: a cell's {@code class MyEx} is {@code MyEx}, a NullPointerException's {@code "REPL.$JShell$28.o"
     * is null} reads {@code "o" is null}.
     */
    public CellError runtimeError(JShellException e) {
        String className = WrapperNames.strip(
                e instanceof EvalException ee ? ee.getExceptionClassName() : e.getClass().getName());
        String message = e.getMessage() == null ? "" : WrapperNames.strip(e.getMessage());
        String simple = className.substring(className.lastIndexOf('.') + 1);
        List<String> lines = new ArrayList<>();
        if (className.equals(SHAPE_EXCEPTION)) {
            lines.add(Ansi.BOLD_RED + "Shape mistake (ShapeException)" + Ansi.RESET);
            lines.add(Ansi.BOLD + message + Ansi.RESET);
            // The message names the operation and the fix; of the library's frames, only the call the
            // learner made (Matrix.dot) helps, not how the library builds its message.
            lines.addAll(fromCallIntoLibrary(userFrames(e.getStackTrace())));
        } else if (className.equals(MAGIC_CALL_EXCEPTION)) {
            // as a magic line that failed says it; the message names the call, so none of the kernel's frames
            // (an inline magic's learner never wrote lineMagic), only the cell's
            lines.add(Ansi.BOLD_RED + "Magic failed" + Ansi.RESET + ": " + message);
            lines.addAll(fromFirstCellFrame(userFrames(e.getStackTrace())));
        } else if (className.equals(EVAL_CALL_EXCEPTION)) {
            // the message names the call: no package needed to tell it from the exception it may be caused by
            lines.add(Ansi.BOLD_RED + simple + Ansi.RESET + ": " + message);
        } else if (className.equals("java.lang.StackOverflowError")) {
            lines.add(Ansi.BOLD_RED + className + Ansi.RESET + ": the recursion never reached its base case "
                    + "(or is too deep); the kernel is fine, fix the recursion and run the cell again.");
        } else if (className.equals("java.lang.OutOfMemoryError")) {
            lines.add(Ansi.BOLD_RED + className + Ansi.RESET + ": " + message
                    + " — the cell asked for more memory than the kernel's heap; the kernel is fine, "
                    + "allocate less (or raise -Xmx in kernel.json) and run again.");
        } else {
            lines.add(Ansi.BOLD_RED + className + Ansi.RESET + (message.isEmpty() ? "" : ": " + message));
        }
        if (className.equals(EVAL_CALL_EXCEPTION)) {
            // the cell's frames only, down from its eval(…) call: the kernel's above it are how eval runs the code
            lines.addAll(fromFirstCellFrame(userFrames(e.getStackTrace())));
        } else if (!className.equals(SHAPE_EXCEPTION) && !className.equals(MAGIC_CALL_EXCEPTION)) {
            lines.addAll(userFrames(e.getStackTrace()));
        }
        Throwable cause = e.getCause();
        int depth = 0;
        while (cause != null && depth++ < 5) {
            String causeName = WrapperNames.strip(
                    cause instanceof EvalException ce ? ce.getExceptionClassName() : cause.getClass().getName());
            lines.add("Caused by: " + causeName
                    + (cause.getMessage() == null ? "" : ": " + WrapperNames.strip(cause.getMessage())));
            lines.addAll(userFrames(cause.getStackTrace()));
            cause = cause.getCause();
        }
        return new CellError(simple, message, lines);
    }

    /** The frames from the learner's first frame on (all of them when none is the learner's). */
    static List<String> fromFirstCellFrame(List<String> frames) {
        int firstCell = firstCellFrame(frames);
        return firstCell >= frames.size() ? frames : frames.subList(firstCell, frames.size());
    }

    /** The frames from the last library frame above the learner's first frame: the call the cell made. */
    static List<String> fromCallIntoLibrary(List<String> frames) {
        int firstCell = firstCellFrame(frames);
        return firstCell >= frames.size() ? frames : frames.subList(Math.max(0, firstCell - 1), frames.size());
    }

    /** The index of the learner's first frame ({@code cell [n]}), or frames.size() when there is none. */
    private static int firstCellFrame(List<String> frames) {
        int firstCell = 0;
        while (firstCell < frames.size() && !frames.get(firstCell).contains("(cell [")) {
            firstCell++;
        }
        return firstCell;
    }

    /**
     * The cell ran, but its value cannot be shown: its toString() threw {@code failure}, or returned null
     * ({@code failure} null). Names the class and says how to go on without showing the value.
     */
    public CellError valueNotShown(Object value, Throwable failure, String source) {
        String what = "toString() of " + WrapperNames.of(value.getClass());
        String why;
        if (failure == null) {
            why = what + " returned null.";
        } else if (failure instanceof StackOverflowError) {
            why = what + " recursed without end (StackOverflowError); a cycle in your objects, one that leads "
                    + "back to itself?";
        } else {
            why = what + " threw " + WrapperNames.of(failure.getClass())
                    + (failure.getMessage() == null ? "" : ": " + WrapperNames.strip(failure.getMessage())) + ".";
        }
        String expression = source.strip();
        if (expression.endsWith(";")) {
            expression = expression.substring(0, expression.length() - 1).strip();
        }
        if (expression.contains("\n") || expression.length() > 40) {
            expression = "…";
        }
        String message = why + " The cell ran; only showing its value failed. Fix toString(), or assign the value "
                + "to a variable to skip showing it: var shown = " + expression + ";";
        return new CellError("ValueNotShown", message,
                List.of(Ansi.BOLD_RED + "Value not shown" + Ansi.RESET + ": " + message));
    }

    /** JShell itself threw while it compiled or ran {@code snippet}: its bug, reported so that the cell still ends. */
    public CellError jshellFailed(SnippetSource snippet, Throwable failure) {
        String message = "JShell, which runs the cell, failed at line " + snippet.line() + " with "
                + WrapperNames.strip(failure.toString()) + ". The kernel carries on; if this happens again, "
                + "change that line or restart the kernel.";
        return new CellError("JShellError", message,
                List.of(Ansi.BOLD_RED + "JShell failed" + Ansi.RESET + ": " + message));
    }

    /**
     * The cell was interrupted; {@code detail} is what the library call that noticed it said about where it
     * stopped (Network.fit: after which step, with which weights), or null.
     */
    public CellError interrupted(String detail) {
        String evalue = "the kernel stopped the cell on your request" + (detail == null ? "" : "; " + detail);
        List<String> lines = new ArrayList<>();
        lines.add(Ansi.BOLD_RED + "Interrupted" + Ansi.RESET
                + ": the kernel stopped the cell on your request; variables keep their last values.");
        if (detail != null) {
            lines.add(detail);
        }
        return new CellError("Interrupted", evalue, lines);
    }

    /**
     * Frames from the top down to the last frame of the learner's code: the frames below it are the
     * kernel's and JShell's machinery that invoked the cell, which nobody needs to read.
     */
    List<String> userFrames(StackTraceElement[] frames) {
        int last = -1;
        for (int i = 0; i < frames.length; i++) {
            if (locations.describe(frames[i].getFileName(), frames[i].getLineNumber()) != null) {
                last = i;
            }
        }
        List<String> lines = new ArrayList<>();
        int end = last < 0 ? Math.min(frames.length, 12) : last + 1;
        for (int i = 0; i < end; i++) {
            StackTraceElement f = frames[i];
            String where = locations.describe(f.getFileName(), f.getLineNumber());
            if (where != null) {
                String method = f.getMethodName();
                String owner = f.getClassName();
                String name = owner.isEmpty() ? method : owner + "." + method;
                lines.add("    at " + Ansi.GREEN + (name.isEmpty() ? "" : name + " ") + "(" + where + ")" + Ansi.RESET);
            } else {
                lines.add("    at " + f);
            }
        }
        return collapseRepeats(lines);
    }

    /** A deep recursion repeats the same frames thousands of times: show a few and count the rest. */
    static List<String> collapseRepeats(List<String> frames) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < frames.size()) {
            int j = i;
            while (j < frames.size() && frames.get(j).equals(frames.get(i))) {
                j++;
            }
            int run = j - i;
            for (int k = 0; k < Math.min(run, 3); k++) {
                out.add(frames.get(i));
            }
            if (run > 3) {
                out.add("    ... the same frame " + (run - 3) + " more times");
            }
            i = j;
        }
        if (out.size() > 60) {
            int more = out.size() - 60;
            out = new ArrayList<>(out.subList(0, 60));
            out.add("    ... " + more + " more frames");
        }
        return out;
    }

    @Override
    public String toString() {
        return "ErrorReports[" + locations + "]";
    }
}
