package dev.amfa.ip;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every deny and allow list of a directory, ready for per-login lookups:
 * {@code <dir>/deny/*} and {@code <dir>/allow/*}, files filtered by {@link IpListFile#isListFile} and read in
 * file-name order.
 *
 * <p>Where deny networks overlap the most specific one answers; where two lists hold the identical network the
 * list whose file name sorts first answers, so renaming a file is how an operator ranks lists.
 *
 * <p>Immutable once loaded and safe to share between threads; reloading means loading a new instance.
 */
public final class IpLists {
    static final String DENY_DIRECTORY = "deny";
    static final String ALLOW_DIRECTORY = "allow";

    private static final Logger LOG = LoggerFactory.getLogger(IpLists.class);
    private static final IpLists EMPTY = new IpLists(new IpPrefixTrie<>(), new IpPrefixTrie<>());

    private final IpPrefixTrie<Source> deny;
    private final IpPrefixTrie<Source> allow;

    /** Where a network came from; one instance per file, shared by all its networks. */
    private record Source(String list, String category) {}

    private IpLists(IpPrefixTrie<Source> deny, IpPrefixTrie<Source> allow) {
        this.deny = deny;
        this.allow = allow;
    }

    /**
     * Loads {@code dir}. A missing directory or subdirectory means no lists, not an error: a deployment
     * without lists simply denies and allows nothing.
     *
     * @throws IOException if a list cannot be read or declares an unknown category
     */
    public static IpLists load(Path dir) throws IOException {
        IpLists lists = new IpLists(
                loadTrie(dir.resolve(DENY_DIRECTORY), IpListFile.DEFAULT_DENY_CATEGORY),
                loadTrie(dir.resolve(ALLOW_DIRECTORY), IpListFile.ALLOW_CATEGORY));
        LOG.info("IP lists from {}: {} deny networks, {} allow networks", dir, lists.deniedNetworks(), lists.allowedNetworks());
        return lists;
    }

    /** Networks an org trusts (its policy's allow_networks), reported under the given list name. */
    public static IpLists allowOnly(String list, List<Cidr> networks) {
        if (networks.isEmpty()) return EMPTY;
        IpPrefixTrie<Source> allow = new IpPrefixTrie<>();
        Source source = new Source(list, IpListFile.ALLOW_CATEGORY);
        networks.forEach(network -> allow.putIfAbsent(network, source));
        return new IpLists(new IpPrefixTrie<>(), allow);
    }

    public static IpLists empty() {
        return EMPTY;
    }

    /** The most specific deny-list entry containing {@code ip}, if any. */
    public Optional<IpListMatch> denied(InetAddress ip) {
        return deny.longestMatch(ip).map(IpLists::toListMatch);
    }

    /** The most specific allow-list entry containing {@code ip}, if any. */
    public Optional<IpListMatch> allowed(InetAddress ip) {
        return allow.longestMatch(ip).map(IpLists::toListMatch);
    }

    /** Distinct deny networks: a network listed by several files counts once. */
    public int deniedNetworks() {
        return deny.size();
    }

    /** Distinct allow networks. */
    public int allowedNetworks() {
        return allow.size();
    }

    private static IpListMatch toListMatch(IpPrefixTrie.Match<Source> match) {
        return new IpListMatch(match.value().list(), match.network().toString(), match.value().category());
    }

    private static IpPrefixTrie<Source> loadTrie(Path directory, String defaultCategory) throws IOException {
        IpPrefixTrie<Source> trie = new IpPrefixTrie<>();
        for (Path file : listFiles(directory)) {
            IpListFile list = IpListFile.parse(file, defaultCategory);
            Source source = new Source(list.name(), list.category());
            // putIfAbsent: on an identical network the earlier file keeps it.
            list.networks().forEach(network -> trie.putIfAbsent(network, source));
            if (!list.skippedLines().isEmpty()) {
                LOG.warn("IP list {}: skipped {} lines that are not networks, first: {}",
                        file, list.skippedLines().size(), list.skippedLines().get(0));
            }
            LOG.debug("IP list {}: {} networks, category {}", file, list.networks().size(), list.category());
        }
        return trie;
    }

    private static List<Path> listFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            LOG.info("No IP list directory {}", directory);
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(IpListFile::isListFile)
                    .sorted(Comparator.comparing(file -> file.getFileName().toString()))
                    .toList();
        }
    }
}
