package io.guiji.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --key value} and {@code -Dkey=value} arguments of the benchmark mains. */
final class Args {
    final Map<String, String> options = new LinkedHashMap<>();
    final Map<String, String> flink = new LinkedHashMap<>();

    static Args parse(String[] args) {
        Args a = new Args();
        for (int i = 0; i < args.length; i++) {
            String s = args[i];
            if (s.startsWith("-D") && s.indexOf('=') > 2) {
                a.flink.put(s.substring(2, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
            } else if (s.startsWith("--") && i + 1 < args.length) {
                a.options.put(s.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException(
                        "unexpected argument " + s + " (use --key value or -Dkey=value)");
            }
        }
        return a;
    }

    String required(String key) {
        String v = options.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }

    String get(String key, String def) {
        return options.getOrDefault(key, def);
    }

    long getLong(String key, long def) {
        String v = options.get(key);
        return v == null ? def : Long.parseLong(v.replace("_", ""));
    }

    int getInt(String key, int def) {
        return (int) getLong(key, def);
    }
}
