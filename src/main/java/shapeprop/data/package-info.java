/**
 * Data to learn from: {@link shapeprop.data.Moons} (scikit-learn's two moons), {@link shapeprop.data.Mnist}
 * (verified IDX files, cached and fetched), and {@link shapeprop.data.Dataset} with its seeded shuffles,
 * splits, mini-batches and one-hot labels in either orientation ({@link shapeprop.data.Samples}).
 *
 * <p>Depends on {@code shapeprop.matrix} only.
 */
package shapeprop.data;
