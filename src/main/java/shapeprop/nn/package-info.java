/**
 * Neural networks one visible step at a time, for learning backpropagation shape by shape.
 *
 * <p>What is here: {@link shapeprop.nn.Network} (a stack of {@link shapeprop.nn.Dense} layers with an
 * {@link shapeprop.nn.Activation}, a {@link shapeprop.nn.Loss}, a {@link shapeprop.nn.Layout} and an
 * {@link shapeprop.nn.Initializer}) whose {@code forward}, {@code backward} and {@code update} can record a
 * {@link shapeprop.nn.Trace} of every operation with its shapes; {@link shapeprop.nn.GradientCheck} (central
 * differences, a verdict and a sentence per parameter) and {@link shapeprop.nn.GradientShapes} (each gradient
 * against its parameter's shape) for hand-written backprop; {@link shapeprop.nn.Tracer} to trace a learner's own
 * code; {@link shapeprop.nn.LayoutComparison} to see one network in both layouts; {@code fit} with a
 * {@link shapeprop.nn.History} and a {@link shapeprop.nn.TrainingListener}.
 *
 * <p>What is deliberately not here: convolutions, automatic differentiation, optimizers beyond plain
 * {@link shapeprop.nn.Sgd}, data loading (Matrix in, Matrix out; see {@code shapeprop.data}). The backward pass is
 * written out layer by layer, with the math as a comment above each line, because reading it is the point.
 *
 * <p>Conventions: gradients are per sample (dZ = A − Y, no 1/m) and the 1/m is applied in dW = dZ·A_prevᵀ / m and
 * db = sum(dZ) / m, as in the deeplearning.ai course; MSE is L = (1/m) Σ (A − Y)² summed over output units.
 */
package shapeprop.nn;
