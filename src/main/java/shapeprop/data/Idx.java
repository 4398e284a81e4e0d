package shapeprop.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.NoCopy;

/**
 * The IDX format of MNIST: a big-endian header, then unsigned bytes.
 *
 * <pre>
 * images: magic 2051 (0x00000803), count, rows, cols, then count·rows·cols pixels 0..255
 * labels: magic 2049 (0x00000801), count,             then count labels 0..9
 * </pre>
 *
 * Files may be raw or gzip-compressed (recognised by their first two bytes, not their name). Every header
 * field and the exact length are checked, so a truncated or swapped file fails with a message that names it.
 */
public final class Idx {

    /** Magic number of an IDX file of unsigned-byte images (3 dimensions). */
    public static final int IMAGES_MAGIC = 2051;
    /** Magic number of an IDX file of unsigned-byte labels (1 dimension). */
    public static final int LABELS_MAGIC = 2049;

    /** How to repair a damaged MNIST file; {@link Mnist} gives other collections their own advice in its place. */
    static final String REFETCH = "Delete it and fetch it again (bin/shapeprop fetch mnist), "
            + "or copy an original copy there.";

    private Idx() {
    }

    /** Loads a labelled dataset from an images file and a labels file: pixels scaled to [0, 1], one row per image. */
    public static Dataset load(String name, Path images, Path labels) {
        return dataset(name, images, read(images), labels, read(labels));
    }

    /** A dataset from the uncompressed bytes of an images file and a labels file (named for error messages). */
    static Dataset dataset(String name, Path imagesFile, byte[] images, Path labelsFile, byte[] labels) {
        int[] dims = imagesHeader(imagesFile, images);
        int[] classes = labels(labelsFile, labels);
        int count = dims[0];
        if (count != classes.length) {
            throw new DataFileException(imagesFile, "holds " + count + " images but " + labelsFile + " holds "
                    + classes.length + " labels; they must come in pairs.",
                    "Use the images and labels files of the same set (train-* with train-*, t10k-* with t10k-*).");
        }
        int pixels = dims[1] * dims[2];
        // 0..255 → [0, 1]
        double[] scaled = new double[count * pixels];
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = (images[16 + i] & 0xff) / 255.0;
        }
        // the array is new and never leaves this method, so the matrix may own it: Matrix.of would copy it, and
        // MNIST's 60,000 × 784 doubles are 376 MB (a copy made training run out of a 1.2 GB heap)
        Matrix x = NoCopy.wrap(count, pixels, scaled);
        int max = 0;
        for (int c : classes) {
            max = Math.max(max, c);
        }
        return Dataset.of(name, x, classes, Math.max(10, max + 1));
    }

    /** The labels of a labels file's uncompressed bytes, after checking magic, count and length. */
    static int[] labels(Path file, byte[] bytes) {
        ByteBuffer header = header(file, bytes, 8, LABELS_MAGIC, "labels");
        int count = header.getInt(4);
        checkCount(file, count, "labels");
        long expected = 8L + count;
        checkLength(file, bytes.length, expected, count + " labels");
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = bytes[8 + i] & 0xff;
        }
        return out;
    }

    /** {count, rows, cols} of an images file's uncompressed bytes, after checking magic, dimensions and length. */
    static int[] imagesHeader(Path file, byte[] bytes) {
        ByteBuffer header = header(file, bytes, 16, IMAGES_MAGIC, "images");
        int count = header.getInt(4);
        int rows = header.getInt(8);
        int cols = header.getInt(12);
        checkCount(file, count, "images");
        if (rows < 1 || cols < 1 || (long) rows * cols > 1 << 20) {
            throw new DataFileException(file, "says each image is " + rows + "×" + cols
                    + " pixels, which is not a valid image size (MNIST images are 28×28).", REFETCH);
        }
        long expected = 16L + (long) count * rows * cols;
        checkLength(file, bytes.length, expected, count + " images of " + rows + "×" + cols);
        if (expected > Integer.MAX_VALUE) {
            throw new DataFileException(file, "holds " + count + " images of " + rows + "×" + cols
                    + ", too many for one matrix.", "Split the file into smaller ones.");
        }
        return new int[] {count, rows, cols};
    }

    /**
     * Checks the magic number that an IDX file's name promises ({@code idx3}: images, {@code idx1}: labels), the
     * first thing to check: a labels file saved as train-images-idx3-ubyte is a swap, not a truncated file.
     */
    static void checkMagic(Path file, byte[] bytes, String name) {
        if (name.contains("-idx3-")) {
            header(file, bytes, 16, IMAGES_MAGIC, "images");
        } else if (name.contains("-idx1-")) {
            header(file, bytes, 8, LABELS_MAGIC, "labels");
        }
    }

    private static ByteBuffer header(Path file, byte[] bytes, int size, int magic, String kind) {
        if (bytes.length < 4) {
            throw new DataFileException(file, "is " + bytes.length + " bytes long, too short to be an IDX " + kind
                    + " file (its header alone is " + size + " bytes).", REFETCH);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes); // big-endian, as IDX is
        int found = buffer.getInt(0);
        if (found != magic) {
            String other = found == IMAGES_MAGIC ? " That is the magic number of an images file: were images and"
                    + " labels swapped?" : found == LABELS_MAGIC ? " That is the magic number of a labels file: were"
                    + " images and labels swapped?" : "";
            throw new DataFileException(file, "starts with magic number " + found + " (0x"
                    + String.format("%08x", found) + ") but an IDX " + kind + " file starts with " + magic + " (0x"
                    + String.format("%08x", magic) + ")." + other,
                    "Pass the " + kind + " file here (e.g. train-" + (kind.equals("images") ? "images-idx3" : "labels-idx1")
                            + "-ubyte); if this is one, it is damaged: " + REFETCH);
        }
        if (bytes.length < size) {
            throw new DataFileException(file, "is " + bytes.length + " bytes long but the header of an IDX " + kind
                    + " file alone is " + size + " bytes: the file is truncated.", REFETCH);
        }
        return buffer;
    }

    private static void checkCount(Path file, int count, String what) {
        if (count < 0) {
            throw new DataFileException(file, "says it holds " + Integer.toUnsignedString(count) + " " + what
                    + ", more than an IDX file can.", REFETCH);
        }
    }

    private static void checkLength(Path file, long actual, long expected, String what) {
        if (actual < expected) {
            throw new DataFileException(file, "is truncated: its header promises " + what + " (" + expected
                    + " bytes) but it has only " + actual + " bytes.", REFETCH);
        }
        if (actual > expected) {
            long extra = actual - expected;
            throw new DataFileException(file, "has " + extra + (extra == 1 ? " byte" : " bytes") + " more than its header's "
                    + what + " (" + expected + " bytes): the count in the header is wrong or the file was damaged.",
                    REFETCH);
        }
    }

    /** The file's bytes, uncompressed if it is gzip (first bytes 1f 8b). */
    static byte[] read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DataFileException(file, "does not exist.", "Check the path, or fetch MNIST with bin/shapeprop fetch mnist.", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new DataFileException(file, "cannot be read: permission denied.",
                    "Give yourself read access (chmod u+r " + file + "), or copy the file somewhere you can read it.", e);
        } catch (IOException e) {
            throw new DataFileException(file, "cannot be read (" + e + ").",
                    "Check that it is a readable file and that you may read it.", e);
        }
        return gunzipIfNeeded(file, bytes);
    }

    /** Uncompresses gzip bytes (recognised by 1f 8b); other bytes are returned as they are. */
    static byte[] gunzipIfNeeded(Path file, byte[] bytes) {
        if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
            return bytes;
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes), 1 << 16)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
            in.transferTo(out);
            return out.toByteArray();
        } catch (ZipException | java.io.EOFException e) {
            throw new DataFileException(file, "is a damaged or truncated gzip file (" + e.getMessage() + ").", REFETCH, e);
        } catch (IOException e) {
            throw new DataFileException(file, "cannot be uncompressed (" + e + ").", REFETCH, e);
        }
    }
}
