package shapeprop.kernel.eval;

import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JShell's in-process execution engine, remembering which wrapper class it ran last so the kernel can read
 * the real result object (JShell itself only hands back its text).
 *
 * <p>Only the public {@code invoke(className, methodName)} is overridden, and it calls the original: the
 * thread, stop and (on JDK 21+) stop-check machinery inside {@code invoke(Method)} stays JShell's own, so
 * {@code JShell.stop()} interrupts a busy loop on every JDK. {@code load} is overridden the same way, to see
 * which wrapper classes JShell loads.
 */
public final class ValueCapturingControl extends LocalExecutionControl {

    private volatile String lastInvoked;
    private volatile boolean stopPending;
    private volatile boolean valueTextFailed;
    private volatile Throwable thrown;
    // the classes JShell loaded since forgetLoaded(); filled inside JShell.eval, which one thread calls at a time
    private final List<String> loaded = new ArrayList<>();

    /** Stops the next snippet before it starts: an interrupt that came while JShell was still compiling. */
    void stopBeforeNextInvoke(boolean pending) {
        stopPending = pending;
    }

    @Override
    public String invoke(String className, String methodName) throws ExecutionControl.RunException,
            ExecutionControl.InternalException, ExecutionControl.EngineTerminationException {
        lastInvoked = null;
        valueTextFailed = false;
        thrown = null;
        if (stopPending) {
            throw new ExecutionControl.StoppedException();
        }
        String text;
        try {
            text = super.invoke(className, methodName);
        } catch (ExecutionControl.InternalException e) {
            // JShell turns the value into text after the snippet's thread ended, and reports a toString() that
            // threw there (a StackOverflowError of a structure that contains itself) as this: the snippet ran
            lastInvoked = className;
            valueTextFailed = true;
            throw e;
        }
        lastInvoked = className;
        // an eval(…) inside the snippet ran one of its own, which may have set this for its value
        valueTextFailed = false;
        if (text == null) {
            // a toString() that returned null: JShell would fail on the null text with a NullPointerException
            valueTextFailed = true;
            return "";
        }
        return text;
    }

    /**
     * Keeps what the snippet threw, the object itself, before JShell turns it into text (its class name, message
     * and frames): {@code eval(…)} gives it to the cell as the cause of its exception, to catch or inspect.
     */
    @Override
    protected String throwConvertedInvocationException(Throwable cause) throws ExecutionControl.RunException,
            ExecutionControl.InternalException {
        thrown = cause;
        return super.throwConvertedInvocationException(cause);
    }

    /** What the last snippet threw (see throwConvertedInvocationException); null if it threw nothing. */
    Throwable thrown() {
        return thrown;
    }

    /** Forgets what the last snippet threw: call before {@code JShell.eval}, which may run nothing. */
    void forgetThrown() {
        thrown = null;
    }

    /**
     * Whether the calling thread is the one JShell runs a snippet's code on, rather than one that code started:
     * JShell's in-process engine starts that thread with a lambda of its own, which is then the first frame of the
     * thread's stack below Thread's own. Such a thread runs while the JShell that started it waits for it, which
     * makes it the one thread that may call into that JShell.
     */
    static boolean onSnippetThread() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(Thread.class.getName()))
                .reduce((above, below) -> below)
                .map(first -> first.getClassName().equals(LocalExecutionControl.class.getName()))
                .orElse(false));
    }

    /** Whether the last snippet ran but its value has no text: its toString() threw or returned null. */
    boolean valueTextFailed() {
        return valueTextFailed;
    }

    /**
     * Raises the flag that JDK 21+'s instrumented snippet code checks at every loop back-edge ({@code
     * REPL.$Cancel$.allStop}; JShell lowers it when the next snippet starts). JShell's own stop raises it only
     * while a snippet runs; an interrupt that arrives while the kernel compiles the cell's next snippet must
     * still end the loops of threads that an earlier snippet started. Does nothing on JDK 17, which has no
     * such flag (Thread.stop does this work there).
     */
    void stopLoops() {
        try {
            findClass(CANCEL_CLASS).getField("allStop").setBoolean(null, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // JDK 17, or no snippet has run yet: nothing is looping in snippet code
        }
    }

    private static final String CANCEL_CLASS = "REPL.$Cancel$";

    @Override
    public void load(ClassBytecodes[] cbcs) throws ExecutionControl.ClassInstallException,
            ExecutionControl.NotImplementedException, ExecutionControl.EngineTerminationException {
        super.load(cbcs);
        for (ClassBytecodes cbc : cbcs) {
            loaded.add(cbc.name());
        }
    }

    /** Starts a new list of loaded classes: call before {@code JShell.eval}. */
    void forgetLoaded() {
        loaded.clear();
    }

    /**
     * The wrapper class, among those loaded since {@link #forgetLoaded}, that holds variable {@code name}; null
     * if none does. When a change elsewhere makes JShell compile a variable's declaration again, it loads a new
     * wrapper class, whose name only JShell knows, and does not run it: the variable lives on in that class's
     * static field, at its default value. JShell may load several versions in one eval, one per round of
     * compiling what depends on what ($JShell$4B, then $JShell$4C): the last one loaded is the one it keeps.
     */
    Class<?> loadedHolderOf(String name) {
        for (int i = loaded.size() - 1; i >= 0; i--) {
            Class<?> c;
            try {
                c = findClass(loaded.get(i));
            } catch (ClassNotFoundException | RuntimeException e) {
                continue;
            }
            // wrappers are the only top-level classes JShell loads; a cell's own classes are nested in them
            if (c.getEnclosingClass() == null && declaresStatic(c, name)) {
                return c;
            }
        }
        return null;
    }

    private static boolean declaresStatic(Class<?> c, String field) {
        try {
            return Modifier.isStatic(c.getDeclaredField(field).getModifiers());
        } catch (NoSuchFieldException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The wrapper class of the snippet that ran last, or null if it threw or was stopped. */
    public Class<?> lastInvokedClass() {
        String name = lastInvoked;
        if (name == null) {
            return null;
        }
        try {
            return findClass(name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** The static field {@code name} of a snippet's wrapper class: where JShell keeps a variable's value. */
    public static Object staticField(Class<?> wrapper, String name) {
        try {
            Field f = wrapper.getDeclaredField(name);
            if (!Modifier.isStatic(f.getModifiers())) {
                return null;
            }
            f.setAccessible(true);
            return f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Plugs this engine into {@code JShell.builder().executionEngine(provider, params)}. */
    public static final class Provider implements ExecutionControlProvider {
        private volatile ValueCapturingControl control;

        @Override
        public String name() {
            return "shapeprop-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            control = new ValueCapturingControl();
            return control;
        }

        public ValueCapturingControl control() {
            return control;
        }

        @Override
        public String toString() {
            return "ValueCapturingControl.Provider[" + (control == null ? "not started" : "started") + "]";
        }
    }

    @Override
    public String toString() {
        return "ValueCapturingControl[last=" + lastInvoked + "]";
    }
}
