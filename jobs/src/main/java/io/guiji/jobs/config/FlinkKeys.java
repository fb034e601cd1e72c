package io.guiji.jobs.config;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.FallbackKey;

/**
 * Flink's own configuration keys, found by reflection: every public static {@link ConfigOption}
 * field of every class named {@code org.apache.flink…*Options} in a Flink jar on the class path
 * (flink-core's {@code CoreOptions}, {@code TaskManagerOptions}, {@code CheckpointingOptions}, the
 * RocksDB, Kafka and JDBC connectors' option classes, …), with their deprecated and fallback keys.
 * So a key is known exactly when the Flink code guiji runs with declares it; a new Flink version
 * brings its keys along. Keys of Flink modules that are not on the class path ({@code
 * kubernetes.*}, {@code yarn.*}, file system plug-ins, metric reporters) are families in {@link
 * ConfigKeys}.
 *
 * <p>The scan opens the Flink jars and initializes their option classes (a few hundred
 * milliseconds), so it runs once, and only when a key is not a guiji key.
 */
final class FlinkKeys {
    private FlinkKeys() {}

    /** A declared key, with the type of its value ({@code Integer}, {@code MemorySize}, …). */
    record Declared(ConfigOption<?> option, Class<?> valueType) {}

    /** Every declared key (fallback keys included), by key. */
    static Map<String, Declared> all() {
        return Holder.ALL;
    }

    /**
     * The key's declaration, or null. flink-core's option classes, which declare most keys, are
     * read first: a common key costs a tenth of the whole scan.
     */
    static Declared find(String key) {
        Declared core = CoreHolder.CORE.get(key);
        return core != null ? core : all().get(key);
    }

    private static final class CoreHolder {
        static final Map<String, Declared> CORE =
                Collections.unmodifiableMap(
                        scan(Collections.singleton(codeSource(CoreOptions.class.getName()))));
    }

    private static final class Holder {
        static final Map<String, Declared> ALL = Collections.unmodifiableMap(scan(classPath()));
    }

    private static Map<String, Declared> scan(Set<Path> classPath) {
        Map<String, Declared> keys = new TreeMap<>();
        ClassLoader loader = FlinkKeys.class.getClassLoader();
        for (String className : optionClassNames(classPath)) {
            Class<?> holder;
            try {
                holder = Class.forName(className, true, loader);
            } catch (Throwable e) { // LinkageError of an optional dependency: not our keys
                continue;
            }
            for (Field f : holder.getFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || f.getType() != ConfigOption.class) {
                    continue;
                }
                try {
                    ConfigOption<?> option = (ConfigOption<?>) f.get(null);
                    Declared declared = new Declared(option, valueType(f.getGenericType()));
                    keys.putIfAbsent(option.key(), declared);
                    for (FallbackKey fallback : option.fallbackKeys()) {
                        keys.putIfAbsent(fallback.getKey(), declared);
                    }
                } catch (Throwable e) { // a field that cannot be read says nothing about keys
                    continue;
                }
            }
        }
        return keys;
    }

    private static Class<?> valueType(Type fieldType) {
        if (fieldType instanceof ParameterizedType p) {
            Type arg = p.getActualTypeArguments()[0];
            if (arg instanceof Class<?> c) {
                return c;
            }
            if (arg instanceof ParameterizedType pa && pa.getRawType() instanceof Class<?> raw) {
                return raw;
            }
        }
        return Object.class;
    }

    /**
     * Classes {@code org/apache/flink/**}{@code /*Options} in the Flink jars (or folders) of the
     * class path.
     */
    private static Set<String> optionClassNames(Set<Path> classPath) {
        Set<String> names = new LinkedHashSet<>();
        for (Path entry : classPath) {
            if (entry == null) {
                continue;
            }
            String file = entry.getFileName() == null ? "" : entry.getFileName().toString();
            if (!file.startsWith("flink-") || file.startsWith("flink-shaded")) {
                continue;
            }
            if (Files.isRegularFile(entry)) {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        addIfOptions(e.nextElement().getName(), names);
                    }
                } catch (IOException e) {
                    continue;
                }
            } else if (Files.isDirectory(entry)) {
                try (Stream<Path> walk = Files.walk(entry)) {
                    walk.forEach(
                            p ->
                                    addIfOptions(
                                            entry.relativize(p)
                                                    .toString()
                                                    .replace(File.separatorChar, '/'),
                                            names));
                } catch (IOException e) {
                    continue;
                }
            }
        }
        return names;
    }

    private static void addIfOptions(String entry, Set<String> names) {
        if (entry.startsWith("org/apache/flink/")
                && entry.endsWith("Options.class")
                && !entry.contains("$")) {
            names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
        }
    }

    /**
     * The class path's entries, plus the jars of a few Flink classes: under a test runner the
     * {@code java.class.path} property may name only a launcher jar.
     */
    private static Set<Path> classPath() {
        Set<Path> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(Path.of(e));
            }
        }
        for (String anchor :
                List.of(
                        CoreOptions.class.getName(),
                        "org.apache.flink.configuration.TaskManagerOptions",
                        "org.apache.flink.streaming.api.environment.ExecutionCheckpointingOptions",
                        "org.apache.flink.contrib.streaming.state.RocksDBOptions",
                        "org.apache.flink.connector.kafka.source.KafkaSourceOptions",
                        "org.apache.flink.connector.file.src.FileSourceOptions")) {
            Path p = codeSource(anchor);
            if (p != null) {
                entries.add(p);
            }
        }
        return entries;
    }

    /** The jar or folder a class comes from, or null when it is not on the class path. */
    private static Path codeSource(String className) {
        try {
            Class<?> c = Class.forName(className, false, FlinkKeys.class.getClassLoader());
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
