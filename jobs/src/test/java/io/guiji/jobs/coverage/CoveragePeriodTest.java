package io.guiji.jobs.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CoveragePeriodTest {
    private static int day(String iso) {
        return (int) LocalDate.parse(iso).toEpochDay();
    }

    @Test
    void aMonthCountsDecisionsOfItsDaysOnly() {
        CoveragePeriod p = CoveragePeriod.parse("2026-11");
        assertThat(p.from()).isEqualTo(LocalDate.parse("2026-11-01"));
        assertThat(p.to()).isEqualTo(LocalDate.parse("2026-11-30"));
        assertThat(p.contains(day("2026-11-01"))).isTrue();
        assertThat(p.contains(day("2026-11-30"))).isTrue();
        assertThat(p.contains(day("2026-10-31"))).isFalse();
        assertThat(p.contains(day("2026-12-01"))).isFalse();
        assertThat(p.contains(null)).isTrue(); // a rejected row counts in any period
        assertThat(p.chinese()).isEqualTo("2026年11月");
        assertThat(p.previous().name()).isEqualTo("2026-10");
        assertThat(CoveragePeriod.parse("2026-01").previous().name()).isEqualTo("2025-12");
    }

    @Test
    void aYearARangeAndAllInput() {
        CoveragePeriod y = CoveragePeriod.parse("2026");
        assertThat(y.contains(day("2026-01-01"))).isTrue();
        assertThat(y.contains(day("2025-12-31"))).isFalse();
        assertThat(y.previous().name()).isEqualTo("2025");
        assertThat(y.chinese()).isEqualTo("2026年");

        CoveragePeriod r = CoveragePeriod.parse("2026-01-01..2026-06-30");
        assertThat(r.contains(day("2026-06-30"))).isTrue();
        assertThat(r.contains(day("2026-07-01"))).isFalse();
        assertThat(r.previous().name()).isEqualTo("2025-07-04..2025-12-31"); // the 181 days before
        assertThat(r.chinese()).isEqualTo("2026年1月1日至2026年6月30日");

        CoveragePeriod all = CoveragePeriod.parse("all-input");
        assertThat(all.isAll()).isTrue();
        assertThat(all.contains(day("1999-01-01"))).isTrue();
        assertThat(all.previous()).isNull();
    }

    @Test
    void anythingElseIsRefusedSayingWhatIsAccepted() {
        for (String bad :
                new String[] {"2026-13", "26-11", "2026-06-30..2026-01-01", "last month", ""}) {
            assertThatThrownBy(() -> CoveragePeriod.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageMatching(".*(is not a period: use a year|ends before it starts).*");
        }
    }
}
