package dev.amfa.policy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The author's docs say what the code does: the reference tables list exactly the keys the code reads, and every link resolves. */
class AuthorDocsTest {
    private static final Path AUTHORING = Path.of("docs/policy-authoring.md");

    /** The backticked first column of each table in the section under {@code heading}, table by table. */
    private static List<List<String>> tables(Path page, String heading) throws Exception {
        List<String> lines = Files.readAllLines(page);
        int start = lines.indexOf(heading);
        assertTrue(start >= 0, page + " has no " + heading);
        List<List<String>> tables = new ArrayList<>();
        List<String> table = null;
        Pattern firstColumn = Pattern.compile("^\\| `([a-z_]+)`");
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) break;
            if (!line.startsWith("|")) {
                table = null;
                continue;
            }
            if (table == null) tables.add(table = new ArrayList<>());
            Matcher name = firstColumn.matcher(line);
            if (name.find()) table.add(name.group(1));
        }
        return tables;
    }

    @Test
    void thePolicyJsonReferenceListsExactlyTheSettingsTheCodeReads() throws Exception {
        assertEquals(OrgSettings.FIELDS, tables(AUTHORING, "## policy.json reference").get(0));
    }

    @Test
    void theTestCaseTablesListExactlyTheKeysTheRunnerReads() throws Exception {
        List<List<String>> tables = tables(AUTHORING, "## Test cases");
        assertEquals(CaseKeys.caseKeys(), tables.get(0));
        assertEquals(CaseKeys.EXPECT_KEYS, tables.get(1));
    }

    @Test
    void everyLinkOfTheDocsPointsIntoTheRepository() throws Exception {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("policies/README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
        for (Path page : pages) {
            String text = Files.readString(page);
            assertTrue(!text.contains("DESIGN.md"), page + " mentions DESIGN.md, which this repository does not have");
            Matcher m = link.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("[a-z]+://.*")) continue;
                assertTrue(Files.exists(page.getParent() == null ? Path.of(target) : page.getParent().resolve(target)),
                        page + " links to " + target + ", which is not in the repository");
            }
        }
    }

    @Test
    void noCommentOfThePolicyCodeCitesAFileTheRepositoryDoesNotHave() throws Exception {
        for (String dir : List.of("policies", "rules", "src/main/java/dev/amfa/policy", "src/main/java/dev/amfa/engine",
                "src/main/java/dev/amfa/facts", "src/main/java/dev/amfa/cli")) {
            try (Stream<Path> files = Files.walk(Path.of(dir))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertTrue(!Files.readString(file).contains("DESIGN.md"), file + " cites DESIGN.md");
                }
            }
        }
    }
}
