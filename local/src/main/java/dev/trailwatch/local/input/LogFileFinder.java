package dev.trailwatch.local.input;

import dev.trailwatch.core.read.LogObjectNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Expands the PATH arguments into the files of a run: files as given, folders searched recursively (the layout
 * of a trail bucket), each file once, in sorted order. Whether a file is read or skipped is decided by its name
 * and place alone ({@link LogObjectNames#skipReason}); nothing is opened here.
 */
public final class LogFileFinder {

    /** One file of the run. {@code name} is the path as found from the PATH given, for reports. */
    public record Candidate(int index, String name, Path file, String skipReason) {
        public boolean skipped() {
            return skipReason != null;
        }

        /** The path kept on each stored item ({@code sourceObject}): absolute, so that it means the same later. */
        public String sourceObject() {
            return file.toAbsolutePath().normalize().toString();
        }
    }

    /** A PATH that cannot be used: a usage error. */
    public static final class BadPathException extends Exception {
        BadPathException(String message) {
            super(message);
        }
    }

    private LogFileFinder() {
    }

    /**
     * @param paths the PATH arguments
     * @param excluded a folder whose files are never candidates (the --out folder), or null
     */
    public static List<Candidate> find(List<Path> paths, Path excluded) throws BadPathException {
        Path excludedReal = realOrNull(excluded);
        List<Path> found = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new BadPathException("PATH " + path + " does not exist");
            }
            if (Files.isDirectory(path)) {
                if (!Files.isReadable(path)) {
                    throw new BadPathException("PATH " + path + " is a folder that cannot be read (permission denied)");
                }
                found.addAll(walk(path, excludedReal));
            } else if (Files.isRegularFile(path)) {
                found.add(path);
            } else {
                throw new BadPathException("PATH " + path + " is neither a file nor a folder");
            }
        }
        // Each file once, even when PATHs overlap or name the same file twice; then one stable order.
        Set<Path> seen = new HashSet<>();
        List<Path> unique = new ArrayList<>();
        for (Path p : found) {
            if (seen.add(identity(p))) {
                unique.add(p);
            }
        }
        unique.sort(Comparator.comparing(LogFileFinder::displayName));
        List<Candidate> candidates = new ArrayList<>(unique.size());
        for (Path p : unique) {
            String name = displayName(p);
            Optional<String> skip = LogObjectNames.skipReason(name);
            candidates.add(new Candidate(candidates.size(), name, p, skip.orElse(null)));
        }
        return candidates;
    }

    /**
     * The PATHs under which no file is read: none found, or only files skipped by name and place (a folder of
     * digest files holds no log file). A file reached through several PATHs counts for each.
     */
    public static List<Path> withoutLogFiles(List<Path> paths, List<Candidate> candidates) {
        List<Path> read = candidates.stream().filter(c -> !c.skipped()).map(c -> identity(c.file())).toList();
        List<Path> empty = new ArrayList<>();
        for (Path path : paths) {
            Path root = identity(path);
            if (read.stream().noneMatch(file -> file.startsWith(root)) && !empty.contains(path)) {
                empty.add(path);
            }
        }
        return empty;
    }

    private static List<Path> walk(Path root, Path excludedReal) throws BadPathException {
        List<Path> files = new ArrayList<>();
        // Symbolic links to folders are not followed (no cycles); links to files are read like files.
        try (Stream<Path> stream = Files.walk(root)) {
            // Files, and links to files that are gone (they fail when read, rather than vanish from the count).
            stream.filter(p -> Files.isRegularFile(p) || Files.isSymbolicLink(p) && !Files.exists(p))
                    .filter(p -> excludedReal == null || !identity(p).startsWith(excludedReal))
                    .forEach(files::add);
        } catch (UncheckedIOException e) {
            throw new BadPathException("PATH " + root + " cannot be searched: " + describe(e.getCause()));
        } catch (IOException e) {
            throw new BadPathException("PATH " + root + " cannot be searched: " + describe(e));
        }
        return files;
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return e.getMessage() + ": permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return e.getMessage() + " disappeared";
        }
        return e.toString();
    }

    /** The path as the user would recognise it, with '/' separators whatever the platform. */
    public static String displayName(Path p) {
        return p.normalize().toString().replace('\\', '/');
    }

    private static Path identity(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static Path realOrNull(Path p) {
        if (p == null || !Files.exists(p)) {
            return null;
        }
        return identity(p);
    }
}
