package dev.drey.pol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Milagro M-Pin test-vector file: the {@code .txt} block format ({@code KEY = value,} lines, blank line
 * between cases) or the {@code .json} list of objects. Values are kept as strings.
 */
public record MpinVectorFile(Path path, List<Map<String, String>> cases) {

    public static MpinVectorFile read(Path path) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + ": no such file");
        }
        String text;
        try {
            text = Files.readString(path);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(path + ": not UTF-8 text");
        }
        List<Map<String, String>> cases = name.endsWith(".json") ? json(text) : blocks(text, path);
        if (cases.isEmpty()) {
            throw new IOException(path + ": no test cases");
        }
        return new MpinVectorFile(path, List.copyOf(cases));
    }

    /** The curve the file name names (BN254_CX*, BLS381*, BLS383*), if any. */
    public Optional<String> curveFromName() {
        String n = path.getFileName().toString().toUpperCase(Locale.ROOT).replace("_", "");
        for (String c : List.of("BN254CX", "BLS381", "BLS383")) {
            if (n.startsWith(c)) {
                return Optional.of(c.toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    private static List<Map<String, String>> blocks(String text, Path path) throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> cur = new LinkedHashMap<>();
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty()) {
                if (!cur.isEmpty()) {
                    out.add(cur);
                    cur = new LinkedHashMap<>();
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IOException(path + ":" + lineNo + ": expected KEY = value,");
            }
            String v = line.substring(eq + 1).strip();
            if (v.endsWith(",")) {
                v = v.substring(0, v.length() - 1).strip();
            }
            cur.put(line.substring(0, eq).strip(), v);
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    private static List<Map<String, String>> json(String text) throws IOException {
        JsonNode root = new ObjectMapper().readTree(text);
        if (root == null || !root.isArray()) {
            throw new IOException("JSON vector file must be a list of objects");
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (JsonNode n : root) {
            if (!n.isObject()) {
                throw new IOException("JSON vector file: every entry must be an object");
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                m.put(f.getKey(), f.getValue().isTextual() ? f.getValue().textValue() : f.getValue().toString());
            }
            out.add(m);
        }
        return out;
    }
}
