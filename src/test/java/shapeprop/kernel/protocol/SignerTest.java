package shapeprop.kernel.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignerTest {

    private static final List<byte[]> PARTS = List.of(bytes("{\"msg_id\":\"1\"}"), bytes("{}"), bytes("{}"),
            bytes("{\"code\":\"1+1\"}"));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signsLikePythonsHmacModule() {
        // Reference: hmac.new(b"secret-key", header+parent+metadata+content, hashlib.sha256).hexdigest()
        assertEquals("f29edc2ae347e99e996cf426a9068abd72bbac08f131d7b7d863f0430600434a",
                new Signer("secret-key").sign(PARTS));
    }

    @Test
    void acceptsItsOwnSignatureAndRejectsAnyOther() {
        Signer signer = new Signer("secret-key");
        String good = signer.sign(PARTS);
        assertTrue(signer.verify(good, PARTS));
        assertFalse(signer.verify("", PARTS), "unsigned");
        assertFalse(signer.verify(new Signer("other-key").sign(PARTS), PARTS), "signed with another key");
        char last = good.charAt(good.length() - 1);
        String flipped = good.substring(0, good.length() - 1) + (last == '0' ? '1' : '0');
        assertFalse(signer.verify(flipped, PARTS), "one hex digit changed");
        assertFalse(signer.verify(good.substring(0, 10), PARTS), "truncated");
    }

    @Test
    void anEmptyKeyMeansSigningIsOff() {
        Signer off = new Signer("");
        assertFalse(off.enabled());
        assertEquals("", off.sign(PARTS));
        assertTrue(off.verify("", PARTS));
    }
}
