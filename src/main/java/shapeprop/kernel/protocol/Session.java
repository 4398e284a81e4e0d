package shapeprop.kernel.protocol;

import com.google.gson.JsonObject;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Creates the kernel's messages: fresh ids, this kernel's session id, protocol version 5.3. */
public final class Session {

    public static final String PROTOCOL_VERSION = "5.3";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final String id = UUID.randomUUID().toString();
    // Message ids only need to be unique: a session prefix and a counter are cheaper than a UUID per message.
    private final AtomicLong counter = new AtomicLong();

    public String id() {
        return id;
    }

    /** A new message of {@code type} answering (or caused by) {@code parent}; parent may be null. */
    public Message create(String type, Message parent, JsonObject content) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", id + "_" + counter.incrementAndGet());
        header.addProperty("session", id);
        header.addProperty("username", "kernel");
        header.addProperty("date", ISO.format(Instant.now()));
        header.addProperty("msg_type", type);
        header.addProperty("version", PROTOCOL_VERSION);
        JsonObject parentHeader = parent == null ? new JsonObject() : parent.header();
        List<byte[]> identities = parent == null ? List.of() : parent.identities();
        return new Message(identities, header, parentHeader, new JsonObject(), content, List.of());
    }

    @Override
    public String toString() {
        return "Session[" + id + ", " + counter.get() + " messages]";
    }
}
