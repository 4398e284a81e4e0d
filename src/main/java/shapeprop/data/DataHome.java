package shapeprop.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where downloaded data lives: {@code $SHAPEPROP_DATA} when set (relative to the working directory when it is
 * a relative path), otherwise the user's cache,
 * {@code $XDG_CACHE_HOME/shapeprop} or {@code ~/.cache/shapeprop}. Each collection has a folder in it, e.g.
 * {@code ~/.cache/shapeprop/mnist}.
 */
public final class DataHome {

    /** The environment variable that points ShapeProp at a data directory of your choice. */
    public static final String VARIABLE = "SHAPEPROP_DATA";

    private DataHome() {
    }

    /** The data directory for this process's environment. */
    public static Path root() {
        return root(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The folder of one collection, e.g. {@code ~/.cache/shapeprop/mnist}. */
    public static Path of(IdxSet set) {
        return root().resolve(set.folder());
    }

    /** The data directory for a given environment and home directory. */
    static Path root(Map<String, String> env, Path home) {
        String data = env.get(VARIABLE);
        if (data != null && !data.isBlank()) {
            // absolute, so that messages name a folder a shell elsewhere finds (SHAPEPROP_DATA=data works too)
            return Path.of(data).toAbsolutePath().normalize();
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "shapeprop");
        }
        return home.resolve(".cache").resolve("shapeprop");
    }
}
