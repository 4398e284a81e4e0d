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

    /** Throws a {@link DataFileException} naming {@code file} unless {@code contents} are this file's. */
    public void verify(Path file, byte[] contents) {
        Idx.checkMagic(file, contents, name);
        String actual = contents.length == length ? sha256(contents) : null;
        if (sha256.equals(actual)) {
            return;
        }
        // MNIST and Fashion-MNIST name their files alike: the hash tells whose file this is
        String whose = whose(contents, actual);
        if (whose != null) {
            throw new DataFileException(file, whose, Idx.REFETCH);
        }
        if (actual == null) {
            throw new DataFileException(file, "is " + contents.length + " bytes uncompressed but " + name + " is "
                    + length + " bytes: the file is " + (contents.length < length ? "truncated" : "not " + name) + ".",
                    Idx.REFETCH);
        }
        throw new DataFileException(file, "has SHA-256 " + actual + " but " + name + " has " + sha256
                + ": the file is damaged or not the original.", Idx.REFETCH);
    }

    /**
     * {@code is MNIST's t10k-labels-idx1-ubyte (its SHA-256 says so), not Fashion-MNIST's.} when {@code contents} are
     * another known file, else null. {@code hash} is their SHA-256 when already computed.
     */
    private String whose(byte[] contents, String hash) {
        String actual = hash;
        for (IdxSet set : IdxSet.KNOWN) {
            for (KnownFile other : set.files()) {
                if (other.length == contents.length && !other.equals(this)) {
                    actual = actual != null ? actual : sha256(contents);
                    if (other.sha256.equals(actual)) {
                        IdxSet mine = IdxSet.KNOWN.stream().filter(s -> s.files().contains(this)).findFirst().orElse(null);
                        String expected = mine == null ? name
                                : mine.title() + "'s" + (other.name.equals(name) ? "" : " " + name);
                        return "is " + set.title() + "'s " + other.name + " (its SHA-256 says so), not " + expected + ".";
                    }
                }
            }
        }
        return null;
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
