package shapeprop.kernel.io;

/** Receives batched text of one output stream ({@code stdout} or {@code stderr}). */
@FunctionalInterface
public interface StreamSink {

    void write(String streamName, String text);
}
