package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import shapeprop.matrix.Matrix;

/** One network's shapes in both layouts, and the rows layout's own trace. */
class LayoutsSideBySideTest {

    @Test
    void comparisonShowsEveryQuantityTransposedAndEveryProductReversed() {
        Network net = Network.builder(784).dense(128, Activation.RELU).dense(10, Activation.SOFTMAX)
                .loss(Loss.SOFTMAX_CROSS_ENTROPY).build();

        assertEquals("""
                     columns: X is (features, m)              rows: X is (m, features)
                X    X                            (784, 64)   X                         (64, 784)
                W1   W1                           (128, 784)  W1                        (784, 128)
                b1   b1                           (128, 1)    b1                        (1, 128)
                Z1   W1·X + b1                    (128, 64)   X·W1 + b1                 (64, 128)
                A1   A1 = relu(Z1)                (128, 64)   A1 = relu(Z1)             (64, 128)
                W2   W2                           (10, 128)   W2                        (128, 10)
                b2   b2                           (10, 1)     b2                        (1, 10)
                Z2   W2·A1 + b2                   (10, 64)    A1·W2 + b2                (64, 10)
                A2   A2 = softmax(Z2)             (10, 64)    A2 = softmax(Z2)          (64, 10)
                dZ2  A2 − Y                       (10, 64)    A2 − Y                    (64, 10)
                dW2  dZ2·A1ᵀ / m                  (10, 128)   A1ᵀ·dZ2 / m               (128, 10)
                db2  sum(dZ2, axis=1) / m         (10, 1)     sum(dZ2, axis=0) / m      (1, 10)
                dA1  W2ᵀ·dZ2                      (128, 64)   dZ2·W2ᵀ                   (64, 128)
                dZ1  dA1 ⊙ relu'(Z1)              (128, 64)   dA1 ⊙ relu'(Z1)           (64, 128)
                dW1  dZ1·Xᵀ / m                   (128, 784)  Xᵀ·dZ1 / m                (784, 128)
                db1  sum(dZ1, axis=1) / m         (128, 1)    sum(dZ1, axis=0) / m      (1, 128)
                """, net.compareLayouts(64).toString());
    }

    @Test
    void rowsLayoutTracesItsOwnNotation() {
        Network net = Network.builder(2).dense(22, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Loss.BINARY_CROSS_ENTROPY).layout(Layout.ROWS).seed(0).build().tracing(true);
        Random rng = new Random(3);
        Matrix X = Matrix.randn(200, 2, rng);
        Matrix Y = Matrix.rand(200, 1, rng).map(v -> v < 0.5 ? 0 : 1);

        net.forward(X);
        net.backward(Y);
        net.update(0.01);

        assertEquals("""
                forward   Z1 = X·W1 + b1                   (200, 2)·(2, 22) + (1, 22)    -> (200, 22)  broadcast: b1 (1, 22) stretched along axis 0 (rows) to (200, 22)
                forward   A1 = tanh(Z1)                    (200, 22)                     -> (200, 22)
                forward   Z2 = A1·W2 + b2                  (200, 22)·(22, 1) + (1, 1)    -> (200, 1)   broadcast: b2 (1, 1) stretched along axis 0 (rows) to (200, 1)
                forward   A2 = σ(Z2)                       (200, 1)                      -> (200, 1)
                forward   L = binary_cross_entropy(A2, Y)  (200, 1), (200, 1)            -> (1, 1)
                backward  dZ2 = A2 − Y                     (200, 1) − (200, 1)           -> (200, 1)
                backward  dW2 = A1ᵀ·dZ2 / m                (22, 200)·(200, 1)            -> (22, 1)    = W2 (22, 1) ✓
                backward  db2 = sum(dZ2, axis=0) / m       (200, 1)                      -> (1, 1)     = b2 (1, 1) ✓
                backward  dZ1 = dZ2·W2ᵀ ⊙ tanh'(Z1)        (200, 1)·(1, 22) ⊙ (200, 22)  -> (200, 22)
                backward  dW1 = Xᵀ·dZ1 / m                 (2, 200)·(200, 22)            -> (2, 22)    = W1 (2, 22) ✓
                backward  db1 = sum(dZ1, axis=0) / m       (200, 22)                     -> (1, 22)    = b1 (1, 22) ✓
                update    W1 -= 0.01·dW1                   (2, 22) - 0.01·(2, 22)        -> (2, 22)
                update    b1 -= 0.01·db1                   (1, 22) - 0.01·(1, 22)        -> (1, 22)
                update    W2 -= 0.01·dW2                   (22, 1) - 0.01·(22, 1)        -> (22, 1)
                update    b2 -= 0.01·db2                   (1, 1) - 0.01·(1, 1)          -> (1, 1)
                """, net.trace().toString());
    }
}
