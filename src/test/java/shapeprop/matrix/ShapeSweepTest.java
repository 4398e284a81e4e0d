package shapeprop.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every binary operation on every pair of shapes with dimensions 0 to 4 (zero-size included): the result
 * matches the naive reference, or a {@link ShapeException} names the operation and both shapes. The products
 * include the transposed forms {@code dotT} (A·Bᵀ) and {@code Tdot} (Aᵀ·B) that backward uses, and {@code zip}
 * broadcasts like the four arithmetic operations.
 */
class ShapeSweepTest {

    private static final int MAX = 4;

    private record Op(String name, char symbol, BinaryOperator<Matrix> apply) {
    }

    private static final List<Op> OPS = List.of(
            new Op("dot", '·', Matrix::dot),
            new Op("dotT", 'T', Matrix::dotT),
            new Op("Tdot", 't', Matrix::Tdot),
            new Op("add", '+', Matrix::add),
            new Op("sub", '-', Matrix::sub),
            new Op("mul", '*', Matrix::mul),
            new Op("div", '/', Matrix::div),
            new Op("zip", 'z', (a, b) -> a.zip(b, (x, y) -> x - y)));

    @Test
    void everyBinaryOpOnEveryPairOfSmallShapesComputesTheReferenceOrExplainsBothShapes() {
        SplittableRandom rng = new SplittableRandom(2);
        List<String> failures = new ArrayList<>();
        int computed = 0;
        int refused = 0;
        for (int ar = 0; ar <= MAX; ar++) {
            for (int ac = 0; ac <= MAX; ac++) {
                for (int br = 0; br <= MAX; br++) {
                    for (int bc = 0; bc <= MAX; bc++) {
                        double[][] av = Naive.values(ar, ac, rng);
                        double[][] bv = Naive.values(br, bc, rng);
                        Matrix a = Naive.matrix(av, ar, ac);
                        Matrix b = Naive.matrix(bv, br, bc);
                        for (Op op : OPS) {
                            double[][] expected = expected(op.symbol, av, ar, ac, bv, br, bc);
                            String what = op.name + " " + a.shape() + ", " + b.shape();
                            try {
                                Matrix result = op.apply.apply(a, b);
                                if (expected == null) {
                                    failures.add(what + ": numpy refuses this, but got " + result.shape());
                                    continue;
                                }
                                int rows = expected.length;
                                int cols = rows == 0 ? resultCols(op, ac, br, bc) : expected[0].length;
                                if (result.rows() != rows || result.cols() != cols) {
                                    failures.add(what + ": shape " + result.shape() + ", expected (" + rows + ", "
                                            + cols + ")");
                                } else if (Naive.maxRelativeError(result, expected) > 1e-12) {
                                    failures.add(what + ": values differ from the naive reference");
                                }
                                computed++;
                            } catch (ShapeException e) {
                                refused++;
                                if (expected != null) {
                                    failures.add(what + ": refused a valid pair: " + e.getMessage());
                                } else if (!e.getMessage().startsWith(op.name + ": ")
                                        || !e.getMessage().contains(a.shape().toString())
                                        || !e.getMessage().contains(b.shape().toString())) {
                                    failures.add(what + ": the message must name the operation and both shapes: "
                                            + e.getMessage());
                                } else if (!a.shape().equals(e.left()) || !b.shape().equals(e.right())) {
                                    failures.add(what + ": left()/right() are " + e.left() + ", " + e.right());
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        // 625 pairs × every operation, and both outcomes really occur
        assertEquals(625 * OPS.size(), computed + refused);
        assertTrue(computed > 500 && refused > 500, computed + " computed, " + refused + " refused");
    }

    /** The naive result of {@code a op b}, or null where numpy refuses the shapes. */
    private static double[][] expected(char op, double[][] a, int ar, int ac, double[][] b, int br, int bc) {
        return switch (op) {
            case '·' -> Naive.dot(a, ac, b, bc);
            // A·Bᵀ and Aᵀ·B, the transpose taken in the reference
            case 'T' -> Naive.dot(a, ac, Naive.transpose(b, br, bc), br);
            case 't' -> Naive.dot(Naive.transpose(a, ar, ac), ar, b, bc);
            case 'z' -> Naive.elementwise('-', a, ar, ac, b, br, bc);
            default -> Naive.elementwise(op, a, ar, ac, b, br, bc);
        };
    }

    /** Columns of the expected result when it has no rows (the reference array cannot say). */
    private static int resultCols(Op op, int ac, int br, int bc) {
        if (op.symbol == '·' || op.symbol == 't') {
            return bc;
        }
        if (op.symbol == 'T') {
            return br;
        }
        int c = Naive.commonSize(ac, bc);
        if (c < 0) {
            fail("unreachable: valid pair with clashing columns");
        }
        return c;
    }

    @Test
    void scalarVariantsMatchTheMatrixFormWithAOneByOneOperand() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int r = 0; r <= MAX; r++) {
            for (int c = 0; c <= MAX; c++) {
                Matrix a = Naive.matrix(Naive.values(r, c, rng), r, c);
                Matrix s = Matrix.full(1, 1, 1.75);
                assertEquals(a.add(s), a.add(1.75));
                assertEquals(a.sub(s), a.sub(1.75));
                assertEquals(s.sub(a), a.rsub(1.75));
                assertEquals(a.mul(s), a.mul(1.75));
                assertEquals(a.div(s), a.div(1.75));
                assertEquals(a.mul(-1.0), a.neg());
                assertEquals(a.mul(a), a.pow(2));
                assertEquals(a.map(v -> v * v * v), a.pow(3));
            }
        }
    }
}
