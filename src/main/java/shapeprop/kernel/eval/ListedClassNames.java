package shapeprop.kernel.eval;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * JShell's compiler's file manager, answering "which class is in this file?" for the class files it has just
 * listed from what the listing already says: a file listed in package {@code java.util} named
 * {@code HashMap.class} holds {@code java.util.HashMap}.
 *
 * <p>Why: javac asks that question for every file of every package a notebook imports, thousands of times at
 * start-up. On JDK 17 the standard file manager first checks that the location is not a module-oriented one
 * with {@code getName().matches("\\bMODULE\\b")}, compiling that regular expression at every call: measured
 * with the JDK's own check patched to compile it once, the kernel's start-up needed an eighth less CPU. Files
 * this class did not list, and files whose name does not fit the listing, get the standard answer.
 */
final class ListedClassNames extends ForwardingJavaFileManager<StandardJavaFileManager>
        implements StandardJavaFileManager {

    // Weak keys: javac keeps a file object as long as the class symbol read from it, no longer.
    private final Map<JavaFileObject, String> classNames = Collections.synchronizedMap(new WeakHashMap<>());

    ListedClassNames(StandardJavaFileManager standard) {
        super(standard);
    }

    @Override
    public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
                                         boolean recurse) throws IOException {
        Iterable<JavaFileObject> files = fileManager.list(location, packageName, kinds, recurse);
        if (recurse) {
            return files; // files of sub-packages too: their package is not packageName
        }
        List<JavaFileObject> listed = new ArrayList<>();
        for (JavaFileObject file : files) {
            listed.add(file);
            String simpleName = simpleName(file);
            if (simpleName != null) {
                classNames.put(file, packageName.isEmpty() ? simpleName : packageName + "." + simpleName);
            }
        }
        return listed;
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
        String known = classNames.get(file);
        return known != null ? known : fileManager.inferBinaryName(location, file);
    }

    /**
     * {@code HashMap} for {@code …/java/util/HashMap.class} (also inside a jar, {@code x.jar(/java/util/HashMap.class)}),
     * confirmed by the file object itself; null if the name does not have that form.
     */
    static String simpleName(JavaFileObject file) {
        String name = file.getName();
        int end = name.endsWith(")") ? name.length() - 1 : name.length();
        String extension = file.getKind().extension;
        if (extension.isEmpty() || !name.startsWith(extension, end - extension.length())) {
            return null;
        }
        int start = Math.max(name.lastIndexOf('/', end - 1), name.lastIndexOf(File.separatorChar, end - 1)) + 1;
        String simpleName = name.substring(start, end - extension.length());
        return !simpleName.isEmpty() && file.isNameCompatible(simpleName, file.getKind()) ? simpleName : null;
    }

    // The rest of StandardJavaFileManager, passed on unchanged (its default methods too, which would
    // otherwise not reach the standard file manager's own versions).

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        return fileManager.isSameFile(a, b);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return fileManager.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
        return fileManager.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
        return fileManager.getJavaFileObjects(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(Path... paths) {
        return fileManager.getJavaFileObjects(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return fileManager.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
        return fileManager.getJavaFileObjects(names);
    }

    @Override
    public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
        fileManager.setLocation(location, files);
    }

    @Override
    public void setLocationFromPaths(Location location, Collection<? extends Path> paths) throws IOException {
        fileManager.setLocationFromPaths(location, paths);
    }

    @Override
    public void setLocationForModule(Location location, String moduleName, Collection<? extends Path> paths)
            throws IOException {
        fileManager.setLocationForModule(location, moduleName, paths);
    }

    @Override
    public Iterable<? extends File> getLocation(Location location) {
        return fileManager.getLocation(location);
    }

    @Override
    public Iterable<? extends Path> getLocationAsPaths(Location location) {
        return fileManager.getLocationAsPaths(location);
    }

    @Override
    public Path asPath(FileObject file) {
        return fileManager.asPath(file);
    }

    @Override
    public void setPathFactory(PathFactory factory) {
        fileManager.setPathFactory(factory);
    }

    @Override
    public String toString() {
        return "ListedClassNames[" + classNames.size() + " class files named from their listing]";
    }
}
