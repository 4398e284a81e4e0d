package shapeprop.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * MNIST's 60,000 training and 10,000 test digits (28×28 pixels scaled to [0, 1], one row per image, labels
 * 0–9), read from verified IDX files.
 *
 * <pre>{@code
 * Mnist mnist = Mnist.load();                       // from the cache, fetched on first use
 * Matrix X = mnist.train().x(Samples.COLUMNS);      // (784, 60000)
 * Matrix Y = mnist.train().oneHot(Samples.COLUMNS); // (10, 60000)
 * }</pre>
 *
 * The files live in {@code $SHAPEPROP_DATA/mnist} or the user cache ({@code ~/.cache/shapeprop/mnist}); see
 * {@link DataHome}. Each is checked against the SHA-256 of the original before use.
 *
 * @param set which collection the files are (MNIST or Fashion-MNIST)
 * @param train the training samples
 * @param test the test samples
 */
public record Mnist(IdxSet set, Dataset train, Dataset test) {

    /** Where Debian's {@code dataset-fashion-mnist} package installs the four Fashion-MNIST files. */
    static final Path FASHION_DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");
    private static final String FASHION_PACKAGE = "dataset-fashion-mnist";
    private static final String FASHION_SOURCE = "https://github.com/zalandoresearch/fashion-mnist";

    /**
     * MNIST from the cache, fetching any missing file first (progress goes to standard error). An interrupt (a
     * notebook's stop button) stops the fetch with a {@link FetchInterruptedException}; the cache keeps only verified
     * files, and the next call fetches the rest.
     */
    public static Mnist load() {
        return load(Fetcher.standard(System.err::println));
    }

    /**
     * MNIST from the cache, fetching any missing file first with {@code fetcher} (e.g. {@link Fetcher#standard}).
     * Used by {@code shapeprop train mnist}, which keeps the fetcher to {@link Fetcher#abandon} on Ctrl-C.
     */
    public static Mnist load(Fetcher fetcher) {
        Path dir = DataHome.of(IdxSet.MNIST);
        fetcher.fetch(dir, missing(IdxSet.MNIST, dir), "Mnist.load");
        return load(IdxSet.MNIST, dir);
    }

    /** MNIST from a folder holding the four files (raw or .gz), verified; nothing is fetched. */
    public static Mnist load(Path dir) {
        return load(IdxSet.MNIST, given(dir, "Mnist.load", "Mnist.load()"));
    }

    /**
     * Fashion-MNIST from {@code $SHAPEPROP_DATA/fashion-mnist} (or the user cache) or, when not there, from
     * {@code /usr/share/datasets/fashion-mnist} where Debian's {@code dataset-fashion-mnist} installs it.
     */
    public static Mnist fashion() {
        Path cache = DataHome.of(IdxSet.FASHION_MNIST);
        if (missing(IdxSet.FASHION_MNIST, cache).isEmpty()) {
            return load(IdxSet.FASHION_MNIST, cache);
        }
        if (missing(IdxSet.FASHION_MNIST, FASHION_DEBIAN).isEmpty()) {
            return load(IdxSet.FASHION_MNIST, FASHION_DEBIAN);
        }
        throw new DataFileException(cache, "does not hold Fashion-MNIST, and neither does " + FASHION_DEBIAN + ".",
                "Install it with `apt-get install " + FASHION_PACKAGE + "` (Debian, Ubuntu), or copy its four files"
                        + " (train-images-idx3-ubyte.gz, …) from " + FASHION_SOURCE + " into " + cache + ".");
    }

    /** Fashion-MNIST from a folder holding its four files (raw or .gz), verified. */
    public static Mnist fashion(Path dir) {
        return load(IdxSet.FASHION_MNIST, given(dir, "Mnist.fashion", "Mnist.fashion()"));
    }

    /** {@code dir}, or a NullPointerException that says what to pass or call instead. */
    private static Path given(Path dir, String operation, String fromCache) {
        if (dir == null) {
            throw new NullPointerException(operation + ": dir is null; pass the folder of the four IDX files, e.g."
                    + " Path.of(\"data/mnist\"), or call " + fromCache + " to use the cache.");
        }
        return dir;
    }

    /**
     * Makes sure the cache holds verified MNIST files, fetching missing ones with {@code fetcher} (e.g.
     * {@link Fetcher#standard}) and replacing damaged ones, and returns the folder. Used by
     * {@code shapeprop fetch mnist} in setup scripts, which keeps the fetcher to {@link Fetcher#abandon} on Ctrl-C.
     */
    public static Path fetch(Fetcher fetcher) {
        Path dir = DataHome.of(IdxSet.MNIST);
        fetch(IdxSet.MNIST, dir, fetcher, fetcher::say);
        return dir;
    }

    /**
     * Fetches into {@code dir} every file of {@code set} that has no verified copy there (raw or .gz). A copy that
     * fails verification beside a verified one is removed; one without is replaced by the fetch.
     */
    static void fetch(IdxSet set, Path dir, Fetcher fetcher, Consumer<String> log) {
        List<KnownFile> wanted = new ArrayList<>();
        for (KnownFile file : set.files()) {
            List<DataFileException> bad = new ArrayList<>();
            Path good = null;
            for (Path copy : copies(dir, file)) {
                try {
                    file.verify(copy, Idx.read(copy));
                    good = copy;
                    break;
                } catch (DataFileException e) {
                    bad.add(e);
                }
            }
            if (good == null) {
                if (!bad.isEmpty()) {
                    log.accept("Replacing " + firstLine(bad.get(0)));
                }
                wanted.add(file);
                continue;
            }
            for (DataFileException e : bad) {
                // loading would skip it for the good copy, but read and hash it again every time
                log.accept("Removing " + firstLine(e) + " The verified " + good.getFileName() + " beside it stays.");
                try {
                    Files.deleteIfExists(e.file());
                } catch (java.io.IOException notRemoved) {
                    log.accept("  could not remove it (" + notRemoved + "); loading uses the verified copy anyway.");
                }
            }
        }
        fetcher.fetch(dir, wanted, "Mnist.fetch");
    }

    private static String firstLine(DataFileException e) {
        return e.getMessage().lines().findFirst().orElse("");
    }

    /** The collection's four files from {@code dir}, each verified against its known SHA-256. */
    static Mnist load(IdxSet set, Path dir) {
        if (Files.isDirectory(dir) && !(Files.isReadable(dir) && Files.isExecutable(dir))) {
            // an unreadable folder would otherwise look empty
            throw new DataFileException(dir, "cannot be read (permission denied), so the " + set.title()
                    + " files in it cannot be found.", "Give yourself read access (chmod u+rx " + dir + "), or set "
                    + DataHome.VARIABLE + " to a directory of yours.");
        }
        List<KnownFile> absent = missing(set, dir);
        if (!absent.isEmpty()) {
            String fix = set == IdxSet.MNIST ? Fetcher.ways(dir)
                    : set == IdxSet.FASHION_MNIST ? "Copy the four files (raw or .gz) of Fashion-MNIST there, or install"
                    + " them with `apt-get install " + FASHION_PACKAGE + "` and call Mnist.fashion()."
                    : "Copy the four files (raw or .gz) of " + set.title() + " there.";
            throw new DataFileException(dir, "has no " + absent.get(0).name() + " (nor " + absent.get(0).name()
                    + ".gz); " + absent.size() + " of the 4 " + set.title() + " files are missing.", fix);
        }
        try {
            return read(set, dir);
        } catch (DataFileException e) {
            IdxSet other = otherCollection(set, dir);
            if (other != null) {
                // a mix-up of folders, not a damaged file: deleting the files would be the wrong fix
                throw new DataFileException(dir, "holds " + other.title() + ", not " + set.title() + ": the SHA-256 of"
                        + " all four files say so.", "Load " + other.title() + " from it with " + loader(other, dir)
                        + "; " + set.title() + " itself comes with " + loader(set, null) + ".", e);
            }
            if (set != IdxSet.FASHION_MNIST || !e.fix().contains(Idx.REFETCH)) {
                throw e;
            }
            // bin/shapeprop fetch mnist cannot repair Fashion-MNIST
            throw e.withFix(e.fix().replace(Idx.REFETCH, fashionRepair(dir, e.file())));
        }
    }

    /** The other known collection whose four files {@code dir} holds, all verified; null when there is none. */
    private static IdxSet otherCollection(IdxSet set, Path dir) {
        for (IdxSet other : IdxSet.KNOWN) {
            if (other.equals(set) || !missing(other, dir).isEmpty()) {
                continue;
            }
            try {
                for (KnownFile file : other.files()) {
                    verified(dir, file);
                }
                return other;
            } catch (DataFileException notAllOfIt) {
                // some file is not the other collection's either: the damage is this collection's
            }
        }
        return null;
    }

    /**
     * The call that loads a collection from {@code dir}, or, for a null dir, from where it is found by default:
     * {@code Mnist.fashion(Path.of("…"))}, {@code Mnist.load()} (train mnist).
     */
    private static String loader(IdxSet set, Path dir) {
        String method = set == IdxSet.FASHION_MNIST ? "fashion" : "load";
        String command = set == IdxSet.FASHION_MNIST ? "train fashion-mnist" : "train mnist";
        if (dir != null) {
            return "Mnist." + method + "(Path.of(\"" + dir.toAbsolutePath().normalize() + "\"))";
        }
        return "Mnist." + method + "() (shapeprop " + command + "), from " + DataHome.of(set)
                + (set == IdxSet.FASHION_MNIST ? " or " + FASHION_DEBIAN + " (apt-get install " + FASHION_PACKAGE + ")"
                : ", where it is fetched on first use");
    }

    /**
     * How to repair a damaged Fashion-MNIST file: in Debian's folder, reinstall the package; anywhere else (the
     * data cache) the file is a copy, so delete it and copy the original there again.
     */
    static String fashionRepair(Path dir, Path file) {
        Path folder = dir.toAbsolutePath().normalize();
        if (folder.equals(FASHION_DEBIAN)) {
            return "Reinstall Fashion-MNIST (apt-get install --reinstall " + FASHION_PACKAGE + "), or copy the original"
                    + " file from " + FASHION_SOURCE + " there.";
        }
        String name = file.getFileName().toString();
        String gz = name.endsWith(".gz") ? name : name + ".gz";
        return "Delete it (rm " + folder.resolve(name) + ") and copy the original there again: cp "
                + FASHION_DEBIAN.resolve(gz) + " " + folder + "/ (apt-get install " + FASHION_PACKAGE + " puts it there),"
                + " or download " + gz + " from " + FASHION_SOURCE + ".";
    }

    private static Mnist read(IdxSet set, Path dir) {
        // all four verified before any is converted, so a bad test file fails in a second, not after 376 MB
        Copy trainImages = verified(dir, set.trainImages());
        Copy trainLabels = verified(dir, set.trainLabels());
        Copy testImages = verified(dir, set.testImages());
        Copy testLabels = verified(dir, set.testLabels());
        String name = set.folder();
        return new Mnist(set,
                Idx.dataset(name + " train", trainImages.path(), trainImages.contents(), trainLabels.path(),
                        trainLabels.contents()),
                Idx.dataset(name + " test", testImages.path(), testImages.contents(), testLabels.path(),
                        testLabels.contents()));
    }

    /** A file's uncompressed contents and where they came from. */
    private record Copy(Path path, byte[] contents) {
    }

    /**
     * The first copy of {@code file} in {@code dir} that verifies, raw before .gz (a damaged raw file does not
     * hide a good .gz beside it); when none does, the first copy's error.
     */
    private static Copy verified(Path dir, KnownFile file) {
        List<Path> copies = copies(dir, file);
        DataFileException first = null;
        for (Path path : copies.isEmpty() ? List.of(dir.resolve(file.name())) : copies) {
            try {
                byte[] contents = Idx.read(path);
                file.verify(path, contents);
                return new Copy(path, contents);
            } catch (DataFileException e) {
                first = first == null ? e : first;
            }
        }
        throw first;
    }

    /** The files of the collection that {@code dir} holds neither raw nor gzipped. */
    static List<KnownFile> missing(IdxSet set, Path dir) {
        List<KnownFile> out = new ArrayList<>();
        for (KnownFile file : set.files()) {
            if (find(dir, file) == null) {
                out.add(file);
            }
        }
        return out;
    }

    /** {@code dir/name} if it exists, else {@code dir/name.gz}, else null. */
    static Path find(Path dir, KnownFile file) {
        List<Path> copies = copies(dir, file);
        return copies.isEmpty() ? null : copies.get(0);
    }

    /** The copies of the file in {@code dir}: {@code name}, then {@code name.gz}, those that exist. */
    static List<Path> copies(Path dir, KnownFile file) {
        List<Path> out = new ArrayList<>(2);
        for (Path copy : List.of(dir.resolve(file.name()), dir.resolve(file.name() + ".gz"))) {
            if (Files.isRegularFile(copy)) {
                out.add(copy);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return set.title() + ": " + train + "; " + test;
    }
}
