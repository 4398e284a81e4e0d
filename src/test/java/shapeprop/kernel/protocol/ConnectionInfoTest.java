package shapeprop.kernel.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionInfoTest {

    private static final String FILE = "{\"shell_port\": 5001, \"iopub_port\": 5002, \"stdin_port\": 5003,"
            + " \"control_port\": 5004, \"hb_port\": 5005, \"ip\": \"127.0.0.1\", \"key\": \"abc\","
            + " \"transport\": \"tcp\", \"signature_scheme\": \"hmac-sha256\", \"kernel_name\": \"java\"}";

    @Test
    void readsPortsKeyAndAddresses() {
        ConnectionInfo info = ConnectionInfo.parse(FILE);
        assertEquals(5001, info.shellPort());
        assertEquals(5004, info.controlPort());
        assertEquals("abc", info.key());
        assertEquals("tcp://127.0.0.1:5002", info.address(info.iopubPort()));
        assertTrue(info.toString().contains("key=(3 chars)"), "the key itself is never printed: " + info);
    }

    @Test
    void refusesASignatureSchemeItCannotCheck() {
        String md5 = FILE.replace("hmac-sha256", "hmac-md5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectionInfo.parse(md5));
        assertTrue(e.getMessage().contains("hmac-md5") && e.getMessage().contains("hmac-sha256"));
    }
}
