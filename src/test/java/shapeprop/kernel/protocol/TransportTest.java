package shapeprop.kernel.protocol;

import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sending from a cell's thread: what display() does while the kernel interrupts the cell. */
class TransportTest {

    @Test
    void anInterruptedThreadStillSendsEveryFrameAndKeepsItsInterrupt() {
        try (ZContext context = new ZContext()) {
            ZMQ.Socket in = context.createSocket(SocketType.PULL);
            in.bind("inproc://transport-test");
            ZMQ.Socket out = context.createSocket(SocketType.PUSH);
            out.connect("inproc://transport-test");
            List<byte[]> frames = List.of(bytes("kernel.1.stream"), bytes("<IDS|MSG>"), bytes("{\"text\":\"epoch 3\"}"));

            // the kernel's interrupt has reached the cell's thread, which then updates a display
            Thread.currentThread().interrupt();
            try {
                Transport.sendFrames(out, frames);
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt stays for the cell to see");
            } finally {
                Thread.interrupted();
            }

            in.setReceiveTimeOut(10_000);
            List<String> received = new ArrayList<>();
            do {
                byte[] frame = in.recv(0);
                assertTrue(frame != null, "a frame never arrived; got " + received);
                received.add(new String(frame, StandardCharsets.UTF_8));
            } while (in.hasReceiveMore());
            assertEquals(List.of("kernel.1.stream", "<IDS|MSG>", "{\"text\":\"epoch 3\"}"), received);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
