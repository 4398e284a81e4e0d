package shapeprop.kernel.display;

import shapeprop.kernel.eval.WrapperNames;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The renderer registry: which {@link Renderer} shows objects of which class. Lookup takes the most
 * specific registration along the class hierarchy (class, superclasses, then interfaces), so a renderer
 * for {@code Table} also shows its subclasses.
 *
 * <p>Packages below the kernel (nn, viz) must not depend on it, so they need no registration: an object
 * with a public no-argument {@code toHtml()} returning a String is shown as that HTML, like IPython's
 * {@code _repr_html_}. Everything else falls back to its text.
 */
public final class Renderers {

    private static final Renderers GLOBAL = DefaultRenderers.install(new Renderers());

    private final Map<Class<?>, Renderer<Object>> byClass = new ConcurrentHashMap<>();
    private final Map<Class<?>, Renderer<Object>> resolved = new ConcurrentHashMap<>();
    private final java.util.List<Consumer<String>> cellListeners = new CopyOnWriteArrayList<>();

    /** The registry the kernel uses; libraries add their renderers here. */
    public static Renderers global() {
        return GLOBAL;
    }

    /** Shows every {@code type} (and subtype) with {@code renderer}, replacing an earlier registration. */
    @SuppressWarnings("unchecked")
    public <T> Renderers register(Class<T> type, Renderer<? super T> renderer) {
        byClass.put(type, (Renderer<Object>) renderer);
        resolved.clear();
        return this;
    }

    /** The renderer registered for exactly {@code type}, or null. */
    public Renderer<Object> exact(Class<?> type) {
        return byClass.get(type);
    }

    /**
     * Tells {@code listener} the id of each cell as it starts (null when the client sends none), for renderers
     * whose output depends on what earlier cells showed: plotly.js travels with one figure per notebook, and
     * must travel again when the cell that carried it is run again.
     */
    public Renderers onCellStarted(Consumer<String> listener) {
        cellListeners.add(listener);
        return this;
    }

    /** A cell starts: the kernel calls this with the cell's id from the execute request's metadata. */
    public void cellStarted(String cellId) {
        for (Consumer<String> listener : cellListeners) {
            listener.accept(cellId);
        }
    }

    /** Convenience for the common case of one MIME type: {@code registerMime(Foo.class, "text/html", Foo::html)}. */
    public <T> Renderers registerMime(Class<T> type, String mime, Function<? super T, String> f) {
        return register(type, value -> MimeBundle.text(String.valueOf(value)).put(mime, f.apply(value)));
    }

    /**
     * All representations of {@code value}; always has {@code text/plain}. {@code fallbackText} (JShell's
     * printing, which quotes strings and lists arrays) is used when no renderer gives text; may be null.
     */
    public MimeBundle render(Object value, String fallbackText) {
        if (value == null) {
            return MimeBundle.text(fallbackText == null ? "null" : fallbackText);
        }
        if (value instanceof MimeBundle bundle) {
            return bundle;
        }
        Renderer<Object> renderer = resolved.computeIfAbsent(value.getClass(), this::find);
        MimeBundle bundle;
        try {
            bundle = renderer.render(value);
        } catch (RuntimeException | StackOverflowError e) {
            // A broken renderer must not lose the value: show the text and say which renderer failed.
            bundle = MimeBundle.text(safeText(value) + "\n(renderer for " + WrapperNames.of(value.getClass())
                    + " failed: " + e + ")");
        }
        if (!bundle.has("text/plain")) {
            bundle.put("text/plain", fallbackText != null ? fallbackText : safeText(value));
        }
        return bundle;
    }

    public MimeBundle render(Object value) {
        return render(value, null);
    }

    private Renderer<Object> find(Class<?> type) {
        Deque<Class<?>> queue = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Renderer<Object> r = byClass.get(c);
            if (r != null && c != Object.class) {
                return r;
            }
            queue.addAll(java.util.List.of(c.getInterfaces()));
        }
        while (!queue.isEmpty()) {
            Class<?> i = queue.poll();
            if (!seen.add(i)) {
                continue;
            }
            Renderer<Object> r = byClass.get(i);
            if (r != null) {
                return r;
            }
            queue.addAll(java.util.List.of(i.getInterfaces()));
        }
        Method toHtml = htmlMethod(type);
        if (toHtml != null) {
            return value -> MimeBundle.text(safeText(value)).put("text/html", invoke(toHtml, value));
        }
        return value -> new MimeBundle();
    }

    private static Method htmlMethod(Class<?> type) {
        try {
            Method m = type.getMethod("toHtml");
            return m.getReturnType() == String.class && !Modifier.isStatic(m.getModifiers()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static String invoke(Method m, Object value) {
        try {
            m.setAccessible(true);
            return String.valueOf(m.invoke(value));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(m + " failed: " + e, e);
        }
    }

    /**
     * The value's text as a learner reads it (a cell's class without JShell's wrapper: {@code Box@1b2c3}), or what
     * went wrong making it: a toString() may throw, recurse without end, or return null.
     */
    static String safeText(Object value) {
        try {
            String text = String.valueOf(value);
            return text != null ? WrapperNames.strip(text) : "null";
        } catch (RuntimeException | StackOverflowError e) {
            return WrapperNames.of(value.getClass()) + " (toString failed: " + WrapperNames.strip(e.toString()) + ")";
        }
    }

    /** The registered types, for printing the registry. */
    public Map<String, String> registrations() {
        Map<String, String> m = new LinkedHashMap<>();
        byClass.forEach((k, v) -> m.put(k.getName(), v.getClass().getSimpleName()));
        return m;
    }

    @Override
    public String toString() {
        return "Renderers" + byClass.keySet().stream().map(Class::getSimpleName).sorted().toList();
    }
}
