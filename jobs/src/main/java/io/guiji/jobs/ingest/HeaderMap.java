package io.guiji.jobs.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which columns of a header hold which canonical field. Several columns may map to one field (the
 * 2016 layout's CF_CFLB1 and CF_CFLB2 are both 处罚类别); unknown columns are ignored. Built once per
 * distinct header and cached, since every row of a file shares its header.
 */
public final class HeaderMap {
    private static final int CACHE_LIMIT = 512;

    private final Map<String, int[]> columns;
    private final List<String> unknown;

    private HeaderMap(String[] header, Function<String, String> aliases) {
        Map<String, List<Integer>> found = new LinkedHashMap<>();
        List<String> unknownColumns = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            String canonical = header[i] == null ? null : aliases.apply(header[i]);
            if (canonical == null) {
                unknownColumns.add(header[i]);
            } else {
                found.computeIfAbsent(canonical, k -> new ArrayList<>()).add(i);
            }
        }
        this.columns = new HashMap<>();
        found.forEach((k, v) -> columns.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        this.unknown = unknownColumns;
    }

    /** The column indexes of a canonical field (empty when absent). */
    public int[] columns(String field) {
        int[] c = columns.get(field);
        return c == null ? new int[0] : c;
    }

    public boolean has(String field) {
        return columns.containsKey(field);
    }

    /** Header cells that name no known field. */
    public List<String> unknownColumns() {
        return unknown;
    }

    /**
     * A small cache of header maps for one alias table; not thread-safe (one per operator
     * instance).
     */
    public static final class Cache {
        private final Function<String, String> aliases;
        private final Map<List<String>, HeaderMap> maps = new HashMap<>();
        private String[] lastHeader;
        private HeaderMap last;

        public Cache(Function<String, String> aliases) {
            this.aliases = aliases;
        }

        public HeaderMap of(String[] header) {
            if (header == lastHeader) {
                return last;
            }
            List<String> key = Arrays.asList(header);
            HeaderMap map = maps.get(key);
            if (map == null) {
                if (maps.size() >= CACHE_LIMIT) {
                    maps.clear();
                }
                map = new HeaderMap(header, aliases);
                maps.put(key, map);
            }
            lastHeader = header;
            last = map;
            return map;
        }
    }
}
