package dev.amfa.reload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

/**
 * Watches directory trees (recursively, including sub-directories created later) and calls back once per
 * burst of changes: the callback runs when no further change has been seen for {@code quietPeriod}, and at the
 * latest {@code quietPeriod * 10} after the burst's first change, so a file touched non-stop cannot starve reloads.
 *
 * <p>A root that is missing (or not a directory) when the watcher is built is skipped with a WARN, not an error,
 * and is not picked up if it appears later: the {@code policies/} folder is optional. Watch its parent instead
 * if it may be created at run time.
 *
 * <p>The callback gets the absolute, normalised paths changed in the burst; a rename over a file or a
 * delete-then-create reports the final name. Editor noise (swap, backup, temp and probe files) is never reported,
 * and a burst made only of noise calls nothing. On an event-queue overflow the roots themselves are reported.
 * The callback runs on the watcher's own daemon thread "amfa-watcher", so hand long work off; an exception it
 * throws is logged and the watcher carries on.
 */
public final class DirectoryWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);
    private static final int MAX_BURST_IN_QUIET_PERIODS = 10;
    /** Bounds how long close() waits for a callback that is still running. */
    private static final long CLOSE_JOIN_MILLIS = 2_000;

    private final List<Path> roots;
    private final long quietNanos;
    private final Consumer<Set<Path>> onChange;
    private final WatchService watchService;
    /** Our own key -> directory map, because after a directory rename inotify hands back the old key and its stale watchable(). */
    private final Map<WatchKey, Path> directories = new HashMap<>();
    private final Thread thread = new Thread(this::run, "amfa-watcher");
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong bursts = new AtomicLong();

    public DirectoryWatcher(List<Path> roots, Duration quietPeriod, Consumer<Set<Path>> onChange) throws IOException {
        if (quietPeriod.isNegative() || quietPeriod.isZero()) {
            throw new IllegalArgumentException("quietPeriod must be positive: " + quietPeriod);
        }
        this.quietNanos = quietPeriod.toNanos();
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.watchService = FileSystems.getDefault().newWatchService();
        List<Path> watched = new ArrayList<>();
        try {
            for (Path root : roots) {
                Path dir = root.toAbsolutePath().normalize();
                if (!Files.isDirectory(dir)) {
                    LOG.warn("Not watching {}: no such directory", dir);
                    continue;
                }
                registerTree(dir, null);
                watched.add(dir);
            }
        } catch (IOException | RuntimeException e) {
            watchService.close();
            throw e;
        }
        this.roots = List.copyOf(watched);
        thread.setDaemon(true);
    }

    /** Starts the watcher thread; a watcher can be started once. */
    public void start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("DirectoryWatcher already started or closed");
        }
        LOG.info("Watching {} directories under {}", directories.size(), roots);
        thread.start();
    }

    /** Stops watching; a callback already running is allowed to finish (waited for up to 2 s). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            watchService.close(); // wakes the thread out of take()/poll() with ClosedWatchServiceException
        } catch (IOException e) {
            LOG.warn("Closing the watch service failed", e);
        }
        if (started.get() && Thread.currentThread() != thread) {
            try {
                thread.join(CLOSE_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many times onChange has been called (counted as the call starts). */
    public long bursts() {
        return bursts.get();
    }

    private void run() {
        Set<Path> burst = new LinkedHashSet<>();
        long quietUntil = 0;
        long deliverBy = 0;
        try {
            while (!closed.get()) {
                WatchKey key;
                if (burst.isEmpty()) {
                    key = watchService.take();
                } else {
                    long wait = Math.min(quietUntil, deliverBy) - System.nanoTime();
                    if (wait <= 0) {
                        deliver(burst);
                        burst = new LinkedHashSet<>();
                        continue;
                    }
                    key = watchService.poll(wait, TimeUnit.NANOSECONDS);
                    if (key == null) continue;
                }
                boolean wasEmpty = burst.isEmpty();
                collect(key, burst);
                // Any event, noise included, means the editor is still busy: push the quiet deadline.
                long now = System.nanoTime();
                quietUntil = now + quietNanos;
                if (wasEmpty) deliverBy = now + quietNanos * MAX_BURST_IN_QUIET_PERIODS;
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // close() was called
        } catch (RuntimeException e) {
            LOG.error("Directory watcher stopped: hot reload is off until restart", e);
        }
    }

    private void collect(WatchKey key, Set<Path> burst) {
        Path dir = directories.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                // Events were lost, maybe new directories too: report everything, and re-register once per burst.
                if (burst.addAll(roots)) {
                    LOG.warn("File event queue overflowed; reporting the roots as changed");
                    roots.forEach(root -> registerQuietly(root, null));
                }
                continue;
            }
            if (dir == null) continue;
            Path path = dir.resolve((Path) event.context());
            boolean isDirectory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
            if (event.kind() == ENTRY_CREATE && isDirectory) {
                // Files may have landed (or the directory been moved in whole) before we registered: report them.
                registerQuietly(path, burst);
            } else if (event.kind() == ENTRY_MODIFY && isDirectory) {
                continue; // a sub-directory's own metadata; its contents report themselves
            }
            if (!isNoise(path)) burst.add(path);
        }
        if (!key.reset()) directories.remove(key); // the directory is gone
    }

    private void deliver(Set<Path> burst) {
        if (closed.get()) return;
        bursts.incrementAndGet(); // before the call, so whatever the callback records is already counted
        try {
            onChange.accept(Collections.unmodifiableSet(burst));
        } catch (RuntimeException e) {
            LOG.error("Change callback failed for {}", burst, e);
        }
    }

    private void registerQuietly(Path top, Set<Path> found) {
        try {
            registerTree(top, found);
        } catch (IOException e) {
            LOG.warn("Cannot watch {}; changes under it will be missed", top, e);
        }
    }

    /** Registers top and every directory below it, adding the files found to {@code found} when it is not null. */
    private void registerTree(Path top, Set<Path> found) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                try {
                    directories.put(dir.register(watchService, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), dir);
                } catch (NoSuchFileException e) {
                    return FileVisitResult.SKIP_SUBTREE; // deleted while we walked: its parent reports that
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (found != null && !isNoise(file)) found.add(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // vanished between listing and visiting
            }
        });
    }

    /** Editor by-products that are not content: backups, vim swap files and its "4913" probe, temp and lock files. */
    private static boolean isNoise(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".swx") || name.endsWith(".tmp")
                || name.startsWith(".#") || name.equals("4913");
    }
}
