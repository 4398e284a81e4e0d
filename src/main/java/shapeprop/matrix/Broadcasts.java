package shapeprop.matrix;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Makes silent broadcasting visible. Within {@link #watch(Consumer)} every broadcast the current thread
 * performs is reported; within {@link #strict()} any broadcast that stretches a non-scalar operand throws a
 * {@link ShapeException} instead. Scopes nest and are closed with try-with-resources:
 *
 * <pre>{@code
 * try (var scope = Broadcasts.watch(events::add)) {
 *     Matrix Z1 = W1.dot(X).add(b1);   // reports: b1 (128, 1) stretched along axis 1 to (128, 64)
 * }
 * }</pre>
 *
 * Outside any scope the cost is one thread-local read per broadcasting operation.
 */
public final class Broadcasts {

    private static final ThreadLocal<Deque<Consumer<Broadcast>>> LISTENERS =
            ThreadLocal.withInitial(ArrayDeque::new);

    private Broadcasts() {
    }

    /** A scope that ends when closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Reports every broadcast on this thread to {@code listener} until the scope closes. */
    public static Scope watch(Consumer<Broadcast> listener) {
        Deque<Consumer<Broadcast>> stack = LISTENERS.get();
        stack.push(listener);
        return () -> stack.remove(listener);
    }

    /**
     * Forbids stretching on this thread until the scope closes: adding a (128, 1) bias to (128, 64) then
     * throws a {@link ShapeException} that says what would have been stretched and, for a bias-shaped operand
     * against a batch-shaped one, suggests {@code sum(1, true)} or {@code sum(0, true)}. Scalars ((1, 1)
     * operands) are always allowed.
     */
    public static Scope strict() {
        return watch(Broadcasts::refuse);
    }

    private static void refuse(Broadcast event) {
        // a (1, 1) operand is a scalar: stretching it is never a shape bug
        Shape stretched = event.stretchesLeft() ? event.left() : event.right();
        if (stretched.size() == 1) {
            return;
        }
        String hint = event.hint();
        String rest = "Leave strict mode if the stretch is intended (a bias added to every sample).";
        throw new ShapeException(event.operation(), event.left(), event.right(),
                event.operation() + ": strict broadcasting is on and " + event.describe() + ".",
                hint.isEmpty() ? rest : hint + " " + rest);
    }

    static boolean active() {
        return !LISTENERS.get().isEmpty();
    }

    static void report(Broadcast event) {
        for (Object listener : LISTENERS.get().toArray()) {
            @SuppressWarnings("unchecked")
            Consumer<Broadcast> consumer = (Consumer<Broadcast>) listener;
            consumer.accept(event);
        }
    }
}
