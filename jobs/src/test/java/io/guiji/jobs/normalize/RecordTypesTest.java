package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.RecordType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordTypesTest {
    @ParameterizedTest
    @EnumSource(RecordType.class)
    void codesInAnyCase(RecordType type) {
        assertThat(RecordTypes.parse(type.name())).isEqualTo(type);
        assertThat(RecordTypes.parse(type.name().toUpperCase())).isEqualTo(type);
        assertThat(
                        RecordTypes.parse(
                                " "
                                        + type.name().substring(0, 1).toUpperCase()
                                        + type.name().substring(1)
                                        + " "))
                .isEqualTo(type);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "licence, license",
        "行政许可, license",
        "许可, license",
        "行政检查, inspection",
        "检查, inspection",
        "双随机, inspection",
        "抽查, inspection",
        "抽查检查, inspection",
        "双随机抽查, inspection",
        "双随机一公开, inspection",
        "抽查检查结果, inspection",
        "行政处罚, penalty",
        "处罚, penalty",
        "行政强制, coercion",
        "强制, coercion",
        "行政强制措施, coercion",
        "司法, judicial",
        "司法判决, judicial",
        "法院, judicial",
        "被执行人, judicial",
        "失信被执行人, judicial",
        "失信名单, dishonesty",
        "失信, dishonesty",
        "经营异常名录, dishonesty",
        "严重违法失信名单, dishonesty",
        "严重违法失信企业名单, dishonesty",
        "黑名单, dishonesty",
        "' 行政 处罚 ', penalty",
        "ＰＥＮＡＬＴＹ, penalty",
    })
    void chineseNames(String raw, RecordType expected) {
        assertThat(RecordTypes.parse(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "unknown", "records", "行政", "处罚决定", "penalties", "其他"})
    void anythingElseIsNull(String raw) {
        assertThat(RecordTypes.parse(raw)).isNull();
    }
}
