package shapeprop.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A small fixed pool of daemon threads that helps the calling thread with large matrix products. The caller
 * always does one part itself, so {@code n} threads means the caller plus {@code n - 1} workers.
 */
final class Workers {

    private static final AtomicInteger NUMBER = new AtomicInteger();
    private static ExecutorService pool;
    private static int poolSize;

    private Workers() {
    }

    /** Runs {@code part.accept(0 … parts-1)}: part 0 on the calling thread, the rest on the pool. */
    static void run(int parts, IntConsumer part) {
        if (parts <= 1) {
            part.accept(0);
            return;
        }
        ExecutorService helpers = pool(parts - 1);
        List<Future<?>> pending = new ArrayList<>(parts - 1);
        for (int t = 1; t < parts; t++) {
            int index = t;
            pending.add(helpers.submit(() -> part.accept(index)));
        }
        part.accept(0);
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("dot was interrupted while waiting for its worker threads", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    /** The pool, grown to at least {@code helpers} threads. */
    private static synchronized ExecutorService pool(int helpers) {
        if (pool == null || poolSize < helpers) {
            if (pool != null) {
                pool.shutdown();
            }
            pool = Executors.newFixedThreadPool(helpers, task -> {
                Thread thread = new Thread(task, "shapeprop-dot-" + NUMBER.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            poolSize = helpers;
        }
        return pool;
    }
}
