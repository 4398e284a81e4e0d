package shapeprop.matrix;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A few daemon threads that help the calling thread with large matrix products. The caller always does one part
 * itself, so {@code n} threads means the caller plus {@code n - 1} helpers.
 *
 * <p>A helper that has finished its part waits for the next one busily for a while ({@value #SPIN_NANOS} ns) before
 * it parks, as OpenBLAS's threads do: in a training step the large products come a fraction of a millisecond apart,
 * and waking a parked thread costs more than that gains on a virtual machine. Measured here on MNIST 784-128-10,
 * two threads took 0.68 s an epoch with a thread pool whose workers parked between products (one thread: 0.5 s),
 * 0.53 s waiting busily for 0.1 ms, 0.42 s for 2 ms. One caller at a time uses the helpers; a product started while they are busy
 * (another thread's, or one nested in a part) computes its parts on its own thread.
 */
final class Workers {

    /** How long a helper waits busily for its next part before it parks. */
    static final long SPIN_NANOS = 2_000_000;

    private static final AtomicBoolean BUSY = new AtomicBoolean();
    private static Helper[] helpers = new Helper[0];

    private Workers() {
    }

    /** Runs {@code part.accept(0 … parts-1)}: part 0 on the calling thread, the rest on the helpers. */
    static void run(int parts, IntConsumer part) {
        if (parts <= 1 || !BUSY.compareAndSet(false, true)) {
            for (int t = 0; t < parts; t++) {
                part.accept(t);
            }
            return;
        }
        try {
            Helper[] h = helpers(parts - 1);
            for (int t = 1; t < parts; t++) {
                h[t - 1].post(part, t);
            }
            Throwable failure = null;
            try {
                part.accept(0);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            for (int t = 1; t < parts; t++) {
                Throwable f = h[t - 1].await();
                failure = failure == null ? f : failure;
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        } finally {
            BUSY.set(false);
        }
    }

    /** At least {@code count} helpers, started on first use. */
    private static Helper[] helpers(int count) {
        if (helpers.length < count) {
            Helper[] more = java.util.Arrays.copyOf(helpers, count);
            for (int i = helpers.length; i < count; i++) {
                more[i] = new Helper(i + 1);
                more[i].start();
            }
            helpers = more;
        }
        return helpers;
    }

    /** One helper thread: runs the parts posted to it, one at a time. */
    private static final class Helper extends Thread {
        private volatile IntConsumer task;
        private volatile int index;
        private volatile Throwable failure;
        // parts posted and finished so far; the helper is idle when they are equal
        private volatile long posted;
        private volatile long finished;
        private volatile boolean parked;

        Helper(int number) {
            super("shapeprop-dot-" + number);
            setDaemon(true);
        }

        /** Hands part {@code i} of {@code part} to this helper. */
        void post(IntConsumer part, int i) {
            task = part;
            index = i;
            failure = null;
            posted++;
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        /** Waits until the posted part is done; returns what it threw, or null. */
        Throwable await() {
            while (finished != posted) {
                Thread.onSpinWait();
            }
            return failure;
        }

        @Override
        public void run() {
            long done = 0;
            while (true) {
                long since = System.nanoTime();
                while (posted == done) {
                    if (System.nanoTime() - since < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        // parked is set before posted is read again, so a post after that read unparks this thread
                        parked = true;
                        if (posted == done) {
                            LockSupport.park(this);
                        }
                        parked = false;
                    }
                }
                done = posted;
                try {
                    task.accept(index);
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                finished = done;
            }
        }
    }
}
