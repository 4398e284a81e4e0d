package shapeprop.data;

import java.util.List;

/**
 * A train/test collection in the MNIST file layout: four IDX files with known contents, kept in a folder
 * of the data directory ({@code mnist}, {@code fashion-mnist}).
 *
 * @param title the name shown to people, e.g. {@code MNIST}
 * @param folder the folder under the data directory, e.g. {@code mnist}
 * @param trainImages the training images file
 * @param trainLabels the training labels file
 * @param testImages the test images file
 * @param testLabels the test labels file
 */
public record IdxSet(String title, String folder, KnownFile trainImages, KnownFile trainLabels, KnownFile testImages,
        KnownFile testLabels) {

    /** Yann LeCun's handwritten digits: 60,000 training and 10,000 test images of 28×28 pixels. */
    public static final IdxSet MNIST = new IdxSet("MNIST", "mnist",
            new KnownFile("train-images-idx3-ubyte",
                    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", 47040016),
            new KnownFile("train-labels-idx1-ubyte",
                    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", 60008),
            new KnownFile("t10k-images-idx3-ubyte",
                    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", 7840016),
            new KnownFile("t10k-labels-idx1-ubyte",
                    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", 10008));

    /**
     * Zalando's Fashion-MNIST, the same format with clothes instead of digits (hashes of the files in
     * Debian's {@code dataset-fashion-mnist} package, which installs them in
     * {@code /usr/share/datasets/fashion-mnist}).
     */
    public static final IdxSet FASHION_MNIST = new IdxSet("Fashion-MNIST", "fashion-mnist",
            new KnownFile("train-images-idx3-ubyte",
                    "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", 47040016),
            new KnownFile("train-labels-idx1-ubyte",
                    "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", 60008),
            new KnownFile("t10k-images-idx3-ubyte",
                    "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", 7840016),
            new KnownFile("t10k-labels-idx1-ubyte",
                    "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", 10008));

    /** The collections whose files we know, to tell one's file from the other's (they share names and sizes). */
    static final List<IdxSet> KNOWN = List.of(MNIST, FASHION_MNIST);

    /** The four files: train images, train labels, test images, test labels. */
    public List<KnownFile> files() {
        return List.of(trainImages, trainLabels, testImages, testLabels);
    }

    @Override
    public String toString() {
        return title + " (" + folder + ": " + trainImages.name() + ", " + trainLabels.name() + ", "
                + testImages.name() + ", " + testLabels.name() + ")";
    }
}
