package shapeprop.kernel.eval;

import java.util.regex.Pattern;

/**
 * The names of a learner's classes as the learner wrote them. JShell compiles each snippet into a hidden
 * wrapper class, so a {@code class Box} declared in a cell is really {@code REPL.$JShell$12$Box}: that is what
 * {@code Object.toString}, exception names and messages say unless the kernel takes the wrapper out.
 */
public final class WrapperNames {

    // JShell's wrapper prefix: REPL.$JShell$12$ or $JShell$12B. (the letters mark a redefinition)
    private static final Pattern WRAPPER = Pattern.compile("(REPL\\.)?\\$JShell\\$\\w+[.$]");
    // JShell turns an anonymous class into a member class of this name
    private static final String ANONYMOUS = "$JShell$anonymous$";

    private WrapperNames() {
    }

    /** {@code text} without wrapper prefixes: {@code REPL.$JShell$12$Box@1b2c3} reads {@code Box@1b2c3}. */
    public static String strip(String text) {
        return WRAPPER.matcher(text).replaceAll("");
    }

    /**
     * The short name a learner knows a class by: {@code Box} for a cell's class, {@code ArrayList}, and
     * {@code anonymous Runnable} for an anonymous class.
     */
    public static String of(Class<?> type) {
        if (type.isAnonymousClass() || type.getName().contains(ANONYMOUS)) {
            Class<?>[] interfaces = type.getInterfaces();
            Class<?> base = interfaces.length > 0 ? interfaces[0] : type.getSuperclass();
            return "anonymous " + (base == null ? "class" : of(base));
        }
        return type.getSimpleName();
    }
}
