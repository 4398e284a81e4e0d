package shapeprop.kernel.protocol;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IOPub from a cell's thread: what display() does while the kernel interrupts the cell. */
class TransportTest {

    @Test
    void anInterruptedThreadStillPublishesAndKeepsItsInterrupt() throws Exception {
        ConnectionInfo info = new ConnectionInfo("tcp", "127.0.0.1", freePort(), freePort(), freePort(), freePort(),
                freePort(), "hmac-sha256", "secret");
        Transport transport = new Transport(info, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        try (ZContext context = new ZContext()) {
            ZMQ.Socket sub = context.createSocket(SocketType.SUB);
            sub.subscribe(new byte[0]);
            sub.connect(info.address(info.iopubPort()));
            sub.setReceiveTimeOut(5000);
            // a PUB socket drops what it sends before the subscription arrives: publish until one is heard
            sub.setReceiveTimeOut(50);
            boolean heard = false;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!heard && System.nanoTime() < deadline) {
                transport.publish(transport.session().create("status", null, new JsonObject()));
                heard = sub.recv(0) != null;
            }
            assertTrue(heard, "the subscriber never heard the transport");

            // the kernel's interrupt has reached the cell's thread, which then updates a display
            JsonObject content = new JsonObject();
            content.addProperty("text", "epoch 3");
            Thread.currentThread().interrupt();
            try {
                transport.publish(transport.session().create("stream", null, content));
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt stays for the cell to see");
            } finally {
                Thread.interrupted();
            }
            // the first frame of each message is its topic; skip the status messages still on their way
            sub.setReceiveTimeOut(10_000);
            List<String> frames = new ArrayList<>();
            while (frames.isEmpty() || !frames.get(0).endsWith(".stream")) {
                byte[] topic = sub.recv(0);
                assertTrue(topic != null, "the stream message never arrived");
                frames.clear();
                frames.add(new String(topic, StandardCharsets.UTF_8));
                while (sub.hasReceiveMore()) {
                    frames.add(new String(sub.recv(0), StandardCharsets.UTF_8));
                }
            }
            assertTrue(frames.get(0).endsWith(".stream"), frames.get(0));
            assertEquals("{\"text\":\"epoch 3\"}", frames.get(frames.size() - 1));
        } finally {
            transport.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
