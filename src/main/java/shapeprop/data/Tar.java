package shapeprop.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads chosen files out of a gzip-compressed tar archive (an npm package): 512-byte ustar headers, each
 * followed by the file's bytes padded to a multiple of 512.
 */
final class Tar {

    private static final int BLOCK = 512;

    private Tar() {
    }

    /** The contents of the entries whose paths are in {@code wanted}; other entries are skipped. */
    static Map<String, byte[]> extract(Path archive, InputStream gzipped, Set<String> wanted) throws IOException {
        Map<String, byte[]> found = new HashMap<>();
        try (InputStream in = new GZIPInputStream(gzipped, 1 << 16)) {
            byte[] header = new byte[BLOCK];
            while (readFully(in, header)) {
                if (isZero(header)) {
                    break; // end of archive
                }
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty() && "ustar".equals(field(header, 257, 5))) {
                    name = prefix + "/" + name;
                }
                long size = octal(archive, header, 124, 12);
                char type = (char) header[156];
                boolean regular = type == '0' || type == 0;
                if (regular && wanted.contains(name)) {
                    if (size > Integer.MAX_VALUE - 16) {
                        throw new IOException(archive + ": entry " + name + " is too large (" + size + " bytes)");
                    }
                    byte[] body = new byte[(int) size];
                    if (!readFully(in, body)) {
                        throw new IOException(archive + ": the archive ends inside " + name + "; it is truncated");
                    }
                    found.put(name, body);
                    skip(in, padding(size));
                } else {
                    skip(in, size + padding(size));
                }
            }
        }
        return found;
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(Path archive, byte[] header, int offset, int length) throws IOException {
        String text = field(header, offset, length).trim();
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new IOException(archive + ": a tar header has size '" + text + "', which is not octal; "
                    + "the archive is damaged", e);
        }
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int read = in.readNBytes(buffer, 0, buffer.length);
        if (read == 0) {
            return false;
        }
        if (read < buffer.length) {
            throw new IOException("the archive ends in the middle of a block; it is truncated");
        }
        return true;
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("the archive ends early; it is truncated");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
