package shapeprop.viz;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import shapeprop.nn.History;
import shapeprop.nn.TrainingInterruptedException;
import shapeprop.nn.TrainingListener;

/**
 * Training progress that a notebook shows in one output, updated in place. It listens to
 * {@code Network.fit} and hands a {@link ProgressView} to a sink at most about once a second, plus the first
 * step and the final view (the last epoch done, or the interrupt), so a fast loop isn't slowed by its display:
 * <pre>{@code
 * LiveProgress progress = LiveProgress.of(5, train.size(), 64);   // epochs, samples, batch size: as fit's
 * String id = display(progress.view());                           // the kernel's display(...)
 * try {
 *     net.fit(X, Y, testX, testY, 5, 64, 0.5, 0, progress.updating(view -> updateDisplay(id, view)));
 * } catch (TrainingInterruptedException e) {
 *     progress.interrupted(e);                                     // the view ends "interrupted in epoch 3 ..."
 * }
 * }</pre>
 * Given to another fit, it starts over at that fit's first step, however the last one ended (done, diverged, or
 * interrupted, even before its first step). When fit runs more steps than it was made for, the view says so and
 * how to fix it instead of counting past 100%. The library doesn't know the kernel: the sink is any
 * {@code Consumer<ProgressView>} (in a terminal, {@code System.out::println}).
 */
public final class LiveProgress implements TrainingListener {

    /** Minimum time between two views sent to the sink. */
    public static final long INTERVAL_NANOS = 1_000_000_000L;

    /** The loss curve keeps at most this many points, averaging ever larger buckets of steps. */
    static final int CURVE_POINTS = 400;

    private final int epochs;
    private final long totalSteps;
    private final LongSupplier clock;
    private Consumer<ProgressView> sink = view -> { };
    private int sent;

    // one run of fit; reset at the first step of the next run: after the run ended (fit's onEnd, or the notebook's
    // interrupted(e)), or when the step count goes back down (a listener that forwards only onStep and onEpoch)
    private boolean ended;
    private long start = -1;
    private long lastSent;
    private int sentThisRun;
    private int epoch;
    private long step;
    private double epochLossSum;
    private int epochSteps;
    private double trainAccuracy = Double.NaN;
    private double testAccuracy = Double.NaN;
    private boolean done;
    private boolean interrupted;
    private String warning;

    // the loss curve: means of buckets of `bucket` steps
    private final double[] curveSteps = new double[CURVE_POINTS + 1];
    private final double[] curveLosses = new double[CURVE_POINTS + 1];
    private int points;
    private long bucket = 1;
    private double bucketSum;
    private long bucketCount;

    LiveProgress(int epochs, long totalSteps, LongSupplier nanoClock) {
        if (epochs < 1 || totalSteps < 1) {
            throw new IllegalArgumentException("LiveProgress: " + epochs + " epochs of " + totalSteps
                    + " steps in all; give at least one epoch and one step.");
        }
        this.epochs = epochs;
        this.totalSteps = totalSteps;
        this.clock = nanoClock;
    }

    /** Progress of {@code epochs} epochs over {@code samples} samples in batches of {@code batchSize}. */
    public static LiveProgress of(int epochs, int samples, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("LiveProgress: batch size " + batchSize + "; give at least 1.");
        }
        long perEpoch = (samples + batchSize - 1) / batchSize;
        return new LiveProgress(epochs, epochs * perEpoch, System::nanoTime);
    }

    /** Sends each view to {@code sink} from now on (e.g. the kernel's updateDisplay) and returns this listener. */
    public LiveProgress updating(Consumer<ProgressView> sink) {
        this.sink = Objects.requireNonNull(sink, "LiveProgress.updating: sink is null");
        return this;
    }

    @Override
    public synchronized void onStep(int epoch, int step, double loss) {
        long now = clock.getAsLong();
        // a step after the end starts a new run, even when the last run ended before its first step (its step count
        // is still 0, so step 1 isn't below it); fit counts steps from 1: a step that isn't past the last one does too
        if (ended || step <= this.step) {
            reset();
        }
        if (start < 0) {
            start = now;
        }
        if (epoch != this.epoch) {
            this.epoch = epoch;
            epochLossSum = 0;
            epochSteps = 0;
        }
        this.step = step;
        epochLossSum += loss;
        epochSteps++;
        addToCurve(step, loss);
        if (step > totalSteps || epoch > epochs) {
            done = false;
            warn("fit ran more");
        }
        // fit checks for an interrupt right after this call and stops: this is the last view of the run
        if (Thread.currentThread().isInterrupted()) {
            interrupted = true;
            send(now);
        } else if (sentThisRun == 0 || now - lastSent >= INTERVAL_NANOS) {
            send(now);
        }
    }

    @Override
    public synchronized void onEpoch(History.Entry entry) {
        trainAccuracy = entry.trainAccuracy();
        testAccuracy = entry.testAccuracy();
        long now = clock.getAsLong();
        // entry.step() after epoch 1 is fit's steps per epoch
        if (entry.epoch() == 1 && totalSteps % epochs == 0 && entry.step() != totalSteps / epochs) {
            warn("fit's epoch 1 took " + entry.step() + " steps");
        }
        if (entry.epoch() == epochs && step <= totalSteps) {
            // the very last update is never held back
            done = true;
            send(now);
        } else if (now - lastSent >= INTERVAL_NANOS) {
            // many short epochs must not flood the notebook either: the same once-a-second rule
            send(now);
        }
    }

    /**
     * fit's end, however it came: the final view is sent at once, not up to a second later. After the last epoch it
     * says done (also for a run longer than this LiveProgress was made for, which it could not foresee); after an
     * interrupt, {@link #interrupted}; after any other exception (a divergence) it shows where training stopped.
     */
    @Override
    public synchronized void onEnd(History history, Throwable stoppedBy) {
        ended = true;
        if (stoppedBy instanceof TrainingInterruptedException e) {
            interrupted(e);
        } else if (stoppedBy == null) {
            if (!done) {
                done = true;
                send(clock.getAsLong());
            }
        } else {
            send(clock.getAsLong());
        }
    }

    /**
     * Shows the final state of a run that was interrupted: call it where the notebook catches the interrupt,
     * <pre>{@code
     * } catch (TrainingInterruptedException e) {
     *     progress.interrupted(e);
     *     history = e.history();
     * }</pre>
     * (The view usually shows it already: this listener sees the interrupt at the step fit stops after.)
     */
    public synchronized void interrupted(TrainingInterruptedException e) {
        Objects.requireNonNull(e, "LiveProgress.interrupted: the exception is null");
        ended = true;
        if (!interrupted) {
            interrupted = true;
            done = false;
            send(clock.getAsLong());
        }
    }

    /** The progress now. */
    public synchronized ProgressView view() {
        return snapshot(clock.getAsLong());
    }

    /** How many views were sent to the sink so far (over every run). */
    public int updatesSent() {
        return sent;
    }

    /** The first time the run doesn't match how this LiveProgress was made, says so in the view. */
    private void warn(String what) {
        if (warning == null) {
            warning = "LiveProgress was made for " + totalSteps + " steps (" + epochs + (epochs == 1 ? " epoch" : " epochs")
                    + (totalSteps % epochs == 0 ? " of " + totalSteps / epochs : "") + ") but " + what
                    + "; pass fit's epochs and batch size: LiveProgress.of(epochs, samples, batchSize).";
        }
    }

    private void reset() {
        ended = false;
        start = -1;
        lastSent = 0;
        sentThisRun = 0;
        epoch = 0;
        step = 0;
        epochLossSum = 0;
        epochSteps = 0;
        trainAccuracy = Double.NaN;
        testAccuracy = Double.NaN;
        done = false;
        interrupted = false;
        warning = null;
        points = 0;
        bucket = 1;
        bucketSum = 0;
        bucketCount = 0;
    }

    private void send(long now) {
        lastSent = now;
        sent++;
        sentThisRun++;
        sink.accept(snapshot(now));
    }

    private ProgressView snapshot(long now) {
        double elapsed = start < 0 ? 0 : (now - start) / 1e9;
        double rate = elapsed > 0 ? step / elapsed : 0;
        double[] xs = Arrays.copyOf(curveSteps, points + (bucketCount > 0 ? 1 : 0));
        double[] ys = Arrays.copyOf(curveLosses, xs.length);
        if (bucketCount > 0) {
            xs[points] = step;
            ys[points] = bucketSum / bucketCount;
        }
        return new ProgressView(epoch, epochs, step, totalSteps, epochSteps == 0 ? Double.NaN
                : epochLossSum / epochSteps, trainAccuracy, testAccuracy, rate, elapsed, done, interrupted, warning,
                xs, ys);
    }

    /** Adds a step's loss to the curve; when it is full, pairs of points merge and buckets double. */
    private void addToCurve(long atStep, double loss) {
        bucketSum += loss;
        bucketCount++;
        if (bucketCount < bucket) {
            return;
        }
        curveSteps[points] = atStep;
        curveLosses[points] = bucketSum / bucketCount;
        points++;
        bucketSum = 0;
        bucketCount = 0;
        if (points > CURVE_POINTS) {
            int half = points / 2;
            for (int i = 0; i < half; i++) {
                curveSteps[i] = curveSteps[2 * i + 1];
                curveLosses[i] = (curveLosses[2 * i] + curveLosses[2 * i + 1]) / 2;
            }
            if (points % 2 == 1) {
                curveSteps[half] = curveSteps[points - 1];
                curveLosses[half] = curveLosses[points - 1];
                points = half + 1;
            } else {
                points = half;
            }
            bucket *= 2;
        }
    }

    /** The current view, as a terminal line. */
    @Override
    public String toString() {
        return view().toString();
    }
}
