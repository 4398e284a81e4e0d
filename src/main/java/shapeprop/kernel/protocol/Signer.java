package shapeprop.kernel.protocol;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * HMAC-SHA256 over a message's header, parent header, metadata and content, as the Jupyter wire protocol
 * requires. An empty key means signing is off (Jupyter then sends an empty signature).
 */
public final class Signer {

    private static final HexFormat HEX = HexFormat.of();
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public Signer(String key) {
        this.key = key.isEmpty() ? null : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        // Mac objects are not thread-safe; the shell, control and output threads each keep their own.
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public boolean enabled() {
        return key != null;
    }

    /** The lowercase hex signature of the four JSON parts, or "" when signing is off. */
    public String sign(List<byte[]> parts) {
        if (key == null) {
            return "";
        }
        Mac mac = macs.get();
        for (byte[] part : parts) {
            mac.update(part);
        }
        return HEX.formatHex(mac.doFinal());
    }

    /**
     * Whether {@code signature} is the signature of {@code parts}. The comparison takes the same time
     * wherever the first wrong byte is, so timing leaks nothing about the expected signature.
     */
    public boolean verify(String signature, List<byte[]> parts) {
        if (key == null) {
            return true;
        }
        byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = signature.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    private Mac newMac() {
        if (key == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM lacks HmacSHA256, which every Java SE runtime provides", e);
        }
    }

    @Override
    public String toString() {
        return key == null ? "Signer[off]" : "Signer[hmac-sha256]";
    }
}
