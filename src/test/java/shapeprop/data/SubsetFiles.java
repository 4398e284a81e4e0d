package shapeprop.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The first 100 training and 100 test digits of MNIST, cut from the original files into
 * {@code src/test/resources/data/mnist-100} (gzipped IDX), with the SHA-256 of each uncompressed file as
 * computed by {@code zcat FILE | sha256sum}.
 */
final class SubsetFiles {

    static final IdxSet SET = new IdxSet("MNIST-100", "mnist-100",
            new KnownFile("train-images-idx3-ubyte",
                    "44a118d4f05483587bedfe077242576f17893bbec3c98698d629015659339e8d", 78416),
            new KnownFile("train-labels-idx1-ubyte",
                    "4bd515a3c482915cd2a77c4d36b6d6bf87698cb91fb41090dc57cf408820612c", 108),
            new KnownFile("t10k-images-idx3-ubyte",
                    "806da1c8626ed91a2ec572ed80666121226e1de20cec504c2787812cac71d159", 78416),
            new KnownFile("t10k-labels-idx1-ubyte",
                    "1a053e1de7d8946ac62b3ae5a196d52d2e96bc66fd695815a7e29f0310f9c031", 108));

    private SubsetFiles() {
    }

    /** The folder holding the four gzipped files. */
    static Path dir() {
        try {
            return Path.of(SubsetFiles.class.getResource("/data/mnist-100/train-images-idx3-ubyte.gz").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One of the four files, gzipped as stored. */
    static Path gz(KnownFile file) {
        return dir().resolve(file.name() + ".gz");
    }

    /** The uncompressed bytes of one of the four files. */
    static byte[] raw(KnownFile file) {
        return Idx.read(gz(file));
    }

    /** Copies the four files into {@code target}, uncompressed. */
    static void copyRawTo(Path target) {
        try {
            Files.createDirectories(target);
            for (KnownFile file : SET.files()) {
                Files.write(target.resolve(file.name()), raw(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
