package shapeprop.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.Shape;
import shapeprop.matrix.ShapeException;

/**
 * The layer sizes of parameters handed to {@link Network#fromParameters}, read from the parameters themselves:
 * layer l has as many outputs as b_l has biases, W_l connects the outputs of layer l − 1 (the inputs, for W1) to
 * those of layer l, and every parameter must agree. When one does not, the parameter to blame is the one that
 * disagrees with all the others: a single transposed W2 is named as W2, with the shape the others give it, and not
 * as the layer above it.
 */
final class ParameterShapes {

    private ParameterShapes() {
    }

    /**
     * The sizes n0 (inputs), n1, …, nL of layers whose weights W and biases b have {@code layout}'s shapes, or a
     * {@link ShapeException} naming the parameter with the wrong shape, the shape it must have and the fix.
     */
    static int[] of(Layout layout, Matrix[] W, Matrix[] b) {
        int[] sizes = sizes(layout, W, b, -1);
        if (sizes != null) {
            return sizes;
        }
        if (sizes(layout.other(), W, b, -1) != null) {
            throw otherLayout(layout, W, b);
        }
        // the one parameter that disagrees with all the others: index 2(l − 1) is W_l, 2(l − 1) + 1 is b_l
        List<Integer> culprits = new ArrayList<>();
        for (int p = 0; p < 2 * W.length; p++) {
            if (sizes(layout, W, b, p) != null) {
                culprits.add(p);
            }
        }
        if (culprits.size() == 1) {
            int p = culprits.get(0);
            int[] others = sizes(layout, W, b, p);
            throw p % 2 == 0 ? wrongWeights(layout, W, b, p / 2 + 1, others, false)
                    : wrongBiases(layout, W, b, p / 2 + 1, others, null);
        }
        if (culprits.equals(List.of(2 * W.length - 2, 2 * W.length - 1))) {
            // the last layer's W and b disagree on its outputs, and nothing else tells which is right
            int l = W.length;
            int[] withoutW = sizes(layout, W, b, 2 * (l - 1));
            Shape weights = weightShape(layout, W, withoutW, l);
            if (weights != null && W[l - 1].shape().T().equals(weights)) {
                throw wrongWeights(layout, W, b, l, withoutW, false);
            }
            throw wrongBiases(layout, W, b, l, sizes(layout, W, b, 2 * l - 1), weights);
        }
        throw firstMismatch(layout, W, b);
    }

    /**
     * The layer sizes if every parameter but {@code skip} agrees ({@code -1}: every one), n0 = −1 when only W1 could
     * tell it; null when two of them disagree.
     */
    private static int[] sizes(Layout layout, Matrix[] W, Matrix[] b, int skip) {
        int depth = W.length;
        int[] n = new int[depth + 1];
        Arrays.fill(n, -1);
        for (int l = 1; l <= depth; l++) {
            if (skip != 2 * (l - 1)) {
                if (!agree(n, l - 1, layout.inputsOf(W[l - 1])) || !agree(n, l, layout.outputsOf(W[l - 1]))) {
                    return null;
                }
            }
            if (skip != 2 * l - 1) {
                // a bias is a column (out, 1) in COLUMNS, a row (1, out) in ROWS
                Matrix bias = b[l - 1];
                int length = layout == Layout.COLUMNS ? bias.rows() : bias.cols();
                if (!bias.shape().equals(layout.biasShape(length)) || !agree(n, l, length)) {
                    return null;
                }
            }
        }
        return n;
    }

    private static boolean agree(int[] n, int layer, int size) {
        if (n[layer] == -1) {
            n[layer] = size;
        }
        return n[layer] == size;
    }

    /** The shape W_l must have by the sizes of the other parameters, or null when n0 cannot be told. */
    private static Shape weightShape(Layout layout, Matrix[] W, int[] n, int l) {
        int in = n[l - 1];
        if (in == -1 && layout.inputsOf(W[l - 1]) == n[l]) {
            // W1 with the outputs where the inputs belong: transposed, and its other side is the input size
            in = layout.outputsOf(W[l - 1]);
        }
        return in == -1 ? null : layout.weightShape(in, n[l]);
    }

    private static ShapeException wrongWeights(Layout layout, Matrix[] W, Matrix[] b, int l, int[] n,
                                               boolean sequential) {
        Shape actual = W[l - 1].shape();
        Shape expected = weightShape(layout, W, n, l);
        String name = "W" + l;
        String inAxis = layout == Layout.COLUMNS ? ".cols" : ".rows";
        String outAxis = layout == Layout.COLUMNS ? ".rows" : ".cols";
        String pattern = layout == Layout.COLUMNS ? "(out, in)" : "(in, out)";
        String why = l == 1 ? "layer 1 has " + n[1] + " outputs (" + evidence(layout, W, b, 1, 2 * 0) + ")"
                : "layer " + (l - 1) + " has " + n[l - 1] + " outputs (" + evidence(layout, W, b, l - 1, 2 * (l - 1))
                        + ") and layer " + l + " has " + n[l] + " (" + evidence(layout, W, b, l, 2 * (l - 1)) + ")";
        if (expected == null) {
            return new ShapeException("fromParameters", actual, null, "Network.fromParameters: " + name + " is "
                    + actual + " but " + why + "; in the " + layout + " layout " + name + " must be " + pattern
                    + " = " + (layout == Layout.COLUMNS ? "(" + n[l] + ", inputs)" : "(inputs, " + n[l] + ")")
                    + ", so " + name
                    + outAxis + " (" + layout.outputsOf(W[l - 1]) + ") must equal " + n[l] + ".",
                    "Check that " + name + " belongs to this network.");
        }
        List<String> dims = new ArrayList<>();
        if (l > 1 && layout.inputsOf(W[l - 1]) != n[l - 1]) {
            dims.add(name + inAxis + " (" + layout.inputsOf(W[l - 1]) + ") must equal " + n[l - 1]);
        }
        if (layout.outputsOf(W[l - 1]) != n[l]) {
            dims.add(name + outAxis + " (" + layout.outputsOf(W[l - 1]) + ") must equal " + n[l]);
        }
        String problem = "Network.fromParameters: " + name + " is " + actual + " but in the " + layout + " layout "
                + name + " must be " + pattern + " = " + expected + ", since " + why
                + (dims.isEmpty() ? "" : "; " + String.join(" and ", dims)) + ".";
        String hint = actual.T().equals(expected) ? "Did you mean " + name + ".T()? " + name + ".T() is " + expected
                + "." : sequential ? "Check the order of the layers and the layout."
                : "Check that " + name + " belongs to layer " + l + " of this network.";
        return new ShapeException("fromParameters", actual, expected, problem, hint);
    }

    /**
     * b_l's shape is wrong by the other parameters; {@code orWeights}: the shape W_l would need if b_l were right
     * (the last layer, where only W_l and b_l tell its size), or null.
     */
    private static ShapeException wrongBiases(Layout layout, Matrix[] W, Matrix[] b, int l, int[] n,
                                              Shape orWeights) {
        Shape actual = b[l - 1].shape();
        Shape expected = layout.biasShape(n[l]);
        String name = "b" + l;
        String pattern = layout == Layout.COLUMNS ? "(out, 1)" : "(1, out)";
        String problem = "Network.fromParameters: " + name + " is " + actual + " but in the " + layout + " layout "
                + name + " must be " + pattern + " = " + expected + ", one bias per output of layer " + l + " ("
                + evidence(layout, W, b, l, 2 * l - 1) + ").";
        String hint;
        if (actual.T().equals(expected)) {
            hint = "Did you mean " + name + ".T()? " + name + ".T() is " + expected + ".";
        } else {
            hint = "Give layer " + l + " one bias per output unit: a " + expected
                    + (layout == Layout.COLUMNS ? " column." : " row.")
                    + (orWeights == null ? "" : " Or, if " + name + " is right, W" + l + " " + W[l - 1].shape()
                    + " must be " + orWeights + ".");
        }
        return new ShapeException("fromParameters", actual, expected, problem, hint);
    }

    /** What tells the outputs of layer l: b_l, else W_l, else W_(l+1) — whichever is not {@code skip}. */
    private static String evidence(Layout layout, Matrix[] W, Matrix[] b, int l, int skip) {
        if (skip != 2 * l - 1) {
            return "b" + l + " is " + b[l - 1].shape();
        }
        if (skip != 2 * (l - 1)) {
            return "W" + l + " is " + W[l - 1].shape();
        }
        return "W" + (l + 1) + " is " + W[l].shape();
    }

    /** Parameters that fit the other layout throughout: the layout is wrong, not a parameter. */
    private static ShapeException otherLayout(Layout layout, Matrix[] W, Matrix[] b) {
        Layout other = layout.other();
        Shape w = W[0].shape();
        Shape bias = b[0].shape();
        String problem = "Network.fromParameters: these parameters have the " + other + " layout's shapes (W1 " + w
                + " is " + (other == Layout.COLUMNS ? "(out, in)" : "(in, out)") + ", b1 " + bias + " is "
                + (other == Layout.COLUMNS ? "(out, 1)" : "(1, out)") + "), but the layout given is " + layout
                + ", where W1 must be " + w.T() + " and b1 " + bias.T() + ".";
        String hint = "Pass Layout." + other + " (and call withLayout(Layout." + layout + ") on the network to have "
                + "it in the " + layout + " layout).";
        return new ShapeException("fromParameters", w, w.T(), problem, hint);
    }

    /** Several parameters disagree: the first, layer by layer, that does not follow from those before it. */
    private static ShapeException firstMismatch(Layout layout, Matrix[] W, Matrix[] b) {
        int[] n = new int[W.length + 1];
        n[0] = layout.inputsOf(W[0]);
        for (int l = 1; l <= W.length; l++) {
            if (layout.inputsOf(W[l - 1]) != n[l - 1]) {
                n[l] = layout.outputsOf(W[l - 1]);
                return wrongWeights(layout, W, b, l, n, true);
            }
            n[l] = layout.outputsOf(W[l - 1]);
            if (!b[l - 1].shape().equals(layout.biasShape(n[l]))) {
                return wrongBiases(layout, W, b, l, n, null);
            }
        }
        throw new IllegalStateException("the parameters agree");
    }
}
