package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.ShapeException;

/**
 * A learner rebuilds a network from saved parameters with {@link Network#fromParameters}: a parameter with the
 * wrong shape is named as itself, with the shape the others give it, and the whole set in the other layout is
 * named as a layout mistake.
 */
class ParameterShapesTest {

    private static final Activation[] MOONS = {Activation.TANH, Activation.SIGMOID};

    /** 2 → 8 tanh → 1 sigmoid, binary cross-entropy, in the rows layout. */
    private static final Map<String, Matrix> ROWS = Network.builder(2).dense(8, Activation.TANH)
            .dense(1, Activation.SIGMOID).loss(Loss.BINARY_CROSS_ENTROPY).layout(Layout.ROWS).seed(0).build()
            .parameters();

    private static Map<String, Matrix> with(Map<String, Matrix> parameters, String name, Matrix value) {
        Map<String, Matrix> changed = new LinkedHashMap<>(parameters);
        changed.put(name, value);
        return changed;
    }

    private static String error(Layout layout, Map<String, Matrix> parameters, Activation... activations) {
        Loss loss = activations[activations.length - 1] == Activation.SOFTMAX ? Loss.SOFTMAX_CROSS_ENTROPY
                : Loss.BINARY_CROSS_ENTROPY;
        return assertThrows(ShapeException.class,
                () -> Network.fromParameters(layout, loss, parameters, activations)).getMessage();
    }

    @Test
    void aTransposedW2IsW2WithTheShapeTheOthersGiveIt() {
        assertEquals("Network.fromParameters: W2 is (1, 8) but in the ROWS layout W2 must be (in, out) = (8, 1), "
                + "since layer 1 has 8 outputs (b1 is (1, 8)) and layer 2 has 1 (b2 is (1, 1)); W2.rows (1) must "
                + "equal 8 and W2.cols (8) must equal 1. Did you mean W2.T()? W2.T() is (8, 1).",
                error(Layout.ROWS, with(ROWS, "W2", ROWS.get("W2").T()), MOONS));
    }

    @Test
    void aTransposedW1IsW1NotB1() {
        assertEquals("Network.fromParameters: W1 is (8, 2) but in the ROWS layout W1 must be (in, out) = (2, 8), "
                + "since layer 1 has 8 outputs (b1 is (1, 8)); W1.cols (2) must equal 8. Did you mean W1.T()? "
                + "W1.T() is (2, 8).", error(Layout.ROWS, with(ROWS, "W1", ROWS.get("W1").T()), MOONS));
    }

    @Test
    void rowsParametersPassedAsColumnsAreALayoutMistake() {
        assertEquals("Network.fromParameters: these parameters have the ROWS layout's shapes (W1 (2, 8) is "
                + "(in, out), b1 (1, 8) is (1, out)), but the layout given is COLUMNS, where W1 must be (8, 2) and "
                + "b1 (8, 1). Pass Layout.ROWS (and call withLayout(Layout.COLUMNS) on the network to have it in the "
                + "COLUMNS layout).", error(Layout.COLUMNS, ROWS, MOONS));
    }

    @Test
    void aBiasOfTheWrongLengthIsTheBias() {
        assertEquals("Network.fromParameters: b1 is (1, 7) but in the ROWS layout b1 must be (1, out) = (1, 8), one "
                + "bias per output of layer 1 (W1 is (2, 8)). Give layer 1 one bias per output unit: a (1, 8) row.",
                error(Layout.ROWS, with(ROWS, "b1", Matrix.zeros(1, 7)), MOONS));
        assertEquals("Network.fromParameters: b1 is (8, 1) but in the ROWS layout b1 must be (1, out) = (1, 8), one "
                + "bias per output of layer 1 (W1 is (2, 8)). Did you mean b1.T()? b1.T() is (1, 8).",
                error(Layout.ROWS, with(ROWS, "b1", ROWS.get("b1").T()), MOONS));
    }

    @Test
    void theLastLayersWeightsAndBiasesDisagreeingNamesBoth() {
        assertEquals("Network.fromParameters: b2 is (1, 1) but in the ROWS layout b2 must be (1, out) = (1, 2), one "
                + "bias per output of layer 2 (W2 is (8, 2)). Give layer 2 one bias per output unit: a (1, 2) row. "
                + "Or, if b2 is right, W2 (8, 2) must be (8, 1).",
                error(Layout.ROWS, with(ROWS, "W2", Matrix.zeros(8, 2)), MOONS));
    }

    /** Every parameter of a 3 → 5 → 4 → 2 network, transposed in turn, in both layouts: named, with .T(). */
    @Test
    void everyTransposedParameterIsNamedWithItsFix() {
        Activation[] activations = {Activation.TANH, Activation.RELU, Activation.SOFTMAX};
        for (Layout layout : Layout.values()) {
            Map<String, Matrix> parameters = Network.builder(3).dense(5, Activation.TANH).dense(4, Activation.RELU)
                    .dense(2, Activation.SOFTMAX).loss(Loss.SOFTMAX_CROSS_ENTROPY).layout(layout).seed(1).build()
                    .parameters();
            for (String name : parameters.keySet()) {
                Matrix value = parameters.get(name);
                String message = error(layout, with(parameters, name, value.T()), activations);
                assertTrue(message.startsWith("Network.fromParameters: " + name + " is " + value.shape().T()
                        + " but in the " + layout + " layout " + name + " must be "), layout + " " + message);
                assertTrue(message.endsWith("Did you mean " + name + ".T()? " + name + ".T() is " + value.shape()
                        + "."), layout + " " + message);
            }
            String other = error(layout.other(), parameters, activations);
            assertTrue(other.endsWith("Pass Layout." + layout + " (and call withLayout(Layout." + layout.other()
                    + ") on the network to have it in the " + layout.other() + " layout)."), other);
            // and as they are, they build the network they came from
            assertEquals(parameters, Network.fromParameters(layout, Loss.SOFTMAX_CROSS_ENTROPY, parameters,
                    activations).parameters());
        }
    }

    @Test
    void aMissingOrExtraParameterIsNamed() {
        Map<String, Matrix> noB2 = new LinkedHashMap<>(ROWS);
        noB2.remove("b2");
        assertEquals("Network.fromParameters: 2 activations need 4 parameters W1, b1, …, W2, b2, but got [W1, b1, W2];"
                + " missing: b2.", assertThrows(IllegalArgumentException.class,
                () -> Network.fromParameters(Layout.ROWS, Loss.BINARY_CROSS_ENTROPY, noB2, MOONS)).getMessage());
        // three layers' parameters, two activations
        Map<String, Matrix> three = with(with(ROWS, "W3", Matrix.zeros(1, 1)), "b3", Matrix.zeros(1, 1));
        assertEquals("Network.fromParameters: 2 activations need 4 parameters W1, b1, …, W2, b2, but got [W1, b1, W2,"
                + " b2, W3, b3]; not parameters of 2 layers: W3, b3 (one activation per layer: is one missing?).",
                assertThrows(IllegalArgumentException.class,
                        () -> Network.fromParameters(Layout.ROWS, Loss.BINARY_CROSS_ENTROPY, three, MOONS)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Network.fromParameters(Layout.ROWS, Loss.BINARY_CROSS_ENTROPY, ROWS)).getMessage()
                .startsWith("Network.fromParameters: no activations; give one per layer, in order"));
    }
}
