package dev.amfa.reload;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real files and the real WatchService; waits are generous because the build machine may be loaded. */
class DirectoryWatcherTest {
    private static final Duration QUIET = Duration.ofMillis(200);
    private static final long CALLBACK_WAIT_MILLIS = 5_000;

    @TempDir
    Path tmp;

    private final BlockingQueue<Set<Path>> calls = new LinkedBlockingQueue<>();
    private final List<DirectoryWatcher> watchers = new ArrayList<>();

    @AfterEach
    void closeWatchers() {
        watchers.forEach(DirectoryWatcher::close);
    }

    @Test
    void fiveFilesSavedTogetherMakeOneCallback() throws Exception {
        Path rules = dir("rules");
        // A longer quiet period so that a stall of the loaded machine between two writes cannot split the burst.
        DirectoryWatcher watcher = watch(Duration.ofMillis(500), calls::add, rules);
        Set<Path> written = new HashSet<>();
        for (int i = 0; i < 5; i++) written.add(write(rules.resolve("r" + i + ".drl"), "rule " + i));

        assertEquals(written, nextCall());
        assertNoCallWithin(Duration.ofSeconds(1));
        assertEquals(1, watcher.bursts());
    }

    @Test
    void editsFurtherApartThanTheQuietPeriodMakeTwoCallbacks() throws Exception {
        Path rules = dir("rules");
        DirectoryWatcher watcher = watch(QUIET, calls::add, rules);

        Path a = write(rules.resolve("a.drl"), "a");
        assertEquals(Set.of(a), nextCall());
        Path b = write(rules.resolve("b.drl"), "b");
        assertEquals(Set.of(b), nextCall());
        assertEquals(2, watcher.bursts());
    }

    @Test
    void directoryCreatedAfterStartIsWatched() throws Exception {
        Path policies = dir("policies");
        watch(QUIET, calls::add, policies);

        Path org = Files.createDirectories(policies.resolve("acme/tests"));
        Path policy = write(policies.resolve("acme/policy.json"), "{}");
        Path test = write(org.resolve("t1.json"), "{}");
        awaitCallsIncluding(policy, test);

        settle();
        write(test, "{\"changed\":true}");
        awaitCallsIncluding(test);
    }

    @Test
    void directoryMovedInReportsTheFilesAlreadyInside() throws Exception {
        Path policies = dir("policies");
        Path staged = Files.createDirectories(tmp.resolve("staging/globex"));
        write(staged.resolve("globex.drl"), "rule");
        watch(QUIET, calls::add, policies);

        Files.move(staged, policies.resolve("globex"));
        Path moved = policies.resolve("globex/globex.drl");
        awaitCallsIncluding(moved);

        settle();
        write(moved, "rule changed");
        awaitCallsIncluding(moved);
    }

    @Test
    void safeWriteRenameOverCountsAsAChangeOfTheTarget() throws Exception {
        Path rules = dir("rules");
        Path target = write(rules.resolve("x.drl"), "old");
        watch(QUIET, calls::add, rules);

        Path temp = write(rules.resolve("x.drl.tmp"), "new");
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        Set<Path> changed = nextCall();
        assertTrue(changed.contains(target), changed::toString);
        assertFalse(changed.contains(temp), "the temp file is noise: " + changed);
    }

    @Test
    void deletionIsAChange() throws Exception {
        Path rules = dir("rules");
        Path doomed = write(rules.resolve("old.drl"), "rule");
        watch(QUIET, calls::add, rules);

        Files.delete(doomed);
        assertEquals(Set.of(doomed), nextCall());
    }

    @Test
    void editorNoiseAloneTriggersNothing() throws Exception {
        Path rules = dir("rules");
        DirectoryWatcher watcher = watch(QUIET, calls::add, rules);

        for (String name : List.of(".x.drl.swp", ".x.drl.swx", "4913", "x.drl~", ".#x.drl", "x.drl.tmp")) {
            Files.delete(write(rules.resolve(name), "noise"));
        }
        write(rules.resolve(".x.drl.swp"), "swap that stays");

        assertNoCallWithin(Duration.ofSeconds(1));
        assertEquals(0, watcher.bursts());
    }

    @Test
    void missingRootIsSkippedAndTheOthersAreStillWatched() throws Exception {
        Path rules = dir("rules");
        watch(QUIET, calls::add, tmp.resolve("policies"), rules);

        Path rule = write(rules.resolve("a.drl"), "rule");
        assertEquals(Set.of(rule), nextCall());
    }

    @Test
    void aThrowingCallbackDoesNotStopLaterCallbacks() throws Exception {
        Path rules = dir("rules");
        DirectoryWatcher watcher = watch(QUIET, paths -> {
            calls.add(paths);
            throw new IllegalStateException("reload failed (expected by the test)");
        }, rules);

        Path a = write(rules.resolve("a.drl"), "a");
        assertEquals(Set.of(a), nextCall());
        Path b = write(rules.resolve("b.drl"), "b");
        assertEquals(Set.of(b), nextCall());
        assertEquals(2, watcher.bursts());
    }

    @Test
    void aFileTouchedNonStopIsStillReportedWhileTheTouchingGoesOn() throws Exception {
        Path rules = dir("rules");
        Path busy = write(rules.resolve("busy.drl"), "0");
        watch(QUIET, calls::add, rules);

        // Touches every 50 ms, well inside the 200 ms quiet period: only the 2 s cap can deliver the burst.
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        for (int i = 1; calls.isEmpty() && System.nanoTime() < giveUpAt; i++) {
            write(busy, String.valueOf(i));
            Thread.sleep(50);
        }
        Set<Path> changed = calls.poll();
        assertNotNull(changed, "no callback while the file kept changing");
        assertEquals(Set.of(busy), changed);
    }

    @Test
    void closeStopsCallbacksAndIsIdempotent() throws Exception {
        Path rules = dir("rules");
        DirectoryWatcher watcher = watch(QUIET, calls::add, rules);
        Path a = write(rules.resolve("a.drl"), "a");
        assertEquals(Set.of(a), nextCall());

        watcher.close();
        assertFalse(watcherThreadAlive(), "close() should stop the amfa-watcher thread");
        write(rules.resolve("b.drl"), "b");
        assertNoCallWithin(Duration.ofSeconds(1));
        watcher.close();
        assertEquals(1, watcher.bursts());
    }

    private DirectoryWatcher watch(Duration quiet, Consumer<Set<Path>> onChange, Path... roots) throws IOException {
        DirectoryWatcher watcher = new DirectoryWatcher(List.of(roots), quiet, onChange);
        watchers.add(watcher);
        watcher.start();
        return watcher;
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name)).toAbsolutePath().normalize();
    }

    private static Path write(Path file, String content) throws IOException {
        return Files.writeString(file, content);
    }

    private Set<Path> nextCall() throws InterruptedException {
        Set<Path> changed = calls.poll(CALLBACK_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertNotNull(changed, "no callback within " + CALLBACK_WAIT_MILLIS + " ms");
        return changed;
    }

    /** Collects callbacks until all expected paths were reported; a stall may split them over two bursts. */
    private void awaitCallsIncluding(Path... expected) throws InterruptedException {
        Set<Path> seen = new HashSet<>();
        long giveUpAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CALLBACK_WAIT_MILLIS);
        while (!seen.containsAll(List.of(expected))) {
            Set<Path> changed = calls.poll(giveUpAt - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertNotNull(changed, "expected " + List.of(expected) + " but only saw " + seen);
            seen.addAll(changed);
        }
    }

    /** Lets straggling bursts of the previous step arrive, then forgets them. */
    private void settle() throws InterruptedException {
        Thread.sleep(QUIET.toMillis() * 3);
        calls.clear();
    }

    private void assertNoCallWithin(Duration wait) throws InterruptedException {
        Set<Path> changed = calls.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        assertNull(changed, () -> "unexpected callback: " + changed);
    }

    private static boolean watcherThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("amfa-watcher") && t.isAlive());
    }
}
