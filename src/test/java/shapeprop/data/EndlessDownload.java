package shapeprop.data;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * An HTTP answer for tests that stop a fetch in the middle of a download: it promises the size of
 * train-images-idx3-ubyte.gz and sends it at 10 kB/s, more than 15 minutes, until the client goes away or the test
 * ends. {@code sending} counts down once the first bytes are out, so the test knows the download is under way.
 */
public final class EndlessDownload {

    private EndlessDownload() {
    }

    public static void send(HttpExchange exchange, CountDownLatch sending) throws IOException {
        exchange.sendResponseHeaders(200, 9_912_422);
        try (OutputStream out = exchange.getResponseBody()) {
            while (true) {
                out.write(new byte[1000]);
                out.flush();
                sending.countDown();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException gone) {
            // the fetch stopped, or the test ended
        } finally {
            exchange.close();
        }
    }
}
