package shapeprop.kernel.eval;

import jdk.jshell.Diag;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

import java.util.List;
import java.util.Locale;

/**
 * What a cell says about a variable that a declaration elsewhere changed. Redefining {@code class Box} makes
 * JShell compile {@code Box bx = new Box(1);} again, and it does not run it again: bx is reset to null.
 * Redefining {@code mk()} with an error removes the old mk(), so {@code var W = mk();} cannot be used any more.
 * The jshell tool says so ("update replaced variable bx, reset to null"); without a note the learner only
 * finds an empty or missing variable later.
 *
 * <p>The decision is the jshell tool's (its "normal" feedback): a note when JShell had to replace the
 * variable's declaration (a signature change of the event), either reset to its default value or left waiting
 * for a declaration or a fix. A variable JShell did not replace keeps its value, and nothing is said.
 */
final class UpdateNotes {

    private UpdateNotes() {
    }

    /**
     * The note for {@code event}, an update of {@code var}; null if none is due. {@code cause} is the snippet the
     * learner wrote: redefining class A also updates a class B that uses A, and B's variables, but "because
     * class B changed" would name a class the learner never touched.
     */
    static String of(JShell shell, VarSnippet var, SnippetEvent event, Snippet cause) {
        if (!event.isSignatureChange() || !event.previousStatus().isActive()) {
            return null;
        }
        String name = var.name();
        return switch (event.status()) {
            case VALID -> event.previousStatus().isDefined()
                    ? "note: " + name + " was reset to " + defaultValue(var.typeName()) + " " + because(cause)
                            + "; run the cell that declares " + name + " again to give it a value"
                    // it was waiting for a declaration (see below) and now exists again, but its value is gone
                    : "note: " + name + " can be used again, but it is " + defaultValue(var.typeName())
                            + "; run the cell that declares it to give it a value";
            case RECOVERABLE_NOT_DEFINED -> unusable(shell, var, event, cause);
            default -> null;
        };
    }

    /** The variable's declaration no longer compiles: it needs something that is gone, or has an error now. */
    private static String unusable(JShell shell, VarSnippet var, SnippetEvent event, Snippet cause) {
        String name = var.name();
        List<String> missing = shell.unresolvedDependencies(var).toList();
        if (!missing.isEmpty()) {
            // everything it needed existed while it could be used
            return "note: " + name + " cannot be used until " + joined(missing)
                    + (missing.size() == 1 ? " is" : " are") + " declared"
                    + (event.previousStatus().isDefined() ? " again" : "");
        }
        String error = shell.diagnostics(var).filter(Diag::isError).findFirst()
                .map(d -> WrapperNames.strip(ErrorReports.cleanMessage(d.getMessage(Locale.ROOT))))
                .orElse(null);
        String undo = declared(cause) == null ? "" : ", or change " + declared(cause) + " back";
        return "note: " + name + " cannot be used " + because(cause) + (error == null ? "" : ": " + error)
                + "; declare " + name + " again" + undo;
    }

    /** "because class Box changed", after the snippet that caused the update. */
    private static String because(Snippet cause) {
        String what = declared(cause);
        if (what != null) {
            return "because " + what + " changed";
        }
        if (cause instanceof ImportSnippet im) {
            return "because of import " + im.fullname();
        }
        return "because of this cell";
    }

    /** A declaration as the jshell tool names it ("class Box", "method mk(int)", "variable x"); null if none. */
    static String declared(Snippet snippet) {
        if (snippet instanceof TypeDeclSnippet type) {
            String kind = switch (type.subKind()) {
                case INTERFACE_SUBKIND -> "interface";
                case ENUM_SUBKIND -> "enum";
                case ANNOTATION_TYPE_SUBKIND -> "annotation interface";
                case RECORD_SUBKIND -> "record";
                default -> "class";
            };
            return kind + " " + type.name();
        }
        if (snippet instanceof MethodSnippet method) {
            return "method " + method.name() + "(" + method.parameterTypes() + ")";
        }
        if (snippet instanceof VarSnippet v) {
            return "variable " + v.name();
        }
        return null;
    }

    /** "a", "a and b", "a, b and c". */
    static String joined(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** What JShell resets a variable of {@code type} to: a field's default value. */
    private static String defaultValue(String type) {
        return switch (type) {
            case "int", "long", "short", "byte" -> "0";
            case "float", "double" -> "0.0";
            case "boolean" -> "false";
            case "char" -> "'\\u0000'";
            default -> "null";
        };
    }
}
