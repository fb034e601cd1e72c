package io.guiji.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guiji.connectors.file.ReadLimits;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** The guiji.input.* limits: defaults, configured values, and values that cannot work. */
class GuijiSettingsReadLimitsTest {

    private static GuijiSettings settings(Map<String, String> options) {
        return GuijiSettings.from(Configuration.fromMap(options));
    }

    @Test
    void defaultsAreTheConnectorsDefaults() {
        assertThat(settings(Map.of()).readLimits()).isEqualTo(ReadLimits.DEFAULTS);
        assertThat(ReadLimits.DEFAULTS.maxFieldChars()).isEqualTo(64 * 1024);
    }

    @Test
    void configuredLimitsReachTheSettings() {
        GuijiSettings s =
                settings(
                        Map.of(
                                "guiji.input.max-field-chars", "100",
                                "guiji.input.max-record-chars", "1000",
                                "guiji.input.max-json-depth", "5"));

        assertThat(s.readLimits()).isEqualTo(new ReadLimits(100, 1000, 5));
    }

    @Test
    void impossibleLimitsFailNamingTheKey() {
        assertThatThrownBy(() -> settings(Map.of("guiji.input.max-field-chars", "0")))
                .hasMessage("configuration guiji.input.max-field-chars must be at least 1, not 0");
        assertThatThrownBy(() -> settings(Map.of("guiji.input.max-record-chars", "10")))
                .hasMessage(
                        "configuration guiji.input.max-record-chars must be at least guiji.input.max-field-chars (65536), not 10");
        assertThatThrownBy(() -> settings(Map.of("guiji.input.max-json-depth", "-1")))
                .hasMessage("configuration guiji.input.max-json-depth must be at least 1, not -1");
    }
}
