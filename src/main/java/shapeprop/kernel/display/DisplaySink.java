package shapeprop.kernel.display;

/** Where notebook displays go: the kernel publishes them on IOPub as display_data / update_display_data. */
public interface DisplaySink {

    /** Shows {@code bundle} as a new output; {@code displayId} lets it be updated later. */
    void display(MimeBundle bundle, String displayId);

    /** Replaces every output shown earlier under {@code displayId}. */
    void update(MimeBundle bundle, String displayId);

    /** Clears the cell's output; with {@code wait}, only when the next output arrives (no flicker). */
    void clear(boolean wait);
}
