package dev.amfa.ip;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpListFileTest {

    @TempDir
    Path tempDir;

    @Test
    void fireholNetsetReadsCommentsBlanksAndOurHeaderButNotFireholsCategory() throws Exception {
        IpListFile list = IpListFile.parse(fixture("firehol_sample.netset"), IpListFile.DEFAULT_DENY_CATEGORY);
        assertEquals("firehol_sample", list.name());
        assertEquals("abuse", list.category());
        assertEquals(networks("1.35.32.95/32", "5.8.63.0/24", "14.4.0.0/14", "31.148.220.168/31", "2001:db8:bad::/48"),
                list.networks());
        assertEquals(List.of(), list.skippedLines());
    }

    @Test
    void spamhausDropTextTreatsSemicolonAsComment() throws Exception {
        IpListFile list = IpListFile.parse(fixture("spamhaus_drop.txt"), IpListFile.DEFAULT_DENY_CATEGORY);
        assertEquals("spamhaus_drop", list.name());
        assertEquals("reputation", list.category());
        assertEquals(networks("1.10.16.0/20", "1.19.0.0/16", "2.57.122.0/24"), list.networks());
        assertEquals(List.of(), list.skippedLines());
    }

    @Test
    void spamhausJsonLinesSkipMetadataSilentlyAndReportBadCidrs() throws Exception {
        IpListFile list = IpListFile.parse(fixture("drop_v4.json"), IpListFile.DEFAULT_DENY_CATEGORY);
        assertEquals("drop_v4", list.name());
        assertEquals(networks("1.10.16.0/20", "1.19.0.0/16"), list.networks());
        assertEquals(List.of("drop_v4.json:3: {\"cidr\":\"not-a-network\",\"sblid\":\"SBL000000\",\"rir\":\"ripe\"}"),
                list.skippedLines());
    }

    @Test
    void spamhausJsonLinesReadIpv6() throws Exception {
        IpListFile list = IpListFile.parse(fixture("drop_v6.json"), IpListFile.DEFAULT_DENY_CATEGORY);
        assertEquals(networks("2001:678:738::/48", "2a06:e480::/29"), list.networks());
        assertEquals(List.of(), list.skippedLines());
    }

    @Test
    void jsonLinesMayCarryACategoryHeaderAndBrokenLinesAreSkipped() throws Exception {
        Path file = write("extra.json", "# category: anonymizer\n{\"cidr\":\"192.0.2.0/24\"}\n{\"cidr\":\n[\"1.2.3.4\"]\n{\"cidr\":5}\n");
        IpListFile list = IpListFile.parse(file, IpListFile.DEFAULT_DENY_CATEGORY);
        assertEquals("anonymizer", list.category());
        assertEquals(networks("192.0.2.0/24"), list.networks());
        assertEquals(List.of("extra.json:3: {\"cidr\":", "extra.json:4: [\"1.2.3.4\"]", "extra.json:5: {\"cidr\":5}"),
                list.skippedLines());
    }

    @Test
    void invalidLinesAreSkippedAndReportedWithFileAndLine() throws Exception {
        IpListFile list = IpListFile.parse(fixture("messy.ipset"), IpListFile.DEFAULT_DENY_CATEGORY);
        assertEquals("datacenter", list.category());
        assertEquals(networks("203.0.113.7/32", "198.51.100.0/24"), list.networks());
        assertEquals(List.of(
                "messy.ipset:3: 1.2.3.4-1.2.3.9",
                "messy.ipset:4: evil.example.com",
                "messy.ipset:5: 10.1.2.3/8",
                "messy.ipset:6: 300.1.2.3"), list.skippedLines());
    }

    @Test
    void unknownCategoryIsAnErrorNamingFileAndLine() throws Exception {
        Path file = write("bad.netset", "#\n# my list\n# category: malware\n1.2.3.4\n");
        IOException e = assertThrows(IOException.class, () -> IpListFile.parse(file, IpListFile.DEFAULT_DENY_CATEGORY));
        assertTrue(e.getMessage().contains("bad.netset:3:"), e.getMessage());
        assertTrue(e.getMessage().contains("'malware'"), e.getMessage());
    }

    @Test
    void secondCategoryHeaderIsAnError() throws Exception {
        Path file = write("twice.netset", "# category: abuse\n# category: datacenter\n1.2.3.4\n");
        IOException e = assertThrows(IOException.class, () -> IpListFile.parse(file, IpListFile.DEFAULT_DENY_CATEGORY));
        assertTrue(e.getMessage().contains("twice.netset:2:"), e.getMessage());
    }

    @Test
    void everyDocumentedCategoryIsAccepted() throws Exception {
        for (String category : List.of("abuse", "anonymizer", "datacenter", "reputation", "unroutable")) {
            Path file = write(category + ".netset", "# category: " + category + "\n1.2.3.4\n");
            assertEquals(category, IpListFile.parse(file, IpListFile.DEFAULT_DENY_CATEGORY).category());
        }
    }

    @Test
    void defaultCategoryFollowsTheDirectory() throws Exception {
        Path allow = Files.createDirectories(tempDir.resolve("allow")).resolve("office.txt");
        Path deny = Files.createDirectories(tempDir.resolve("deny")).resolve("bad.txt");
        Files.writeString(allow, "192.0.2.0/24\n");
        Files.writeString(deny, "192.0.2.0/24\n");
        assertEquals("allow", IpListFile.parse(allow).category());
        assertEquals("reputation", IpListFile.parse(deny).category());
    }

    @Test
    void byteOrderMarkAndWindowsLineEndsAreTolerated() throws Exception {
        Path file = tempDir.resolve("windows.txt");
        Files.write(file, "\uFEFF# category: abuse\r\n192.0.2.1\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        IpListFile list = IpListFile.parse(file, IpListFile.DEFAULT_DENY_CATEGORY);
        assertEquals("abuse", list.category());
        assertEquals(networks("192.0.2.1/32"), list.networks());
    }

    @ParameterizedTest
    @CsvSource({
            "a.txt, true", "a.netset, true", "a.ipset, true", "a.cidr, true", "drop_v4.json, true", "edrop.drop, true",
            "A.NETSET, true", "README, false", "a.netset.bak, false", "a.csv, false", "netset, false",
    })
    void onlyListExtensionsAreListFiles(String fileName, boolean listFile) {
        assertEquals(listFile, IpListFile.isListFile(Path.of(fileName)));
    }

    private Path write(String fileName, String content) throws IOException {
        return Files.writeString(tempDir.resolve(fileName), content);
    }

    private static Path fixture(String fileName) throws URISyntaxException {
        return Path.of(IpListFileTest.class.getResource("/ip/formats/" + fileName).toURI());
    }

    private static List<Cidr> networks(String... cidrs) {
        return Arrays.stream(cidrs).map(Cidr::parse).toList();
    }
}
