package io.guiji.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ConfigKeys}: which keys the command line takes, and what it says about the others. */
class ConfigKeysTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "guiji.parallelism",
                "guiji.restart.delay",
                "guiji.source.scjg-penalty.topic",
                "guiji.postgres.password",
                "taskmanager.memory.managed.size", // flink-core's TaskManagerOptions
                "execution.checkpointing.interval", // CheckpointingOptions (and a streaming class
                // before)
                "state.backend.rocksdb.localdir", // the RocksDB state backend's jar
                "state.backend", // a deprecated key of state.backend.type
                "pipeline.object-reuse",
                "metrics.reporter.prom.port",
                "kubernetes.namespace",
                "s3.access-key" // families of modules not shipped
            })
    void guijisAndFlinksOwnKeysAreKnown(String key) {
        assertThatCode(() -> ConfigKeys.check(List.of(key), "-D")).doesNotThrowAnyException();
    }

    @Test
    void aKeyNoClassDeclaresIsRefusedNamingWhereItCameFrom() {
        assertThatThrownBy(
                        () ->
                                ConfigKeys.check(
                                        List.of("guiji.parallelism", "foo.bar"),
                                        "configuration file a.conf"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "configuration file a.conf: foo.bar is not a guiji or Flink option: ");
    }

    @Test
    void aTypoOfAFlinkKeySuggestsIt() {
        assertThatThrownBy(() -> ConfigKeys.check(List.of("pipeline.object-resue"), "-D"))
                .hasMessage(
                        "-D: pipeline.object-resue is not a guiji or Flink option: did you mean pipeline.object-reuse?");
    }

    @Test
    void aTypoOfAGuijiKeySuggestsOnlyGuijiKeys() {
        assertThat(ConfigKeys.closest("guiji.link.fuzy.enabled"))
                .isEqualTo("guiji.link.fuzzy.enabled");
    }

    @Test
    void aPerSourcePrefixWithoutANameIsRefused() {
        assertThatThrownBy(() -> ConfigKeys.check(List.of("guiji.source."), "-D"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFlinkValueOfTheWrongTypeNamesTheKeyAndTheType() {
        Configuration conf =
                Configuration.fromMap(Map.of("taskmanager.memory.managed.size", "lots"));

        assertThatThrownBy(() -> ConfigKeys.checkFlinkValues(conf))
                .hasMessage(
                        "configuration taskmanager.memory.managed.size must be a size such as 512m or 2g, not 'lots'");
    }

    @Test
    void aFlinkEnumValueListsTheChoices() {
        Configuration conf = Configuration.fromMap(Map.of("execution.runtime-mode", "sometimes"));

        assertThatThrownBy(() -> ConfigKeys.checkFlinkValues(conf))
                .hasMessageStartingWith(
                        "configuration execution.runtime-mode must be one of STREAMING, BATCH, AUTOMATIC");
    }

    /**
     * Any text as a key: accepted, or refused with a message that names it; never another failure.
     */
    @Property(tries = 300)
    void anyKeyIsAcceptedOrRefusedByName(@ForAll String key) {
        try {
            ConfigKeys.check(List.of(key), "-D");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage())
                    .startsWith("-D: " + key + " is not a guiji or Flink option: ");
        }
    }
}
