package io.guiji.jobs.enterprise;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A {@code key: value} file (UTF-8, {@code #} comments), the format of guiji's configuration, as
 * read for the health model and the lead rules: either the resource that ships with guiji or a
 * bureau's own file. Values are read by key with messages that name the file and the key.
 */
final class KeyValueFile {
    private final String name;
    private final Map<String, String> values;

    private KeyValueFile(String name, Map<String, String> values) {
        this.name = name;
        this.values = values;
    }

    /** The built-in file {@code resource} beside this class. */
    static KeyValueFile resource(String resource) {
        try (InputStream in = KeyValueFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return read("built-in " + resource, new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + resource, e);
        }
    }

    /** A bureau's file; what is wrong with it is an {@link IllegalArgumentException} naming it. */
    static KeyValueFile file(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), r);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read " + file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("cannot read " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    static KeyValueFile of(String name, Map<String, String> values) {
        return new KeyValueFile(name, new TreeMap<>(values));
    }

    private static KeyValueFile read(String name, Reader r) throws IOException {
        Properties props = new Properties();
        try {
            props.load(r);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
        Map<String, String> values = new TreeMap<>();
        props.forEach((k, v) -> values.put(k.toString().trim(), v.toString().trim()));
        return new KeyValueFile(name, values);
    }

    String name() {
        return name;
    }

    /** Every key, sorted. */
    Iterable<String> keys() {
        return values.keySet();
    }

    String string(String key) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            throw problem(key, "is missing");
        }
        return v;
    }

    String string(String key, String fallback) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? fallback : v;
    }

    double number(String key) {
        return number(key, string(key));
    }

    double number(String key, double fallback) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? fallback : number(key, v);
    }

    private double number(String key, String v) {
        try {
            double d = Double.parseDouble(v);
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw problem(key, "must be a number of at least 0, not " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw problem(key, "must be a number, not " + v);
        }
    }

    /** A {@code |}-separated list (empty items dropped); absent: empty. */
    List<String> list(String key) {
        String v = values.get(key);
        if (v == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        Arrays.stream(v.split("\\|"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .forEach(items::add);
        return List.copyOf(items);
    }

    IllegalArgumentException problem(String key, String what) {
        return new IllegalArgumentException(name + ": " + key + " " + what);
    }
}
