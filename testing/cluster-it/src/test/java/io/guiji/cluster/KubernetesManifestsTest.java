package io.guiji.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The files of {@code deploy/kubernetes} are well formed and agree with each other, the job and the
 * standalone scripts. No Kubernetes and no Docker engine here: the YAML is parsed (SnakeYAML, safe
 * loading) and checked field by field, the Dockerfile read as text.
 */
class KubernetesManifestsTest {
    private static final Path DIR =
            Path.of(System.getProperty("guiji.repository", "../..")).resolve("deploy/kubernetes");
    private static final List<Map<String, Object>> DOCS = new ArrayList<>();

    @BeforeAll
    static void parseEveryYamlFile() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
                for (Object doc : yaml.loadAll(Files.readString(f, StandardCharsets.UTF_8))) {
                    assertThat(doc)
                            .as(f.getFileName() + ": every document is a mapping")
                            .isInstanceOf(Map.class);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) doc;
                    m.put("__file", f.getFileName().toString());
                    DOCS.add(m);
                }
            }
        }
        assertThat(DOCS).isNotEmpty();
    }

    @Test
    void everyDocumentNamesItsApiVersionKindAndName() {
        for (Map<String, Object> doc : DOCS) {
            String where = doc.get("__file") + " " + doc.get("kind");
            assertThat(doc.get("apiVersion")).as(where + ": apiVersion").isInstanceOf(String.class);
            assertThat(doc.get("kind")).as(where + ": kind").isInstanceOf(String.class);
            if (!"Kustomization".equals(doc.get("kind"))) {
                assertThat(string(doc, "metadata.name")).as(where + ": metadata.name").isNotBlank();
                assertThat(string(doc, "metadata.namespace"))
                        .as(where + ": metadata.namespace")
                        .isEqualTo("guiji");
            }
        }
    }

    @Test
    void theFlinkDeploymentRunsTheJobJarInApplicationModeWithSavepointUpgrades() {
        Map<String, Object> fd = only("FlinkDeployment");
        assertThat(fd.get("apiVersion")).isEqualTo("flink.apache.org/v1beta1");
        assertThat(string(fd, "spec.flinkVersion")).isEqualTo("v1_20");
        assertThat(string(fd, "spec.image")).isNotBlank();
        assertThat(string(fd, "spec.job.jarURI"))
                .isEqualTo("local:///opt/flink/usrlib/guiji-jobs.jar");
        assertThat(string(fd, "spec.job.entryClass"))
                .isEqualTo("io.guiji.jobs.stream.GuijiStreamJob");
        assertThat(
                        getClass()
                                .getClassLoader()
                                .getResource("io/guiji/jobs/stream/GuijiStreamJob.class"))
                .as("the entry class exists in guiji-jobs")
                .isNotNull();
        assertThat(string(fd, "spec.job.upgradeMode")).isEqualTo("savepoint");
        assertThat(string(fd, "spec.job.state")).isEqualTo("running");
        assertThat(get(fd, "spec.job.parallelism")).isInstanceOf(Integer.class);
        assertThat(get(fd, "spec.jobManager.replicas")).isEqualTo(1);
        for (String component : List.of("jobManager", "taskManager")) {
            assertThat(string(fd, "spec." + component + ".resource.memory"))
                    .as(component + " memory")
                    .matches("\\d+m");
            assertThat(get(fd, "spec." + component + ".resource.cpu"))
                    .as(component + " cpu")
                    .isInstanceOf(Number.class);
        }
    }

    @Test
    void theFlinkConfigurationHasStateBackendCheckpointsHaRestartsAndPrometheus()
            throws IOException {
        Map<String, Object> conf = map(only("FlinkDeployment"), "spec.flinkConfiguration");
        // The CRD's flinkConfiguration is a map of strings: a bare 2 or true would be rejected.
        conf.forEach((k, v) -> assertThat(v).as(k + " is a string").isInstanceOf(String.class));
        assertThat(conf)
                .containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.incremental", "true")
                .containsEntry(
                        "execution.checkpointing.externalized-checkpoint-retention",
                        "RETAIN_ON_CANCELLATION")
                .containsEntry("high-availability.type", "kubernetes")
                .containsEntry(
                        "metrics.reporter.prom.factory.class",
                        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory")
                .containsKeys(
                        "restart-strategy.type",
                        "metrics.reporter.prom.port",
                        "taskmanager.numberOfTaskSlots");
        for (String durable :
                List.of(
                        "execution.checkpointing.dir",
                        "execution.checkpointing.savepoint-dir",
                        "high-availability.storageDir")) {
            assertThat((String) conf.get(durable))
                    .as(durable + " on shared, durable storage")
                    .startsWith("s3://");
        }
        // Java 17: every flag of bin/jvm-flags, the list that the standalone cluster's JVMs and the
        // tests get.
        String argFile = Files.readString(DIR.getParent().resolveSibling("bin/jvm-flags"));
        List<String> flags =
                argFile.lines()
                        .map(l -> l.replaceFirst("#.*", "").strip())
                        .filter(l -> !l.isEmpty())
                        .toList();
        assertThat(flags).hasSizeGreaterThan(10);
        assertThat(((String) conf.get("env.java.opts.all")).split("\\s+"))
                .containsExactlyInAnyOrderElementsOf(flags);
    }

    @Test
    void thePodsExposeTheReporterPortAndThePodMonitorScrapesIt() {
        Map<String, Object> fd = only("FlinkDeployment");
        int port =
                Integer.parseInt(
                        (String)
                                map(fd, "spec.flinkConfiguration")
                                        .get("metrics.reporter.prom.port"));
        for (String component : List.of("jobManager", "taskManager")) {
            Map<String, Object> container = mainContainer(fd, component);
            assertThat(list(container, "ports"))
                    .as(component + " ports")
                    .anySatisfy(
                            p ->
                                    assertThat(asMap(p))
                                            .containsEntry("name", "metrics")
                                            .containsEntry("containerPort", port));
        }
        Map<String, Object> monitor = only("PodMonitor");
        assertThat(map(monitor, "spec.selector.matchLabels"))
                .containsEntry("app", string(fd, "metadata.name"));
        assertThat(list(monitor, "spec.podMetricsEndpoints"))
                .singleElement()
                .satisfies(e -> assertThat(asMap(e)).containsEntry("port", "metrics"));
    }

    @Test
    void theJobReadsItsConfigurationAndCredentialsFromMountedFilesNeverFromArguments()
            throws IOException {
        Map<String, Object> fd = only("FlinkDeployment");
        List<Object> args = list(fd, "spec.job.args");
        assertThat(args).hasSize(2).first().isEqualTo("--config");
        String configPath = (String) args.get(1);
        Map<String, String> mounts = mounts(fd, "jobManager");

        // --config names a key of the ConfigMap mounted at its directory.
        Map<String, Object> configMap =
                named(
                        "ConfigMap",
                        mountedSource(fd, "jobManager", mounts, configPath, "configMap"));
        String key = configPath.substring(configPath.lastIndexOf('/') + 1);
        Properties job = new Properties();
        job.load(new StringReader((String) map(configMap, "data").get(key)));
        assertThat(job.getProperty("guiji.kafka.bootstrap-servers")).isNotBlank();
        assertThat(job.stringPropertyNames())
                .anyMatch(k -> k.startsWith("guiji.source.") && k.endsWith(".topic"));
        assertThat(Integer.parseInt(job.getProperty("guiji.parallelism")))
                .as("guiji.parallelism = spec.job.parallelism")
                .isEqualTo(get(fd, "spec.job.parallelism"));

        // Credentials: files from Secrets mounted into the JobManager; no password in arguments or
        // configuration.
        for (String fileKey :
                List.of("guiji.kafka.properties-file", "guiji.postgres.password-file")) {
            String file = job.getProperty(fileKey);
            assertThat(file).as(fileKey).isNotBlank();
            Map<String, Object> secret =
                    named("Secret", mountedSource(fd, "jobManager", mounts, file, "secret"));
            assertThat(map(secret, "stringData"))
                    .as(fileKey + " is a key of its Secret")
                    .containsKey(file.substring(file.lastIndexOf('/') + 1));
        }
        assertThat(job.stringPropertyNames())
                .as("keys of the job's configuration")
                .noneMatch(
                        k ->
                                k.contains("password")
                                        && !k.endsWith("password-file")
                                        && !k.endsWith("password-env"))
                .noneMatch(k -> k.contains("jaas") || k.contains("secret"));
        assertThat(args).noneMatch(a -> a.toString().toLowerCase().contains("password"));
        assertThat(map(fd, "spec.flinkConfiguration").keySet())
                .noneMatch(k -> k.contains("password") || k.contains("secret"));
    }

    @Test
    void theDockerfileBuildsOnFlinkAndPutsTheJarWhereJarUriPointsTo() throws IOException {
        List<String> instructions =
                Files.readAllLines(DIR.resolve("Dockerfile")).stream()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .toList();
        assertThat(instructions.get(0)).isEqualTo("FROM flink:1.20-java17");
        String jar =
                string(only("FlinkDeployment"), "spec.job.jarURI").substring("local://".length());
        assertThat(jar).startsWith("/opt/flink/usrlib/");
        assertThat(instructions)
                .anyMatch(
                        l ->
                                l.matches(
                                        "COPY (--chown=\\S+ )?jobs/target/guiji-jobs-\\*-job\\.jar "
                                                + jar));
    }

    @Test
    void theKustomizationListsFilesThatExist() {
        Map<String, Object> k = only("Kustomization");
        assertThat(list(k, "resources"))
                .isNotEmpty()
                .allSatisfy(
                        r ->
                                assertThat(DIR.resolve((String) r))
                                        .as("resource " + r)
                                        .isRegularFile());
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The volume source (a configMap or secret name) of the volume mounted at the directory of
     * {@code file}.
     */
    private static String mountedSource(
            Map<String, Object> fd,
            String component,
            Map<String, String> mounts,
            String file,
            String type) {
        String dir = file.substring(0, file.lastIndexOf('/'));
        String volume = mounts.get(dir);
        assertThat(volume)
                .as(file + ": a volume mounted at " + dir + " in the " + component)
                .isNotNull();
        Map<String, Object> v =
                list(fd, "spec." + component + ".podTemplate.spec.volumes").stream()
                        .map(KubernetesManifestsTest::asMap)
                        .filter(x -> volume.equals(x.get("name")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no volume " + volume));
        Map<String, Object> source = asMap(v.get(type));
        assertThat(source).as("volume " + volume + " is a " + type).isNotNull();
        return (String) source.get(type.equals("secret") ? "secretName" : "name");
    }

    private static Map<String, String> mounts(Map<String, Object> fd, String component) {
        Map<String, String> byPath = new java.util.HashMap<>();
        for (Object m : list(mainContainer(fd, component), "volumeMounts")) {
            byPath.put((String) asMap(m).get("mountPath"), (String) asMap(m).get("name"));
        }
        return byPath;
    }

    private static Map<String, Object> mainContainer(Map<String, Object> fd, String component) {
        return list(fd, "spec." + component + ".podTemplate.spec.containers").stream()
                .map(KubernetesManifestsTest::asMap)
                .filter(c -> "flink-main-container".equals(c.get("name")))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        component
                                                + ": no container flink-main-container in its podTemplate"));
    }

    private static Map<String, Object> only(String kind) {
        List<Map<String, Object>> found =
                DOCS.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        assertThat(found).as("documents of kind " + kind).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Object> named(String kind, String name) {
        return DOCS.stream()
                .filter(d -> kind.equals(d.get("kind")) && name.equals(string(d, "metadata.name")))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no " + kind + " named " + name + " in deploy/kubernetes"));
    }

    private static Object get(Map<String, Object> doc, String path) {
        Object at = doc;
        for (String part : path.split("\\.")) {
            if (!(at instanceof Map)) {
                return null;
            }
            at = ((Map<?, ?>) at).get(part);
        }
        return at;
    }

    private static String string(Map<String, Object> doc, String path) {
        Object v = get(doc, path);
        assertThat(v).as(path).isInstanceOf(String.class);
        return (String) v;
    }

    private static Map<String, Object> map(Map<String, Object> doc, String path) {
        Map<String, Object> m = asMap(get(doc, path));
        assertThat(m).as(path).isNotNull();
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> doc, String path) {
        Object v = get(doc, path);
        assertThat(v).as(path).isInstanceOf(List.class);
        return (List<Object>) v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : null;
    }
}
