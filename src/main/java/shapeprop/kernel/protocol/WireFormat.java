package shapeprop.kernel.protocol;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The frames of a message on a ZeroMQ socket:
 * {@code [identities…, "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers…]}.
 */
public final class WireFormat {

    public static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private final Signer signer;

    public WireFormat(Signer signer) {
        this.signer = signer;
    }

    /** The frames to send for {@code message}, signed. */
    public List<byte[]> encode(Message message) {
        List<byte[]> json = List.of(utf8(message.header()), utf8(message.parentHeader()),
                utf8(message.metadata()), utf8(message.content()));
        List<byte[]> frames = new ArrayList<>(message.identities().size() + 6 + message.buffers().size());
        frames.addAll(message.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(json).getBytes(StandardCharsets.US_ASCII));
        frames.addAll(json);
        frames.addAll(message.buffers());
        return frames;
    }

    /**
     * The message in {@code frames}.
     *
     * @throws RejectedMessageException when the frames are malformed or the signature does not match
     */
    public Message decode(List<byte[]> frames) throws RejectedMessageException {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            throw new RejectedMessageException("malformed message: " + frames.size()
                    + " frames, expected identities, <IDS|MSG>, signature and four JSON parts");
        }
        String signature = new String(frames.get(delimiter + 1), StandardCharsets.US_ASCII);
        List<byte[]> json = frames.subList(delimiter + 2, delimiter + 6);
        if (!signer.verify(signature, json)) {
            throw new RejectedMessageException(signature.isEmpty()
                    ? "unsigned message: the kernel's key requires an HMAC-SHA256 signature"
                    : "wrong signature: the message was not signed with this kernel's key");
        }
        try {
            return new Message(List.copyOf(frames.subList(0, delimiter)), parse(json.get(0)), parse(json.get(1)),
                    parse(json.get(2)), parse(json.get(3)), List.copyOf(frames.subList(delimiter + 6, frames.size())));
        } catch (JsonParseException | IllegalStateException e) {
            throw new RejectedMessageException("malformed JSON in a signed message: " + e.getMessage());
        }
    }

    private static JsonObject parse(byte[] bytes) {
        return bytes.length == 0 ? new JsonObject()
                : JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static byte[] utf8(JsonObject o) {
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "WireFormat[" + signer + "]";
    }
}
