package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import shapeprop.matrix.Matrix;

/** Numbers in traces, check tables and histories read as a learner types them, in every locale. */
class NumbersTest {

    @Test
    void learningRatesReadAsTheLearnerTypedThem() {
        assertEquals(List.of("0.5", "0.01", "2", "1e-05", "2.5e-07", "1.23e-05", "1.23e+06", "-3e-06"),
                List.of(Numbers.format(0.5), Numbers.format(0.01), Numbers.format(2), Numbers.format(1e-5),
                        Numbers.format(2.5e-7), Numbers.format(1.234e-5), Numbers.format(1234567.5),
                        Numbers.format(-3e-6)));
        assertEquals("Sgd(lr=1e-05)", new Sgd(1e-5).toString());
    }

    @Test
    void aTinyLearningRateShowsInTheTraceAsTyped() {
        Network net = Network.builder(2).dense(1, Activation.SIGMOID).loss(Loss.BINARY_CROSS_ENTROPY).seed(1)
                .build().tracing(true);
        net.forward(Matrix.of(2, 3, 1, 2, 3, 4, 5, 6));
        net.backward(Matrix.row(0, 1, 1));
        net.update(1e-5);

        String trace = net.trace().toString();
        assertTrue(trace.contains("W1 -= 1e-05·dW1"), trace);
        assertTrue(trace.contains("b1 -= 1e-05·db1"), trace);
    }

    @Test
    void aGermanDefaultLocaleStillPrintsDecimalPoints() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertEquals("7.6e-07", Numbers.scientific(7.6e-7));
            assertEquals("1.23e-05", Numbers.format(1.234e-5));

            // L = ½‖w‖², so dL/dw = w = (1, 2); the analytic (1, 2.5) is off by 1.0e-01
            Map<String, Matrix> w = Map.of("w", Matrix.row(1, 2));
            GradientCheck.Row row = GradientCheck.of(w, p -> p.get("w").mul(p.get("w")).sum() / 2,
                    Map.of("dw", Matrix.row(1, 2.5))).row("w");
            assertTrue(row.toString().startsWith("w (1, 2): wrong, relative error 1.0e-01. "), row.toString());

            History.Entry entry = new History.Entry(1, 4, 0.6931, 0.75, 0.5, Map.of("W1", 0.0123), 1.5);
            assertEquals("epoch 1, step 4: loss 0.6931, train 75.00%, test 50.00%, 1.50 s", entry.toString());
            String table = new History(List.of(entry)).toString();
            assertTrue(table.contains("0.6931") && table.contains("1.23e-02") && table.contains("1.50"), table);

            Network net = Network.builder(2).dense(1, Activation.SIGMOID).loss(Loss.BINARY_CROSS_ENTROPY).seed(1)
                    .build().tracing(true);
            net.forward(Matrix.randn(2, 4, new Random(2)));
            net.backward(Matrix.row(0, 1, 1, 0));
            net.update(1e-5);
            assertTrue(net.trace().toString().contains("W1 -= 1e-05·dW1"), net.trace().toString());
        } finally {
            Locale.setDefault(before);
        }
    }
}
