package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import shapeprop.matrix.Matrix;

/** A learner traces their own hand-written backprop and sees which gradient has the wrong shape. */
class TracerTest {

    @Test
    void handWrittenBackpropPrintsTheSameTableWithTheWrongGradientMarked() {
        Random rng = new Random(2);
        Network net = Network.builder(784).dense(64, Activation.SIGMOID).dense(10, Activation.SIGMOID)
                .loss(Loss.MSE).initializer(Initializer.SMALL_RANDOM).seed(1).build();
        Map<String, Matrix> p = net.parameters();
        Matrix W1 = p.get("W1");
        Matrix b1 = p.get("b1");
        Matrix W2 = p.get("W2");
        Matrix b2 = p.get("b2");
        Matrix X = Matrix.rand(784, 32, rng).named("X");
        Matrix Y = Matrix.rand(10, 32, rng).named("Y");
        Tracer t = new Tracer();

        Matrix Z1 = t.forward("Z1 = W1·X + b1", () -> W1.dot(X).add(b1), W1, X, b1).named("Z1");
        Matrix A1 = t.forward("A1 = σ(Z1)", () -> Activation.SIGMOID.apply(Z1), Z1).named("A1");
        Matrix Z2 = t.forward("Z2 = W2·A1 + b2", () -> W2.dot(A1).add(b2), W2, A1, b2).named("Z2");
        Matrix A2 = t.forward("A2 = σ(Z2)", () -> Activation.SIGMOID.apply(Z2), Z2).named("A2");
        Matrix dZ2 = t.backward("dZ2 = 2·(A2 − Y) ⊙ σ'(Z2)",
                () -> A2.sub(Y).mul(2).mul(Activation.SIGMOID.derivative(Z2)), A2, Y, Z2).named("dZ2");
        // the seed's derivative_W2: (dZ2).dot(A1.T).T
        t.gradient("dW2 = (dZ2·A1ᵀ)ᵀ / m", W2, () -> dZ2.dot(A1.T()).T().div(32), dZ2, A1);
        t.gradient("db2 = sum(dZ2, axis=1) / m", b2, () -> dZ2.sum(1, true).div(32), dZ2);

        assertEquals("""
                forward   Z1 = W1·X + b1              (64, 784)·(784, 32) + (64, 1)           -> (64, 32)  broadcast: b1 (64, 1) stretched along axis 1 (columns) to (64, 32)
                forward   A1 = σ(Z1)                  σ((64, 32))                             -> (64, 32)
                forward   Z2 = W2·A1 + b2             (10, 64)·(64, 32) + (10, 1)             -> (10, 32)  broadcast: b2 (10, 1) stretched along axis 1 (columns) to (10, 32)
                forward   A2 = σ(Z2)                  σ((10, 32))                             -> (10, 32)
                backward  dZ2 = 2·(A2 − Y) ⊙ σ'(Z2)   2·((10, 32) − (10, 32)) ⊙ σ'((10, 32))  -> (10, 32)
                backward  dW2 = (dZ2·A1ᵀ)ᵀ / m        ((10, 32)·(32, 64))ᵀ / m                -> (64, 10)  ≠ W2 (10, 64) ✗
                backward  db2 = sum(dZ2, axis=1) / m  sum((10, 32), axis=1) / m               -> (10, 1)   = b2 (10, 1) ✓
                """, t.trace().toString());
        assertFalse(t.trace().gradientsOk());
    }
}
