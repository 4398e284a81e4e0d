package shapeprop.data;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A data file we know by name, uncompressed length and SHA-256 of its uncompressed contents, so a damaged
 * or substituted copy is caught before it trains anything.
 *
 * @param name the file name without {@code .gz}, e.g. {@code train-images-idx3-ubyte}
 * @param sha256 lower-case hex SHA-256 of the uncompressed contents
 * @param length uncompressed length in bytes
 */
public record KnownFile(String name, String sha256, long length) {

    private static final String FIX = "Delete it and fetch it again (bin/shapeprop fetch mnist), or copy an original copy there.";

    /** Throws a {@link DataFileException} naming {@code file} unless {@code contents} are this file's. */
    public void verify(Path file, byte[] contents) {
        if (contents.length != length) {
            throw new DataFileException(file, "is " + contents.length + " bytes uncompressed but " + name + " is "
                    + length + " bytes: the file is " + (contents.length < length ? "truncated" : "not " + name) + ".",
                    FIX);
        }
        String actual = sha256(contents);
        if (!actual.equals(sha256)) {
            throw new DataFileException(file, "has SHA-256 " + actual + " but " + name + " has " + sha256
                    + ": the file is damaged or not the original.",
                    FIX);
        }
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + length + " bytes, SHA-256 " + sha256 + ")";
    }
}
