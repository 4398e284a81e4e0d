package shapeprop.kernel.protocol;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireFormatTest {

    private final WireFormat wire = new WireFormat(new Signer("k"));
    private final Session session = new Session();

    private Message request() {
        JsonObject content = new JsonObject();
        content.addProperty("code", "Matrix.zeros(2, 3)");
        Message m = session.create("execute_request", null, content);
        return new Message(List.of("client-1".getBytes(StandardCharsets.UTF_8)), m.header(), m.parentHeader(),
                m.metadata(), m.content(), List.of(new byte[] {1, 2, 3}));
    }

    @Test
    void framesAreIdentitiesDelimiterSignatureFourJsonPartsAndBuffers() {
        List<byte[]> frames = wire.encode(request());
        assertEquals(1 + 1 + 1 + 4 + 1, frames.size());
        assertArrayEquals("client-1".getBytes(StandardCharsets.UTF_8), frames.get(0));
        assertArrayEquals(WireFormat.DELIMITER, frames.get(1));
        assertEquals(64, frames.get(2).length, "hex HMAC-SHA256");
        assertTrue(new String(frames.get(3), StandardCharsets.UTF_8).contains("\"version\":\"5.3\""));
    }

    @Test
    void decodingGivesBackTheSameMessage() throws RejectedMessageException {
        Message original = request();
        Message decoded = wire.decode(wire.encode(original));
        assertEquals("execute_request", decoded.type());
        assertEquals(original.id(), decoded.id());
        assertEquals("Matrix.zeros(2, 3)", decoded.text("code", null));
        assertArrayEquals(new byte[] {1, 2, 3}, decoded.buffers().get(0));
        assertArrayEquals(original.identities().get(0), decoded.identities().get(0));
    }

    @Test
    void aTamperedMessageIsRejected() {
        List<byte[]> frames = new ArrayList<>(wire.encode(request()));
        frames.set(6, "{\"code\":\"System.exit(0)\"}".getBytes(StandardCharsets.UTF_8));
        RejectedMessageException e = assertThrows(RejectedMessageException.class, () -> wire.decode(frames));
        assertTrue(e.getMessage().startsWith("wrong signature"), e.getMessage());
    }

    @Test
    void anUnsignedOrMalformedMessageIsRejected() {
        List<byte[]> unsigned = new ArrayList<>(new WireFormat(new Signer("")).encode(request()));
        assertTrue(assertThrows(RejectedMessageException.class, () -> wire.decode(unsigned)).getMessage()
                .startsWith("unsigned message"));
        List<byte[]> noDelimiter = List.of("x".getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(RejectedMessageException.class, () -> wire.decode(noDelimiter)).getMessage()
                .startsWith("malformed message"));
    }

    @Test
    void aReplyCarriesItsRequestAsParentAndGoesBackToTheSameIdentity() {
        Message request = request();
        Message reply = session.create("execute_reply", request, new JsonObject());
        assertEquals(request.id(), reply.parentHeader().get("msg_id").getAsString());
        assertArrayEquals(request.identities().get(0), reply.identities().get(0));
    }
}
