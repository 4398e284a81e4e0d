package shapeprop.matrix;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A few daemon threads that help the calling thread with large matrix products and the banded phases of a training
 * step ({@link Bands}). The caller always does one part itself, so {@code n} threads means the caller plus
 * {@code n - 1} helpers; part {@code t} goes to the same helper every call, so a band of a weight matrix stays in
 * that helper's cache from step to step.
 *
 * <p>A helper that has finished its part waits for the next one busily for a while ({@value #SPIN_NANOS} ns) before
 * it parks, as OpenBLAS's threads do: in a training step the large products come a fraction of a millisecond apart,
 * and waking a parked thread costs more than that gains on a virtual machine. Measured here on MNIST 784-128-10,
 * two threads took 0.68 s an epoch with a thread pool whose workers parked between products (one thread: 0.5 s),
 * 0.53 s waiting busily for 0.1 ms, 0.42 s for 2 ms.
 *
 * <p>A part is claimed before it runs, by its helper or by the caller: when the caller has done its own part and a
 * helper has not yet started its one (on a busy machine the helper may wait for a core for milliseconds), the
 * caller runs that part itself. So a call never waits for a thread that the operating system has not scheduled,
 * and it computes the same numbers whichever thread runs a part. One caller at a time uses the helpers; a call
 * made while they are busy (another thread's, or one nested in a part) runs its parts on its own thread.
 */
final class Workers {

    /** How long a helper waits busily for its next part before it parks. */
    static final long SPIN_NANOS = 2_000_000;
    /**
     * How long a thread waits busily (for its next part, or for a helper's part to finish) before it offers its core
     * to other threads between looks ({@link Thread#yield}): on an idle core that costs a system call per look, on a
     * core shared with other work it lets that work run instead of waiting for the scheduler to preempt the spin.
     */
    private static final long YIELD_AFTER_NANOS = 50_000;

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
                // a part its helper has not started yet runs here, now
                Throwable f = h[t - 1].claim() ? h[t - 1].runHere() : h[t - 1].await();
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

    /** The thread group every other group descends from ("system"). */
    static ThreadGroup topThreadGroup() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        return group;
    }

    /** The helper threads started so far, for tests that check they are idle. */
    static Thread[] threads() {
        return helpers.clone();
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

    /** One helper thread: runs the parts posted to it, one at a time, unless the caller claims them first. */
    private static final class Helper extends Thread {
        private volatile IntConsumer task;
        private volatile int index;
        private volatile Throwable failure;
        // parts posted, claimed (by this helper or the caller) and finished so far; each post is claimed once
        private volatile long posted;
        private final AtomicLong claimed = new AtomicLong();
        private volatile long finished;
        private volatile boolean parked;

        Helper(int number) {
            // In the JVM's top thread group, not the caller's: in a notebook the first threaded product runs on
            // a thread of JShell's group for that cell, and JShell waits for every thread of that group to end
            // before the cell's reply (a helper that lives on in it would hold the cell forever).
            super(topThreadGroup(), "shapeprop-dot-" + number);
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

        /** Claims the posted part for the caller; false when this helper has claimed it already. */
        boolean claim() {
            long p = posted;
            return claimed.compareAndSet(p - 1, p);
        }

        /** Runs the posted part, which the caller has claimed, on the calling thread; returns what it threw. */
        Throwable runHere() {
            try {
                task.accept(index);
                return null;
            } catch (RuntimeException | Error e) {
                return e;
            }
        }

        /** Waits until the part this helper claimed is done; returns what it threw, or null. */
        Throwable await() {
            long p = posted;
            long since = System.nanoTime();
            while (finished != p) {
                if (System.nanoTime() - since < YIELD_AFTER_NANOS) {
                    Thread.onSpinWait();
                } else {
                    // the helper has lost its core: let it have ours
                    Thread.yield();
                }
            }
            return failure;
        }

        @Override
        public void run() {
            long done = 0;
            while (true) {
                long since = System.nanoTime();
                while (posted == done) {
                    long waited = System.nanoTime() - since;
                    if (waited < YIELD_AFTER_NANOS) {
                        Thread.onSpinWait();
                    } else if (waited < SPIN_NANOS) {
                        // a thread that waits busily on a shared core would take its time from the caller
                        Thread.yield();
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
                // the caller may have claimed the part (and even posted the next one): then there is nothing to run
                if (claimed.compareAndSet(done - 1, done)) {
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
}
