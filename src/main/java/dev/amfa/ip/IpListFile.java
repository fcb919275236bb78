package dev.amfa.ip;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One list file parsed: its networks, category and the lines it could not read.
 *
 * <p>Text formats (FireHOL netset/ipset, Spamhaus DROP/EDROP, plain CIDR lists): one address or network per
 * line; {@code #} and {@code ;} start a comment, whole-line or trailing. A {@code .json} file is Spamhaus JSON
 * lines: one object per line, network in {@code "cidr"}; objects without it (the metadata line) are skipped.
 *
 * <p>The category comes from a {@code # category: <value>} line (or {@code ; category:} in Spamhaus style) in
 * the leading comment block, before the first network; later ones are plain comments. The key must be written
 * in lower case exactly so: FireHOL's own {@code # Category        : malware} metadata uses another vocabulary
 * and must not turn a downloaded file into an error.
 *
 * <p>A line that is not a valid network is skipped and reported, never fatal: a third-party list update must
 * not stop the service. An unknown category is fatal, because only an operator writes that header.
 */
public final class IpListFile {
    /** Category values a list may declare. */
    public static final Set<String> CATEGORIES = Set.of("abuse", "anonymizer", "datacenter", "reputation", "unroutable");
    /** Category of a deny list without a header. */
    public static final String DEFAULT_DENY_CATEGORY = "reputation";
    /** Category of an allow list without a header. */
    public static final String ALLOW_CATEGORY = "allow";

    private static final Set<String> EXTENSIONS = Set.of("txt", "netset", "ipset", "cidr", "json", "drop");
    private static final Pattern CATEGORY_HEADER = Pattern.compile("[#;]\\s*category:\\s*(.*?)\\s*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String category;
    private final List<Cidr> networks;
    private final List<String> skippedLines;

    private IpListFile(String name, String category, List<Cidr> networks, List<String> skippedLines) {
        this.name = name;
        this.category = category;
        this.networks = List.copyOf(networks);
        this.skippedLines = List.copyOf(skippedLines);
    }

    /** Parses a file whose default category follows its directory: {@code allow/} or else a deny list. */
    public static IpListFile parse(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        boolean allowList = directory != null && directory.getFileName() != null
                && directory.getFileName().toString().equals(IpLists.ALLOW_DIRECTORY);
        return parse(file, allowList ? ALLOW_CATEGORY : DEFAULT_DENY_CATEGORY);
    }

    /**
     * Parses a file; {@code defaultCategory} applies when it has no category header.
     *
     * @throws IOException if the file cannot be read or declares an unknown or second category
     */
    public static IpListFile parse(Path file, String defaultCategory) throws IOException {
        String fileName = file.getFileName().toString();
        boolean jsonLines = extensionOf(fileName).equals("json");
        String category = null;
        int categoryLine = 0;
        boolean inLeadingComments = true;
        List<Cidr> networks = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        // InputStreamReader replaces malformed bytes instead of throwing: a garbled line becomes a skipped line.
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String text = (number == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line).strip();
                if (text.isEmpty()) continue;
                if (isComment(text)) {
                    Matcher header = CATEGORY_HEADER.matcher(text);
                    if (inLeadingComments && header.matches()) {
                        if (category != null) {
                            throw new IOException(file + ":" + number + ": second category header (first on line " + categoryLine + ")");
                        }
                        category = checkedCategory(header.group(1), file, number);
                        categoryLine = number;
                    }
                    continue;
                }
                inLeadingComments = false;
                try {
                    String network = jsonLines ? cidrOfJsonLine(text) : withoutComment(text);
                    if (network != null) networks.add(Cidr.parse(network));
                } catch (IllegalArgumentException e) {
                    skipped.add(fileName + ":" + number + ": " + text);
                }
            }
        }
        return new IpListFile(nameOf(fileName), category == null ? defaultCategory : category, networks, skipped);
    }

    /** Whether the loader reads this file: by extension, so READMEs and editor backups sit safely beside lists. */
    public static boolean isListFile(Path file) {
        return EXTENSIONS.contains(extensionOf(file.getFileName().toString()));
    }

    /** The file name without its extension: {@code drop_v4.json} is list {@code drop_v4}. */
    public String name() {
        return name;
    }

    public String category() {
        return category;
    }

    public List<Cidr> networks() {
        return networks;
    }

    /** Each unreadable line as {@code file:line: text}. */
    public List<String> skippedLines() {
        return skippedLines;
    }

    private static boolean isComment(String text) {
        return text.charAt(0) == '#' || text.charAt(0) == ';';
    }

    /** Text before a trailing comment: {@code 1.10.16.0/20 ; SBL256894} is {@code 1.10.16.0/20}. */
    private static String withoutComment(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '#' || text.charAt(i) == ';') return text.substring(0, i).strip();
        }
        return text;
    }

    /** The "cidr" field, or null for an object without one (Spamhaus' trailing metadata line). */
    private static String cidrOfJsonLine(String text) {
        JsonNode object;
        try {
            object = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
        if (object == null || !object.isObject()) throw new IllegalArgumentException("not a JSON object");
        JsonNode cidr = object.get("cidr");
        if (cidr == null) return null;
        if (!cidr.isTextual()) throw new IllegalArgumentException("\"cidr\" is not a string");
        return cidr.textValue();
    }

    private static String checkedCategory(String value, Path file, int line) throws IOException {
        if (!CATEGORIES.contains(value)) {
            throw new IOException(file + ":" + line + ": unknown category '" + value + "' (expected one of "
                    + String.join(", ", CATEGORIES.stream().sorted().toList()) + ")");
        }
        return value;
    }

    private static String extensionOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String nameOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName : fileName.substring(0, dot);
    }
}
