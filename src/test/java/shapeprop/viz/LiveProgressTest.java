package shapeprop.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import shapeprop.data.Dataset;
import shapeprop.data.Moons;
import shapeprop.data.Samples;
import shapeprop.nn.Activation;
import shapeprop.nn.History;
import shapeprop.nn.Loss;
import shapeprop.nn.Network;
import shapeprop.nn.TrainingInterruptedException;
import shapeprop.nn.TrainingListener;

/** Training shows one output that is updated in place, about once a second, not once per step. */
class LiveProgressTest {

    @Test
    void aFastLoopSendsAboutOneViewPerSecond() {
        AtomicLong now = new AtomicLong();
        List<ProgressView> views = new ArrayList<>();
        LiveProgress progress = new LiveProgress(5, 10_000, now::get).updating(views::add);
        for (int step = 1; step <= 10_000; step++) {
            now.addAndGet(500_000); // 0.5 ms per step: 5 s in all
            int epoch = (step - 1) / 2000 + 1;
            progress.onStep(epoch, step, 1.0 / step);
            if (step % 2000 == 0) {
                progress.onEpoch(new History.Entry(epoch, step, 0.1, 0.8 + epoch / 100.0, Double.NaN, Map.of(),
                        step * 5e-4));
            }
        }
        // the first step, then once per second (5 s), and the end
        assertTrue(views.size() >= 6 && views.size() <= 7, "sent " + views.size() + " views for 10,000 steps");
        ProgressView last = views.get(views.size() - 1);
        assertTrue(last.done());
        assertEquals(10_000, last.step());
        assertEquals(1.0, last.fraction());
        assertEquals(0.85, last.trainAccuracy(), 1e-12);
        assertEquals(2000, last.stepsPerSecond(), 1.0, "10,000 steps in 5 s");
        assertTrue(last.curveLosses().length <= LiveProgress.CURVE_POINTS + 1);
        assertTrue(last.curveLosses()[0] > last.curveLosses()[last.curveLosses().length - 1], "the loss fell");
    }

    @Test
    void manyShortEpochsDoNotFloodTheNotebookEither() {
        AtomicLong now = new AtomicLong();
        List<ProgressView> views = new ArrayList<>();
        LiveProgress progress = new LiveProgress(400, 8000, now::get).updating(views::add);
        for (int step = 1; step <= 8000; step++) {
            now.addAndGet(1_000_000); // 1 ms per step, 20 steps per epoch: 8 s
            int epoch = (step - 1) / 20 + 1;
            progress.onStep(epoch, step, 0.5);
            if (step % 20 == 0) {
                progress.onEpoch(new History.Entry(epoch, step, 0.5, 0.9, Double.NaN, Map.of(), step / 1000.0));
            }
        }
        assertTrue(views.size() <= 10, "sent " + views.size() + " views for 400 epochs in 8 s");
        assertTrue(views.get(views.size() - 1).done());
        assertEquals(400, views.get(views.size() - 1).epoch());
    }

    @Test
    void theViewPrintsAsOneTerminalLineWithRateAndEta() {
        AtomicLong now = new AtomicLong();
        LiveProgress progress = new LiveProgress(2, 100, now::get);
        progress.onStep(1, 1, 0.7);
        now.set(2_000_000_000L);
        progress.onStep(1, 25, 0.5);
        ProgressView view = progress.view();
        assertEquals(12.5, view.stepsPerSecond(), 1e-9, "25 steps in 2 s");
        assertEquals(6.0, view.etaSeconds(), 1e-9, "75 steps left at 12.5 steps/s");
        assertEquals("epoch 1/2 [######------------------]  25% step 25/100 loss 0.6000 13 steps/s ETA 0:06",
                view.toString());
        assertFalse(view.done());
    }

    @Test
    void theNotebookViewIsABarNumbersAndALossCurveWithoutScripts() {
        AtomicLong now = new AtomicLong();
        LiveProgress progress = new LiveProgress(1, 10, now::get);
        for (int step = 1; step <= 4; step++) {
            now.addAndGet(100_000_000L);
            progress.onStep(1, step, 1.0 / step);
        }
        String html = progress.view().html();
        assertTrue(html.contains("width:40.0%"), html);
        assertTrue(html.contains("step 4/10 · loss <b>0.5208</b>"), html);
        assertTrue(html.contains("<svg class=\"shapeprop-loss-curve\""), html);
        assertFalse(html.contains("<script"));
    }

    @Test
    void fittingANetworkReportsEveryEpochAndEndsDone() {
        Dataset moons = Moons.generate(200, 0.2, 0);
        Network net = Network.builder(2).dense(8, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Loss.BINARY_CROSS_ENTROPY).build();
        List<ProgressView> views = new ArrayList<>();
        LiveProgress progress = LiveProgress.of(3, moons.size(), 32).updating(views::add);
        History history = net.fit(moons.x(Samples.COLUMNS), moons.y(Samples.COLUMNS), 3, 32, 0.5, 0, progress);
        ProgressView last = views.get(views.size() - 1);
        assertEquals(21, last.totalSteps(), "ceil(200 / 32) = 7 steps per epoch, 3 epochs");
        assertEquals(21, last.step());
        assertTrue(last.done());
        assertEquals(history.last().trainAccuracy(), last.trainAccuracy());
        assertEquals("epoch 1/3", views.get(0).toString().substring(0, 9), "the first step shows at once");
        assertTrue(views.size() >= 2 && views.size() <= 4, views.size() + " views for 21 quick steps");
    }

    @Test
    void aRunLongerThanPlannedEndsDoneTheMomentFitReturns() {
        Dataset moons = Moons.generate(200, 0.2, 0);
        List<ProgressView> views = new ArrayList<>();
        // made for 2 epochs, fit runs 3: only fit's end can tell the view that training is over
        LiveProgress progress = LiveProgress.of(2, moons.size(), 32).updating(views::add);
        moonsNetwork().fit(moons.x(Samples.COLUMNS), moons.y(Samples.COLUMNS), 3, 32, 0.5, 0, progress);
        ProgressView last = views.get(views.size() - 1);
        assertTrue(last.done(), last.toString());
        assertEquals(21, last.step());
    }

    private static Network moonsNetwork() {
        return Network.builder(2).dense(8, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Loss.BINARY_CROSS_ENTROPY).build();
    }

    @Test
    void aRunWithAnotherBatchSizeIsStillThrottledAndTheViewSaysHowToFixIt() {
        AtomicLong now = new AtomicLong();
        List<ProgressView> views = new ArrayList<>();
        // made for batches of 64 (50 steps per epoch), but fit uses batches of 32: 100 per epoch
        LiveProgress progress = new LiveProgress(5, 250, now::get).updating(views::add);
        for (int step = 1; step <= 500; step++) {
            now.addAndGet(10_000_000L); // 10 ms per step: 5 s in all
            int epoch = (step - 1) / 100 + 1;
            progress.onStep(epoch, step, 0.5);
            if (step % 100 == 0) {
                progress.onEpoch(new History.Entry(epoch, step, 0.5, 0.9, 0.8, Map.of(), step / 100.0));
            }
        }
        assertTrue(views.size() >= 5 && views.size() <= 7, "sent " + views.size() + " views for 500 steps in 5 s");
        String last = views.get(views.size() - 1).toString();
        assertTrue(last.startsWith("epoch 5 [####"), last);
        // without an end-of-fit call, the view of a run longer than announced is up to a second old
        assertTrue(last.contains(" step 401 loss 0.5000") && !last.contains("401/250"), last);
        assertTrue(last.endsWith("LiveProgress was made for 250 steps (5 epochs of 50) but fit's epoch 1 took 100"
                + " steps; pass fit's epochs and batch size: LiveProgress.of(epochs, samples, batchSize)."), last);
        assertTrue(progress.view().html().contains("⚠ LiveProgress was made for 250 steps"));
    }

    @Test
    void moreEpochsThanItWasMadeForShowAWarningNotStepSixtyOfFour() {
        List<ProgressView> views = new ArrayList<>();
        LiveProgress progress = LiveProgress.of(2, 200, 100).updating(views::add); // 4 steps
        Dataset moons = Moons.generate(200, 0.2, 0);
        moonsNetwork().fit(moons.x(Samples.COLUMNS), moons.y(Samples.COLUMNS), 3, 10, 0.5, 0, progress);
        String shown = progress.view().toString();
        assertTrue(shown.startsWith("epoch 3 ") && shown.contains(" step 60 "), shown);
        assertFalse(shown.contains("60/4") || shown.contains("3/2"), shown);
        assertTrue(shown.endsWith(" — LiveProgress was made for 4 steps (2 epochs of 2) but fit ran more; pass fit's "
                + "epochs and batch size: LiveProgress.of(epochs, samples, batchSize)."), shown);
        // done only when fit has ended (it tells its listener), never at step 4 of 60
        assertTrue(views.subList(0, views.size() - 1).stream().noneMatch(ProgressView::done), "done before the end");
        assertTrue(views.get(views.size() - 1).done(), "the end is shown at once");
        assertTrue(views.size() <= 4, views.size() + " views for 60 quick steps");
    }

    @Test
    void theLastStepIsNotDoneUntilTheLastEpochHasItsTestAccuracy() {
        AtomicLong now = new AtomicLong();
        List<ProgressView> views = new ArrayList<>();
        LiveProgress progress = new LiveProgress(2, 4, now::get).updating(views::add);
        for (int step = 1; step <= 4; step++) {
            now.addAndGet(1_000_000L);
            int epoch = (step + 1) / 2;
            progress.onStep(epoch, step, 0.5);
            if (step == 2) {
                progress.onEpoch(new History.Entry(1, 2, 0.5, 0.6, 0.55, Map.of(), 0.002));
            }
        }
        assertEquals(1, views.size(), "the first step only: the rest came within a second");
        ProgressView measuring = progress.view();
        assertFalse(measuring.done(), "the last step ran, but epoch 2's test accuracy is still being measured");
        assertTrue(measuring.toString().endsWith("train 60.0% test 55.0% 1333 steps/s ETA 0:00"), measuring.toString());
        now.addAndGet(4_000_000_000L);
        progress.onEpoch(new History.Entry(2, 4, 0.4, 0.7, 0.65, Map.of(), 4.004));
        assertEquals(2, views.size(), "the last view is never held back");
        assertEquals("epoch 2/2 [########################] 100% step 4/4 loss 0.5000 train 70.0% test 65.0% 1 steps/s"
                + " done in 0:04", views.get(1).toString());
    }

    @Test
    void reusingOneLiveProgressForASecondFitStartsOver() {
        Dataset moons = Moons.generate(200, 0.2, 0);
        Network net = moonsNetwork();
        List<ProgressView> views = new ArrayList<>();
        LiveProgress progress = LiveProgress.of(3, moons.size(), 32).updating(views::add);
        net.fit(moons.x(Samples.COLUMNS), moons.y(Samples.COLUMNS), 3, 32, 0.5, 0, progress);
        int first = views.size();
        net.fit(moons.x(Samples.COLUMNS), moons.y(Samples.COLUMNS), 3, 32, 0.5, 0, progress);
        List<ProgressView> second = views.subList(first, views.size());
        assertTrue(second.size() >= 2 && second.size() <= 4, second.size() + " views for 21 quick steps");
        assertTrue(second.get(0).toString().startsWith("epoch 1/3 [#-----------------------]   5% step 1/21 loss"),
                second.get(0).toString());
        assertFalse(second.get(0).done());
        assertEquals(1, second.get(0).curveLosses().length, "the loss curve starts over too");
        assertTrue(second.get(second.size() - 1).done());
    }

    @Test
    void aFitInterruptedBeforeItsFirstStepLeavesTheNextFitAFreshView() {
        Dataset moons = Moons.generate(200, 0.2, 0);
        Network net = moonsNetwork();
        List<ProgressView> views = new ArrayList<>();
        LiveProgress progress = LiveProgress.of(3, moons.size(), 32).updating(views::add);
        // the learner presses ■ as the cell starts: fit stops while preparing the batches, before step 1
        Thread.currentThread().interrupt();
        try {
            TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                    () -> net.fit(moons.x(Samples.COLUMNS), moons.y(Samples.COLUMNS), 3, 32, 0.5, 0, progress));
            assertEquals(0L, e.step(), e.getMessage());
        } finally {
            Thread.interrupted();
        }
        assertTrue(progress.view().interrupted(), progress.view().toString());
        int first = views.size();
        // then runs the cell again with the same LiveProgress
        net.fit(moons.x(Samples.COLUMNS), moons.y(Samples.COLUMNS), 3, 32, 0.5, 0, progress);
        List<ProgressView> second = views.subList(first, views.size());
        assertTrue(second.get(0).toString().startsWith("epoch 1/3 [#-----------------------]   5% step 1/21 loss"),
                second.get(0).toString());
        assertTrue(second.stream().noneMatch(ProgressView::interrupted), "the second fit was not interrupted: "
                + second);
        ProgressView last = second.get(second.size() - 1);
        assertTrue(last.done() && last.toString().contains(" done in "), last.toString());
    }

    @Test
    void anInterruptedFitEndsWithAnInterruptedView() {
        Dataset moons = Moons.generate(200, 0.2, 0);
        List<ProgressView> views = new ArrayList<>();
        LiveProgress progress = LiveProgress.of(5, moons.size(), 32).updating(views::add); // 7 steps per epoch
        TrainingListener interruptAtStep10 = new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, double loss) {
                if (step == 10) {
                    Thread.currentThread().interrupt(); // as the kernel's interrupt button does
                }
                progress.onStep(epoch, step, loss);
            }

            @Override
            public void onEpoch(History.Entry entry) {
                progress.onEpoch(entry);
            }
        };
        TrainingInterruptedException e;
        try {
            e = assertThrows(TrainingInterruptedException.class, () -> moonsNetwork()
                    .fit(moons.x(Samples.COLUMNS), moons.y(Samples.COLUMNS), 5, 32, 0.5, 0, interruptAtStep10));
        } finally {
            Thread.interrupted();
        }
        ProgressView last = views.get(views.size() - 1);
        assertTrue(last.interrupted() && !last.done());
        assertEquals(10, last.step(), "the step fit stopped after, not one a second old");
        assertTrue(last.toString().matches("epoch 2/5 \\[#+-+\\]  29% step 10/35 loss .* interrupted in epoch 2 after"
                + " 0:0\\d \\(1 epoch finished\\)"), last.toString());
        assertFalse(last.toString().contains("ETA"));
        int sent = progress.updatesSent();
        progress.interrupted(e);
        assertEquals(sent, progress.updatesSent(), "the final view was already shown");
    }

    @Test
    void theNotebookCanShowTheInterruptWhenTheListenerMissedIt() {
        AtomicLong now = new AtomicLong();
        List<ProgressView> views = new ArrayList<>();
        LiveProgress progress = new LiveProgress(20, 200, now::get).updating(views::add);
        for (int step = 1; step <= 95; step++) {
            now.addAndGet(1_000_000L);
            progress.onStep((step - 1) / 10 + 1, step, 0.5);
            if (step % 10 == 0) {
                progress.onEpoch(new History.Entry(step / 10, step, 0.5, 0.9, 0.8, Map.of(), step / 1000.0));
            }
        }
        progress.interrupted(new TrainingInterruptedException(10, 95, new History(), "fit: interrupted"));
        String html = views.get(views.size() - 1).html();
        assertTrue(html.contains("<span>epoch 10/20</span>"), html);
        assertTrue(html.contains("interrupted in epoch 10 after 0:00 (9 epochs finished)</b>"), html);
        assertFalse(html.contains("ETA"), html);
    }

    @Test
    void theLossCurveHasRoomForItsLongestLabel() {
        AtomicLong now = new AtomicLong();
        LiveProgress progress = new LiveProgress(1, 10, now::get);
        for (int step = 1; step <= 4; step++) {
            progress.onStep(1, step, -3.279e9 / step);
        }
        String html = progress.view().html();
        java.util.regex.Matcher label = java.util.regex.Pattern
                .compile("<text x=\"(\\d+)\" y=\"12\" text-anchor=\"end\" font-size=\"10\">([^<]+)</text>")
                .matcher(html);
        assertTrue(label.find(), html);
        assertEquals("-8.198e+08", label.group(2));
        assertTrue(Integer.parseInt(label.group(1)) >= 6 * label.group(2).length(),
                "a 10 px label of " + label.group(2).length() + " characters ends at x = " + label.group(1));
    }
}
