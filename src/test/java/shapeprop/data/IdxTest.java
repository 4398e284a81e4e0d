package shapeprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import shapeprop.matrix.Matrix;

class IdxTest {

    @TempDir
    Path tmp;

    private final Path images = SubsetFiles.gz(SubsetFiles.SET.trainImages());
    private final Path labels = SubsetFiles.gz(SubsetFiles.SET.trainLabels());

    @Test
    void theFirstHundredDigitsLoadWithPixelsInZeroToOne() {
        Dataset train = Idx.load("mnist-100 train", images, labels);
        assertEquals("mnist-100 train: 100 samples × 784 features, 10 classes", train.toString());
        assertArrayEquals(new int[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, Arrays.copyOf(train.labels(), 10));
        Matrix x = train.x(Samples.ROWS);
        assertEquals(0.0, x.min());
        assertEquals(1.0, x.max());
        // pixel (row 14, column 14) of the first digit, a 5, is byte 0x… of the file: read it independently
        byte[] raw = SubsetFiles.raw(SubsetFiles.SET.trainImages());
        assertEquals((raw[16 + 14 * 28 + 14] & 0xff) / 255.0, x.get(0, 14 * 28 + 14));
    }

    /**
     * The pixels are scaled into one new array that becomes the matrix itself: a copy on the way would double the
     * memory of a load (MNIST's 60,000 × 784 doubles are 376 MB, and a second 376 MB ran a 1.2 GB heap out).
     */
    @Test
    void loadingAllocatesThePixelArrayOnceNotTwice() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(threads instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        byte[] imageBytes = SubsetFiles.raw(SubsetFiles.SET.trainImages());
        byte[] labelBytes = SubsetFiles.raw(SubsetFiles.SET.trainLabels());
        Idx.dataset("warm-up", images, imageBytes, labels, labelBytes);
        long before = counter.getCurrentThreadAllocatedBytes();
        Dataset train = Idx.dataset("mnist-100 train", images, imageBytes, labels, labelBytes);
        long allocated = counter.getCurrentThreadAllocatedBytes() - before;
        long pixels = 100L * 784 * Double.BYTES; // 627,200 bytes
        assertEquals(100, train.size());
        assertTrue(allocated >= pixels && allocated < pixels + pixels / 4, allocated + " bytes for " + pixels
                + " bytes of pixels");
    }

    @Test
    void rawAndGzipFilesReadTheSame() throws IOException {
        Path rawImages = tmp.resolve("images");
        Path rawLabels = tmp.resolve("labels");
        Files.write(rawImages, SubsetFiles.raw(SubsetFiles.SET.trainImages()));
        Files.write(rawLabels, SubsetFiles.raw(SubsetFiles.SET.trainLabels()));
        assertEquals(Idx.load("gz", images, labels).x(Samples.ROWS), Idx.load("raw", rawImages, rawLabels).x(Samples.ROWS));
    }

    @Test
    void swappedFilesAreCaughtByTheirMagicNumber() {
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.load("swapped", labels, images));
        assertEquals(labels, e.file());
        assertTrue(e.getMessage().startsWith(labels + ": starts with magic number 2049 (0x00000801) but an IDX images"
                + " file starts with 2051 (0x00000803). That is the magic number of a labels file: were images and"
                + " labels swapped?\nPass the images file here"), e.getMessage());
    }

    @Test
    void aFileOfAnotherKindIsCaughtByItsMagicNumber() throws IOException {
        Path text = tmp.resolve("train-images-idx3-ubyte");
        Files.writeString(text, "<html>404 Not Found</html>");
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.load("html", text, labels));
        assertTrue(e.getMessage().contains("starts with magic number 1013478509 (0x3c68746d) but an IDX images file"
                + " starts with 2051 (0x00000803)."), e.getMessage());
        assertTrue(e.getMessage().contains("Delete it and fetch it again (bin/shapeprop fetch mnist)"), e.getMessage());
    }

    @Test
    void aTruncatedFileSaysHowManyBytesItPromisedAndHas() throws IOException {
        byte[] raw = SubsetFiles.raw(SubsetFiles.SET.trainImages());
        Path cut = tmp.resolve("train-images-idx3-ubyte");
        Files.write(cut, Arrays.copyOf(raw, raw.length - 100));
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.load("cut", cut, labels));
        assertEquals(cut + ": is truncated: its header promises 100 images of 28×28 (78416 bytes) but it has only"
                + " 78316 bytes.\nDelete it and fetch it again (bin/shapeprop fetch mnist), or copy an original copy"
                + " there.", e.getMessage());
    }

    @Test
    void aTruncatedGzipFileIsCaught() throws IOException {
        byte[] gz = Files.readAllBytes(images);
        Path cut = tmp.resolve("train-images-idx3-ubyte.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length / 2));
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.load("cut", cut, labels));
        assertTrue(e.getMessage().startsWith(cut + ": is a damaged or truncated gzip file"), e.getMessage());
    }

    @Test
    void aWrongCountInTheHeaderIsCaughtByTheFileLength() throws IOException {
        byte[] raw = SubsetFiles.raw(SubsetFiles.SET.trainLabels());
        ByteBuffer.wrap(raw).putInt(4, 99); // header says 99 labels, the file has 100
        Path wrong = tmp.resolve("train-labels-idx1-ubyte");
        Files.write(wrong, raw);
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.load("wrong", images, wrong));
        assertTrue(e.getMessage().startsWith(wrong + ": has 1 byte more than its header's 99 labels (107 bytes): the"
                + " count in the header is wrong or the file was damaged."), e.getMessage());
    }

    @Test
    void imagesAndLabelsOfDifferentCountsAreNotPaired() {
        Path testLabels = SubsetFiles.gz(SubsetFiles.SET.testLabels());
        byte[] fewer = SubsetFiles.raw(SubsetFiles.SET.testLabels());
        Path tenLabels = tmp.resolve("t10k-labels-idx1-ubyte");
        byte[] ten = Arrays.copyOf(fewer, 18);
        ByteBuffer.wrap(ten).putInt(4, 10);
        try {
            Files.write(tenLabels, ten);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.load("pairs", images, tenLabels));
        assertEquals(images + ": holds 100 images but " + tenLabels + " holds 10 labels; they must come in pairs.\n"
                + "Use the images and labels files of the same set (train-* with train-*, t10k-* with t10k-*).",
                e.getMessage());
        assertEquals(100, Idx.load("pairs", images, testLabels).size());
    }

    @Test
    void aFileWeMayNotReadSaysSoAndHowToFixIt() throws IOException {
        Path locked = tmp.resolve("train-labels-idx1-ubyte");
        Files.write(locked, SubsetFiles.raw(SubsetFiles.SET.trainLabels()));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(locked), "this user (root?) may read any file");
            DataFileException e = assertThrows(DataFileException.class, () -> Idx.load("locked", images, locked));
            assertEquals(locked + ": cannot be read: permission denied.\nGive yourself read access (chmod u+r " + locked
                    + "), or copy the file somewhere you can read it.", e.getMessage());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void aMissingFileSaysHowToGetIt() {
        Path none = tmp.resolve("nothing-here");
        DataFileException e = assertThrows(DataFileException.class, () -> Idx.load("none", none, labels));
        assertEquals(none + ": does not exist.\nCheck the path, or fetch MNIST with bin/shapeprop fetch mnist.",
                e.getMessage());
    }
}
