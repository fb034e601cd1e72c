package io.guiji.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Header maps: which columns hold which field, and the cache that builds one per distinct header.
 */
class HeaderMapTest {

    @Test
    void columnsMapToTheirFieldsAndUnknownOnesAreListed() {
        HeaderMap map =
                new HeaderMap.Cache(FieldAliases::recordField)
                        .of(new String[] {"行政相对人名称", "自定义列", "CF_CFLB1", null, "CF_CFLB2"});

        assertThat(map.has("subject_name")).isTrue();
        assertThat(map.has("doc_no")).isFalse();
        assertThat(map.columns("subject_name")).containsExactly(0);
        assertThat(map.columns("penalty_category")).containsExactly(2, 4);
        assertThat(map.columns("doc_no")).isEmpty();
        assertThat(map.unknownColumns()).containsExactly("自定义列", null);
    }

    @Test
    void aHeaderSeenBeforeIsNotMappedAgain() {
        HeaderMap.Cache cache = new HeaderMap.Cache(FieldAliases::recordField);
        String[] header = {"subject_name", "doc_no"};

        HeaderMap first = cache.of(header);
        assertThat(cache.of(header)).isSameAs(first);
        cache.of(new String[] {"uscc"});
        assertThat(cache.of(new String[] {"subject_name", "doc_no"}))
                .as("an equal header in another array")
                .isSameAs(first);
    }

    @Test
    void theCacheStartsAfreshOnceItHolds512Headers() {
        HeaderMap.Cache cache = new HeaderMap.Cache(FieldAliases::recordField);
        HeaderMap first = cache.of(new String[] {"h0"});
        for (int i = 1; i < 512; i++) {
            cache.of(new String[] {"h" + i});
        }
        assertThat(cache.of(new String[] {"h0"})).as("512 held: still cached").isSameAs(first);

        cache.of(new String[] {"h512"}); // the 513th: the cache is emptied first
        assertThat(cache.of(new String[] {"h0"})).isNotSameAs(first);
    }
}
