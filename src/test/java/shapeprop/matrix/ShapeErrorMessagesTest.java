package shapeprop.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The exact texts a learner reads for the shape bugs this project is about (the seed questions): a weight
 * gradient with its weight's shape transposed, a product with mismatched inner dimensions, and a bias gradient
 * that kept the batch axis and makes numpy stretch the bias silently.
 */
class ShapeErrorMessagesTest {

    @Test
    void aTransposedWeightGradientIsExplainedAndTheTransposeSuggested() {
        Matrix W2 = Matrix.zeros(128, 10).named("W2");
        Matrix dW2 = Matrix.zeros(10, 128).named("dW2");
        ShapeException e = assertThrows(ShapeException.class, () -> W2.sub(dW2));
        assertEquals("sub: W2 is (128, 10) but dW2 is (10, 128); they cannot be broadcast: axis 0 (rows) has 128 vs"
                + " 10 and axis 1 (columns) has 10 vs 128 (each axis needs equal sizes, or 1 to stretch). dW2 is W2's"
                + " shape transposed. Did you mean W2.sub(dW2.T())? dW2.T() is (128, 10). If dW2 is the gradient of"
                + " W2, it should come out (128, 10) already: a gradient has the shape of its parameter, so swap the"
                + " factors of the dot product that computes it ((P·Q)ᵀ = Qᵀ·Pᵀ).", e.getMessage());
        assertEquals("sub", e.operation());
        assertEquals(new Shape(128, 10), e.left());
        assertEquals(new Shape(10, 128), e.right());
        assertEquals("dW2 is W2's shape transposed. Did you mean W2.sub(dW2.T())?", e.hint().substring(0, 59));
    }

    @Test
    void aTransposedOperandIsWrittenWithTInTheSuggestedJavaAndKeepsItsTInTheMath() {
        Matrix dZ1 = Matrix.zeros(7, 64).named("dZ1");
        Matrix X = Matrix.zeros(20, 64).named("X");
        // the transpose put on the wrong factor: dZ1ᵀ·Xᵀ is (64, 7)·(64, 20)
        ShapeException e = assertThrows(ShapeException.class, () -> dZ1.T().dot(X.T()));
        assertEquals("dot: dZ1ᵀ is (64, 7) but Xᵀ is (64, 20); dZ1ᵀ.cols (7) must equal Xᵀ.rows (64). Did you mean"
                + " dZ1.dot(X.T())? dZ1 is (7, 64), so (7, 64)·(64, 20) → (7, 20).", e.getMessage());
        // rows layout, dW = Aprevᵀ·dZ, with a transpose too many: the suggestion is Java a learner can paste
        Matrix Aprev = Matrix.zeros(64, 20).named("Aprev");
        Matrix dZ = Matrix.zeros(64, 7).named("dZ");
        ShapeException rows = assertThrows(ShapeException.class, () -> Aprev.T().dot(dZ.T()));
        assertEquals("Did you mean Aprev.T().dot(dZ)? dZ is (64, 7), so (20, 64)·(64, 7) → (20, 7).", rows.hint());
        ShapeException bias = assertThrows(ShapeException.class,
                () -> X.T().add(Matrix.zeros(1, 20).named("b").T()));
        assertEquals("Did you mean X.T().add(b)? b is (1, 20) and broadcasts with (64, 20).",
                bias.hint());
    }

    @Test
    void anUnnamedResultOfNamedOperandsIsCalledByTheCallThatMadeIt() {
        Matrix Xrows = Matrix.zeros(5, 3).named("Xrows");
        Matrix W = Matrix.zeros(4, 3).named("W");
        Matrix b = Matrix.zeros(4, 1).named("b");
        // samples as rows with the columns layout's bias: Xrows·Wᵀ is (5, 4), b is a (4, 1) column
        ShapeException e = assertThrows(ShapeException.class, () -> Xrows.dot(W.T()).add(b));
        assertEquals("add: Xrows.dot(W.T()) is (5, 4) but b is (4, 1); they cannot be broadcast: axis 0 (rows) has 5"
                + " vs 4 (each axis needs equal sizes, or 1 to stretch). Did you mean Xrows.dot(W.T()).add(b.T())?"
                + " b.T() is (1, 4) and broadcasts with (5, 4).", e.getMessage());
        // one call deep only: a result of a result is a letter again, and the learner's own name wins
        ShapeException deeper = assertThrows(ShapeException.class, () -> Xrows.dot(W.T()).mul(2.0).add(b));
        assertTrue(deeper.getMessage().startsWith("add: A is (5, 4) but b is (4, 1);"), deeper.getMessage());
        ShapeException named = assertThrows(ShapeException.class, () -> Xrows.dot(W.T()).named("Z").add(b));
        assertTrue(named.getMessage().startsWith("add: Z is (5, 4) but b is (4, 1);"), named.getMessage());
    }

    @Test
    void aZipHintKeepsTheFunctionArgument() {
        Matrix A = Matrix.zeros(2, 3).named("A");
        Matrix B = Matrix.zeros(3, 2).named("B");
        ShapeException transposed = assertThrows(ShapeException.class, () -> A.zip(B, (a, b) -> a * b));
        assertTrue(transposed.hint().startsWith("B is A's shape transposed. Did you mean A.zip(B.T(), f)? B.T() is "
                + "(2, 3)."), transposed.hint());

        Matrix b = Matrix.zeros(3, 1).named("b");
        ShapeException vector = assertThrows(ShapeException.class, () -> A.zip(b, (x, y) -> x * y));
        assertEquals("Did you mean A.zip(b.T(), f)? b.T() is (1, 3) and broadcasts with (2, 3).", vector.hint());
    }

    @Test
    void aProductWithMismatchedInnerDimensionsSuggestsTheTransposeThatWorks() {
        Matrix W1 = Matrix.zeros(128, 784).named("W1");
        Matrix X = Matrix.zeros(64, 784).named("X");
        ShapeException e = assertThrows(ShapeException.class, () -> W1.dot(X));
        assertEquals("dot: W1 is (128, 784) but X is (64, 784); W1.cols (784) must equal X.rows (64). Did you mean"
                + " W1.dot(X.T())? X.T() is (784, 64), so (128, 784)·(784, 64) → (128, 64).", e.getMessage());

        // dW1 = Xᵀ·dZ1 written as X·dZ1 in the rows layout: the transpose goes on the left
        Matrix dZ1 = Matrix.zeros(64, 128).named("dZ1");
        e = assertThrows(ShapeException.class, () -> X.dot(dZ1));
        assertEquals("dot: X is (64, 784) but dZ1 is (64, 128); X.cols (784) must equal dZ1.rows (64). Did you mean"
                + " X.T().dot(dZ1)? X.T() is (784, 64), so (784, 64)·(64, 128) → (784, 128).", e.getMessage());

        // the factors in the wrong order
        Matrix W2 = Matrix.zeros(10, 128).named("W2");
        Matrix A1 = Matrix.zeros(128, 64).named("A1");
        e = assertThrows(ShapeException.class, () -> A1.dot(W2));
        assertEquals("dot: A1 is (128, 64) but W2 is (10, 128); A1.cols (64) must equal W2.rows (10). Did you mean"
                + " W2.dot(A1)? The order of a matrix product matters: (10, 128)·(128, 64) → (10, 64).",
                e.getMessage());

        e = assertThrows(ShapeException.class, () -> Matrix.zeros(3, 4).dot(Matrix.zeros(5, 6)));
        assertEquals("dot: A is (3, 4) but B is (5, 6); A.cols (4) must equal B.rows (5). No transpose of either"
                + " operand makes the inner dimensions agree; check how A and B were built.", e.getMessage());
    }

    @Test
    void aBiasGradientThatKeptTheBatchAxisIsStretchedSilentlyAsInNumpyButWatchSeesIt() {
        Matrix b1 = Matrix.zeros(10, 1).named("b1");
        Matrix db1 = Matrix.ones(10, 64).named("db1");
        List<Broadcast> seen = new ArrayList<>();
        Matrix updated;
        try (Broadcasts.Scope scope = Broadcasts.watch(seen::add)) {
            // numpy: b1 - db1 is (10, 64) without a word
            updated = b1.sub(db1);
        }
        assertEquals(new Shape(10, 64), updated.shape());
        assertEquals(1, seen.size());
        assertEquals("sub: b1 (10, 1) stretched along axis 1 (columns) to (10, 64)", seen.get(0).toString());
        assertEquals("The result (10, 64) no longer has b1's shape (10, 1). If db1 is the gradient of b1 and kept"
                + " the batch axis, sum it over the batch: db1.sum(1, true) is (10, 1).", seen.get(0).hint());

        // outside the scope nothing is reported
        b1.sub(db1);
        assertEquals(1, seen.size());
    }

    @Test
    void strictBroadcastingRefusesTheStretchedBiasAndSuggestsSummingOverTheBatch() {
        Matrix b1 = Matrix.zeros(10, 1).named("b1");
        Matrix db1 = Matrix.ones(10, 64).named("db1");
        ShapeException e;
        try (Broadcasts.Scope scope = Broadcasts.strict()) {
            e = assertThrows(ShapeException.class, () -> b1.sub(db1.mul(0.5)));
            // the fix works under strict mode: same shapes, nothing stretched
            assertEquals(new Shape(10, 1), b1.sub(db1.sum(1, true).mul(0.5)).shape());
            // scalars are never a shape bug
            assertEquals(new Shape(10, 64), db1.mul(Matrix.full(1, 1, 0.5)).shape());
        }
        assertEquals("sub: strict broadcasting is on and b1 (10, 1) stretched along axis 1 (columns) to (10, 64)."
                + " The result (10, 64) no longer has b1's shape (10, 1). If B is the gradient of b1 and kept the"
                + " batch axis, sum it over the batch: B.sum(1, true) is (10, 1). Leave strict mode if the stretch is"
                + " intended (a bias added to every sample).", e.getMessage());

        // the rows layout: a (1, 10) bias against a (64, 10) gradient sums over axis 0
        Matrix b2 = Matrix.zeros(1, 10).named("b2");
        Matrix db2 = Matrix.ones(64, 10).named("db2");
        try (Broadcasts.Scope scope = Broadcasts.strict()) {
            e = assertThrows(ShapeException.class, () -> b2.sub(db2));
        }
        assertEquals("sub: strict broadcasting is on and b2 (1, 10) stretched along axis 0 (rows) to (64, 10). The"
                + " result (64, 10) no longer has b2's shape (1, 10). If db2 is the gradient of b2 and kept the batch"
                + " axis, sum it over the batch: db2.sum(0, true) is (1, 10). Leave strict mode if the stretch is"
                + " intended (a bias added to every sample).", e.getMessage());
        // leaving the scope restores numpy's behaviour
        assertEquals(new Shape(64, 10), b2.sub(db2).shape());
    }

    @Test
    void broadcastingRefusalsSayWhichAxesClashAndWhy() {
        // a bias built for the other layout
        ShapeException e = assertThrows(ShapeException.class,
                () -> Matrix.zeros(64, 10).named("Z2").add(Matrix.zeros(10, 1).named("b2")));
        assertEquals("add: Z2 is (64, 10) but b2 is (10, 1); they cannot be broadcast: axis 0 (rows) has 64 vs 10"
                + " (each axis needs equal sizes, or 1 to stretch). Did you mean Z2.add(b2.T())? b2.T() is (1, 10)"
                + " and broadcasts with (64, 10).", e.getMessage());

        // a bias gradient from the rows layout applied to a columns-layout bias
        e = assertThrows(ShapeException.class,
                () -> Matrix.zeros(10, 1).named("b").sub(Matrix.zeros(64, 10).named("db")));
        assertEquals("sub: b is (10, 1) but db is (64, 10); they cannot be broadcast: axis 0 (rows) has 10 vs 64"
                + " (each axis needs equal sizes, or 1 to stretch). If db is the gradient of b in the other layout"
                + " (samples as rows), sum it over the batch and transpose: db.sum(0, true).T() is (10, 1).",
                e.getMessage());

        // the seed's (200, 2) outputs against labels of another length: no fix to guess
        e = assertThrows(ShapeException.class, () -> Matrix.zeros(200, 2).named("a3").sub(Matrix.zeros(100, 2)));
        assertEquals("sub: a3 is (200, 2) but B is (100, 2); they cannot be broadcast: axis 0 (rows) has 200 vs 100"
                + " (each axis needs equal sizes, or 1 to stretch). Check how a3 and B were built: for an elementwise"
                + " sub, both must have the same shape, or one of them 1 along the axis it stretches.", e.getMessage());
    }

    @Test
    void aBroadcastRefusalNeverSuggestsATransposeWithAnEmptyOrOuterResult() {
        // (1, 0) + (1, 3): A.add(B.T()) would "work" and give an empty (3, 0)
        ShapeException e = assertThrows(ShapeException.class, () -> Matrix.zeros(1, 0).add(Matrix.zeros(1, 3)));
        assertEquals("add: A is (1, 0) but B is (1, 3); they cannot be broadcast: axis 1 (columns) has 0 vs 3 (each"
                + " axis needs equal sizes, or 1 to stretch). A (1, 0) is empty, so no transpose gives a result with"
                + " any values. Check how A was built: a slice such as sliceRows(i, i) or sliceCols(j, j), or a batch"
                + " of 0 samples, is empty.", e.getMessage());
        // two rows of different lengths: B.T() would stretch both into a (3, 2) outer sum
        e = assertThrows(ShapeException.class, () -> Matrix.zeros(1, 2).named("p").sub(Matrix.zeros(1, 3).named("y")));
        assertEquals("Check how p and y were built: for an elementwise sub, both must have the same shape, or one of"
                + " them 1 along the axis it stretches.", e.hint());

        // every refused pair of shapes up to (4, 4): a suggested call runs and keeps the unstretched operand's shape
        Pattern suggestion = Pattern.compile("Did you mean (A|B)(\\.T\\(\\))?\\.add\\((A|B)(\\.T\\(\\))?\\)\\?");
        int suggested = 0;
        for (int ar = 0; ar <= 4; ar++) {
            for (int ac = 0; ac <= 4; ac++) {
                for (int br = 0; br <= 4; br++) {
                    for (int bc = 0; bc <= 4; bc++) {
                        Matrix a = Matrix.zeros(ar, ac);
                        Matrix b = Matrix.zeros(br, bc);
                        String hint;
                        try {
                            a.add(b);
                            continue;
                        } catch (ShapeException refused) {
                            hint = refused.hint();
                        }
                        Matcher m = suggestion.matcher(hint);
                        if (!m.find()) {
                            continue;
                        }
                        Matrix x = m.group(1).equals("A") ? a : b;
                        Matrix y = m.group(3).equals("A") ? a : b;
                        Matrix result = (m.group(2) == null ? x : x.T()).add(m.group(4) == null ? y : y.T());
                        String what = a.shape() + " + " + b.shape() + ": " + hint;
                        assertTrue(result.size() > 0, what);
                        assertTrue(result.shape().equals(a.shape()) || result.shape().equals(b.shape()), what);
                        suggested++;
                    }
                }
            }
        }
        assertTrue(suggested > 10, suggested + " suggestions");
    }

    @Test
    void theSilentLabelColumnStretchFromTheSecondSeedIsReported() {
        // y.reshape(-1, 1) is (200, 1); the network outputs a3 (200, 2): y - a3 stretches y
        Matrix y = Matrix.zeros(200, 1).named("y");
        Matrix a3 = Matrix.zeros(200, 2).named("a3");
        List<Broadcast> seen = new ArrayList<>();
        try (Broadcasts.Scope scope = Broadcasts.watch(seen::add)) {
            y.sub(a3);
        }
        assertEquals("sub: y (200, 1) stretched along axis 1 (columns) to (200, 2)", seen.get(0).toString());
    }

    @Test
    void aShapeTooLargeForOneJavaArrayIsNamedInsteadOfOverflowing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Matrix.randn(2_000_000_000, 2, new java.util.Random(0)));
        assertEquals("a (2000000000, 2) matrix has 4000000000 entries, more than one Java array holds (2147483639); "
                + "use fewer rows or columns (fewer samples, smaller layers).", e.getMessage());
        // broadcasting a row against a column: numpy's outer sum, too big here
        IllegalArgumentException outer = assertThrows(IllegalArgumentException.class,
                () -> Matrix.zeros(1, 100_000).add(Matrix.zeros(100_000, 1)));
        assertTrue(outer.getMessage().startsWith("a (100000, 100000) matrix has 10000000000 entries"), outer.getMessage());
        IllegalArgumentException product = assertThrows(IllegalArgumentException.class,
                () -> Matrix.zeros(100_000, 1).dot(Matrix.zeros(1, 100_000)));
        assertTrue(product.getMessage().startsWith("a (100000, 100000) matrix has"), product.getMessage());
    }

    @Test
    void anUnnamedOperandNeverTakesTheNameOfTheOtherOne() {
        Matrix B = Matrix.ones(2, 3).named("B");
        ShapeException e = assertThrows(ShapeException.class, () -> B.dot(Matrix.ones(2, 5)));
        assertEquals("dot: B is (2, 3) but D is (2, 5); B.cols (3) must equal D.rows (2). Did you mean B.T().dot(D)? "
                + "B.T() is (3, 2), so (3, 2)·(2, 5) → (3, 5).", e.getMessage());
        Matrix A = Matrix.ones(2, 3).named("A");
        e = assertThrows(ShapeException.class, () -> Matrix.ones(4, 2).dot(A.T()));
        assertTrue(e.getMessage().startsWith("dot: C is (4, 2) but Aᵀ is (3, 2);"), e.getMessage());
        // the transpose of a transposed operand is the operand itself
        assertEquals("Did you mean C.dot(A)? A is (2, 3), so (4, 2)·(2, 3) → (4, 3).", e.hint());
    }
}
