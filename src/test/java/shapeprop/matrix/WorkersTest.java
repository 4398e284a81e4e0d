package shapeprop.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The helper threads of large products: every part runs once (on its helper or, when the helper has not started it,
 * on the caller), a failure reaches the caller, nesting is safe, and the helpers go idle when the work stops.
 */
class WorkersTest {

    @Test
    void helpersStartedFromAThreadOfAnotherGroupLiveInTheTopGroupNotThatOne() throws InterruptedException {
        // As in a notebook: the first threaded product runs on a thread of JShell's group for that cell, and
        // JShell waits for every thread of that group to end before it answers the cell.
        ThreadGroup cell = new ThreadGroup("a JShell cell");
        Thread snippet = new Thread(cell, () -> Workers.run(3, t -> { }), "snippet");
        snippet.start();
        snippet.join();
        assertEquals(0, cell.activeCount(), "a thread the product started lives on in the cell's group");
        assertTrue(Workers.threads().length >= 2);
        for (Thread helper : Workers.threads()) {
            assertNull(helper.getThreadGroup().getParent(), helper.getName() + " is in " + helper.getThreadGroup());
        }
    }

    @Test
    void everyPartRunsOnceAndTheHelpersServeCallAfterCall() {
        for (int call = 0; call < 1000; call++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(3);
            Workers.run(3, runs::incrementAndGet);
            assertEquals("[1, 1, 1]", runs.toString(), "call " + call);
        }
    }

    @Test
    void aPartThatThrowsFailsTheCallAndLeavesTheHelpersWorking() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Workers.run(2, t -> {
            if (t == 1) {
                throw new IllegalStateException("part 1 failed");
            }
        }));
        assertEquals("part 1 failed", e.getMessage());
        int[] done = new int[2];
        Workers.run(2, t -> done[t] = t + 1);
        assertArrayEquals(new int[] {1, 2}, done);
    }

    @Test
    void aProductInsideAPartRunsOnItsOwnThread() {
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        Workers.run(2, t -> Workers.run(2, u -> runs.incrementAndGet(2 * t + u)));
        assertEquals("[1, 1, 1, 1]", runs.toString());
    }

    @Test
    void partsTooSmallForTheHelperToStartInTimeStillRunOnceEachAndFailuresStillArrive() {
        // parts this short are often claimed by the caller before the helper looks: the part runs once either way
        for (int call = 0; call < 20_000; call++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(2);
            Workers.run(2, runs::incrementAndGet);
            assertEquals("[1, 1]", runs.toString(), "call " + call);
        }
        for (int call = 0; call < 1000; call++) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Workers.run(2, t -> {
                if (t == 1) {
                    throw new IllegalStateException("part 1 failed");
                }
            }));
            assertEquals("part 1 failed", e.getMessage(), "call " + call);
        }
    }

    @Test
    void theHelpersParkWhenTheWorkStops() throws InterruptedException {
        Workers.run(3, t -> { });
        // they wait busily for a next part for SPIN_NANOS (2 ms), then park: idle threads take no CPU time
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (Thread helper : Workers.threads()) {
            while (helper.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(Thread.State.WAITING, helper.getState(), helper.getName());
        }
    }
}
