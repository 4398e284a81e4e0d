/**
 * The {@code shapeprop} command line ({@link shapeprop.cli.Main}): {@code train} a network on MNIST or the two
 * moons with a progress bar and one line per epoch, {@code bench} it against the numpy reference in
 * {@code bench/numpy_train.py}, {@code fetch mnist} for setup scripts.
 */
package shapeprop.cli;
