package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.jobs.normalize.Statuses.StatusParse;
import io.guiji.schemas.RecordStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class StatusesTest {
    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"有效", "1", "正常", "１", " 有效 ", "active", "ACTIVE", "Active"})
    void activeValues(String raw) {
        assertThat(Statuses.parse(raw)).isEqualTo(new StatusParse(RecordStatus.ACTIVE, true));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "无效", "2", "撤销", "撤回", "变更", "２", "revoked", "REVOKED", "Revoked", "已撤销", "已撤回",
                "无效（已撤销）", "撤销登记", "决定撤销", " 撤 销 ",
            })
    void revokedValues(String raw) {
        assertThat(Statuses.parse(raw)).isEqualTo(new StatusParse(RecordStatus.REVOKED, true));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\u3000", "\u200B"})
    void emptyIsActive(String raw) {
        assertThat(Statuses.parse(raw)).isEqualTo(new StatusParse(RecordStatus.ACTIVE, true));
    }

    /** Unknown values never retract a record; the caller flags them. */
    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "0", "3", "异议", "其他", "01", "02", "有 效 期", "未撤销", "不撤销", "非无效", "没有撤回", "valid",
                "x",
            })
    void anythingElseIsActiveButUnrecognized(String raw) {
        assertThat(Statuses.parse(raw)).isEqualTo(new StatusParse(RecordStatus.ACTIVE, false));
    }

    /**
     * docs/domain.md §3's unconfirmed 2016 XK_ZT list (1 = 撤销) loses to docs/contract.md §2 (1 =
     * 有效).
     */
    @Test
    void codeOneFollowsTheContractNotTheLegacyList() {
        assertThat(Statuses.parse("1").status()).isEqualTo(RecordStatus.ACTIVE);
        assertThat(Statuses.parse("0").recognized()).isFalse();
    }
}
