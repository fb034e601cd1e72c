package io.guiji.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guiji.jobs.link.fuzzy.FuzzyPolicy;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** {@link GuijiSettings#from}: which keys and values it lets through, and the messages when not. */
class GuijiSettingsTest {

    @Test
    void flinksOwnKeysAndPerSourceKeysAreAccepted() {
        Configuration conf =
                Configuration.fromMap(
                        Map.of(
                                "parallelism.default", "2",
                                "taskmanager.memory.managed.size", "512m",
                                "guiji.source.scjg-penalty.topic", "records.SCJG01.penalty",
                                "guiji.parallelism", "3"));

        assertThatCode(() -> GuijiSettings.from(conf)).doesNotThrowAnyException();
        assertThat(GuijiSettings.from(conf).parallelism()).isEqualTo(3);
    }

    @Test
    void theEnterpriseViewsFilesAndDateAreCheckedNamingTheKey() {
        assertThatThrownBy(
                        () ->
                                GuijiSettings.from(
                                        Configuration.fromMap(
                                                Map.of(
                                                        "guiji.enterprise.health-model",
                                                        "/no/such/model.properties"))))
                .hasMessage(
                        "configuration guiji.enterprise.health-model is unusable: cannot read /no/such/model.properties: no such file");
        assertThatThrownBy(
                        () ->
                                GuijiSettings.from(
                                        Configuration.fromMap(
                                                Map.of(
                                                        "guiji.enterprise.reference-date",
                                                        "30.6.2026"))))
                .hasMessage(
                        "configuration guiji.enterprise.reference-date must be yyyy-MM-dd, not 30.6.2026");
        GuijiSettings defaults =
                GuijiSettings.from(
                        Configuration.fromMap(Map.of("guiji.processing-date", "2026-06-30")));
        assertThat(defaults.enterpriseReferenceDate()).hasToString("2026-06-30");
        assertThat(defaults.leadRules().unregisteredEnabled()).isTrue();
        assertThat(
                        GuijiSettings.from(
                                        Configuration.fromMap(
                                                Map.of(
                                                        "guiji.enterprise.unregistered-leads",
                                                        "false")))
                                .leadRules()
                                .unregisteredEnabled())
                .isFalse();
    }

    @Test
    void aGuijiKeyFarFromEveryOptionIsLeftAlone() {
        Configuration conf =
                Configuration.fromMap(Map.of("guiji.something.entirely.different", "x"));

        assertThatCode(() -> GuijiSettings.from(conf)).doesNotThrowAnyException();
    }

    @Test
    void aKeyOneLetterOffIsATypoWithTheClosestOptionSuggested() {
        Configuration conf = Configuration.fromMap(Map.of("guiji.link.fuzzy.min-scor", "0.9"));

        assertThatThrownBy(() -> GuijiSettings.from(conf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "configuration guiji.link.fuzzy.min-scor is not an option: did you mean guiji.link.fuzzy.min-score?");
    }

    @Test
    void everyOptionIsListedWithItsValueType() {
        Map<ConfigOption<?>, Class<?>> all = GuijiOptions.all();

        assertThat(all)
                .containsEntry(GuijiOptions.PARALLELISM, Integer.class)
                .containsEntry(GuijiOptions.COVERAGE_INTERVAL, java.time.Duration.class)
                .containsEntry(GuijiOptions.FUZZY_ENABLED, Boolean.class)
                .containsEntry(GuijiOptions.ZONE, String.class);
        assertThat(all).hasSizeGreaterThan(30);
    }

    @Test
    void aBooleanThatIsNotOneNamesTheKey() {
        Configuration conf = Configuration.fromMap(Map.of("guiji.link.fuzzy.enabled", "maybe"));

        assertThatThrownBy(() -> GuijiSettings.from(conf))
                .hasMessage(
                        "configuration guiji.link.fuzzy.enabled must be true or false, not 'maybe'");
    }

    @Test
    void tradeNameTyposAreListedForReviewUnlessTheOperatorChoosesToLinkThem() {
        assertThat(GuijiSettings.from(new Configuration()).fuzzyPolicy().tradeNameTypos())
                .isEqualTo(FuzzyPolicy.TradeNameTypos.CONFIRMED);
        Configuration placed =
                Configuration.fromMap(Map.of("guiji.link.fuzzy.trade-name-typos", "placed"));
        assertThat(GuijiSettings.from(placed).fuzzyPolicy().tradeNameTypos())
                .isEqualTo(FuzzyPolicy.TradeNameTypos.PLACED);
        Configuration all =
                Configuration.fromMap(Map.of("guiji.link.fuzzy.trade-name-typos", "ALL"));
        assertThat(GuijiSettings.from(all).fuzzyPolicy().tradeNameTypos())
                .isEqualTo(FuzzyPolicy.TradeNameTypos.ALL);
        assertThat(GuijiSettings.from(all).fuzzyPolicy().minScore()).isEqualTo(0.88);
        assertThatThrownBy(
                        () ->
                                GuijiSettings.from(
                                        Configuration.fromMap(
                                                Map.of(
                                                        "guiji.link.fuzzy.trade-name-typos",
                                                        "true"))))
                .hasMessageContaining("one of CONFIRMED, PLACED, ALL");
    }
}
