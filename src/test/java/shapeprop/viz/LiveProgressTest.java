package shapeprop.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
