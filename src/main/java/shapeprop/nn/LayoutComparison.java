package shapeprop.nn;

import java.util.ArrayList;
import java.util.List;
import shapeprop.matrix.Shape;

/**
 * One network's quantities in both layouts side by side: every shape of the rows layout is the transpose of
 * the columns layout's, and every product is written in the other order.
 *
 * <pre>
 *        columns: X is (features, m)   rows: X is (m, features)
 * X      X            (784, 64)        X            (64, 784)
 * W1     W1           (128, 784)       W1           (784, 128)
 * Z1     W1·X + b1    (128, 64)        X·W1 + b1    (64, 128)
 * dW1    dZ1·Xᵀ / m   (128, 784)       Xᵀ·dZ1 / m   (784, 128)
 * </pre>
 */
public final class LayoutComparison {

    /**
     * One quantity in both layouts.
     *
     * @param quantity        e.g. {@code Z1} or {@code dW1}
     * @param columnsEquation how the columns layout computes it (the name itself for data and parameters)
     * @param columnsShape    its shape in the columns layout
     * @param rowsEquation    how the rows layout computes it
     * @param rowsShape       its shape in the rows layout
     */
    public record Row(String quantity, String columnsEquation, Shape columnsShape, String rowsEquation,
                      Shape rowsShape) {
    }

    private final List<Row> rows;

    private LayoutComparison(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The forward and backward quantities of {@code network} for a batch of {@code m} samples. */
    public static LayoutComparison of(Network network, int m) {
        List<Row> rows = new ArrayList<>();
        Layout c = Layout.COLUMNS;
        Layout r = Layout.ROWS;
        rows.add(new Row("X", "X", c.batchShape(network.inputSize(), m), "X", r.batchShape(network.inputSize(), m)));
        List<Dense> layers = network.layers();
        for (int l = 1; l <= layers.size(); l++) {
            Dense layer = layers.get(l - 1);
            String input = l == 1 ? "X" : "A" + (l - 1);
            rows.add(new Row("W" + l, "W" + l, c.weightShape(layer.in(), layer.out()), "W" + l,
                    r.weightShape(layer.in(), layer.out())));
            rows.add(new Row("b" + l, "b" + l, c.biasShape(layer.out()), "b" + l, r.biasShape(layer.out())));
            rows.add(new Row("Z" + l, c.linear("W" + l, input, "b" + l), c.batchShape(layer.out(), m),
                    r.linear("W" + l, input, "b" + l), r.batchShape(layer.out(), m)));
            String a = "A" + l + " = " + layer.activation().symbol() + "(Z" + l + ")";
            rows.add(new Row("A" + l, a, c.batchShape(layer.out(), m), a, r.batchShape(layer.out(), m)));
        }
        for (int l = layers.size(); l >= 1; l--) {
            Dense layer = layers.get(l - 1);
            String input = l == 1 ? "X" : "A" + (l - 1);
            String dZ = "dZ" + l;
            String delta = deltaEquation(network, l);
            rows.add(new Row(dZ, delta, c.batchShape(layer.out(), m), delta, r.batchShape(layer.out(), m)));
            rows.add(new Row("dW" + l, c.weightGradient(dZ, input), c.weightShape(layer.in(), layer.out()),
                    r.weightGradient(dZ, input), r.weightShape(layer.in(), layer.out())));
            rows.add(new Row("db" + l, c.biasGradient(dZ), c.biasShape(layer.out()), r.biasGradient(dZ),
                    r.biasShape(layer.out())));
            if (l > 1) {
                rows.add(new Row("dA" + (l - 1), c.backThroughWeights("W" + l, dZ), c.batchShape(layer.in(), m),
                        r.backThroughWeights("W" + l, dZ), r.batchShape(layer.in(), m)));
            }
        }
        return new LayoutComparison(rows);
    }

    /** How dZ of layer l comes about: {@code A2 − Y} at a simplified output, else {@code dA1 ⊙ σ'(Z1)}. */
    private static String deltaEquation(Network network, int l) {
        Activation g = network.layers().get(l - 1).activation();
        boolean output = l == network.layers().size();
        if (output && network.lossFunction().simplifies(g)) {
            return "A" + l + " − Y";
        }
        if (g == Activation.IDENTITY) {
            return "dA" + l;
        }
        if (g == Activation.SOFTMAX) {
            return "softmax'(Z" + l + ")·dA" + l;
        }
        return "dA" + l + " ⊙ " + g.symbol() + "'(Z" + l + ")";
    }

    public List<Row> rows() {
        return rows;
    }

    @Override
    public String toString() {
        List<List<String>> cells = new ArrayList<>();
        cells.add(List.of("", "columns: X is (features, m)", "", "rows: X is (m, features)", ""));
        for (Row row : rows) {
            cells.add(List.of(row.quantity(), row.columnsEquation(), row.columnsShape().toString(), row.rowsEquation(),
                    row.rowsShape().toString()));
        }
        return TextTable.format(cells);
    }
}
