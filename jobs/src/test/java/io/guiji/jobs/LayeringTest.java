package io.guiji.jobs;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The layering of the production code (src/main of connectors and jobs), checked on the compiled
 * classes so that a breach fails the build:
 *
 * <ul>
 *   <li>connectors know nothing of the jobs;
 *   <li>the stages depend only on earlier stages: normalize → ingest → validate → dedup → link →
 *       coverage → enterprise → config → publish (link may use dedup, e.g. its merge of copies;
 *       config reads the settings into the stages' own types, e.g. a source's {@code SourceSpec} or
 *       the fuzzy policy, so it comes after them; publish builds the sinks from the configuration);
 *       none of them on the wiring (the pipeline, the file and stream jobs, the dashboard, review,
 *       the command line), which may depend on all;
 *   <li>only the demo command uses the sample generator ({@code demo}), and the generator uses only
 *       the value parsers ({@code normalize});
 *   <li>nothing in src/main uses a test class (test servers, fixtures) or a test library;
 *   <li>no test uses JUnit 4.
 * </ul>
 */
@AnalyzeClasses(packages = "io.guiji", importOptions = LayeringTest.MainCode.class)
class LayeringTest {

    /**
     * A test class's location: a module's test-classes folder, a test jar, or the test servers'
     * module ({@code testing/servers}, used at test scope only).
     */
    private static final Pattern TEST_LOCATION =
            Pattern.compile(
                    ".*(/test-classes/|-tests\\.jar|/testing/servers/|guiji-testing-servers).*");

    /** src/main of every module on the class path. */
    static final class MainCode implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.matches(TEST_LOCATION);
        }
    }

    /** src/test of every module on the class path. */
    static final class TestCode implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return location.matches(TEST_LOCATION);
        }
    }

    private static final String CONNECTORS = "io.guiji.connectors..";
    private static final String JOBS = "io.guiji.jobs..";

    private static final String NORMALIZE = "io.guiji.jobs.normalize..";
    private static final String INGEST = "io.guiji.jobs.ingest..";
    private static final String VALIDATE = "io.guiji.jobs.validate..";
    private static final String DEDUP = "io.guiji.jobs.dedup..";
    private static final String LINK = "io.guiji.jobs.link..";
    private static final String COVERAGE = "io.guiji.jobs.coverage..";
    private static final String ENTERPRISE = "io.guiji.jobs.enterprise..";
    private static final String CONFIG = "io.guiji.jobs.config..";
    private static final String PUBLISH = "io.guiji.jobs.publish..";

    /**
     * The sample generator: its own module, on this module's class path only when a build puts it
     * there.
     */
    private static final String DEMO = "io.guiji.generator..";

    /** The wiring: may depend on every stage, and no stage may depend on it. */
    private static final String[] WIRING_PACKAGES = {
        "io.guiji.jobs.cli..",
        "io.guiji.jobs.dashboard..",
        "io.guiji.jobs.file..",
        "io.guiji.jobs.launch..",
        "io.guiji.jobs.review..",
        "io.guiji.jobs.stream.."
    };

    private static final DescribedPredicate<JavaClass> WIRING =
            resideInAnyPackage(WIRING_PACKAGES)
                    .or(
                            describe(
                                    "the pipeline",
                                    c ->
                                            c.getName().equals(GuijiPipeline.class.getName())
                                                    || c.getName()
                                                            .startsWith(
                                                                    GuijiPipeline.class.getName()
                                                                            + "$")));

    @ArchTest
    static final ArchRule connectorsDoNotDependOnJobs =
            noClasses()
                    .that()
                    .resideInAPackage(CONNECTORS)
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(JOBS);

    @ArchTest
    static final ArchRule normalizeDependsOnNoLaterStage =
            stage(NORMALIZE)
                    .should()
                    .dependOnClassesThat(
                            laterThan(
                                    INGEST,
                                    VALIDATE,
                                    DEDUP,
                                    LINK,
                                    COVERAGE,
                                    ENTERPRISE,
                                    CONFIG,
                                    PUBLISH));

    @ArchTest
    static final ArchRule ingestDependsOnNoLaterStage =
            stage(INGEST)
                    .should()
                    .dependOnClassesThat(
                            laterThan(
                                    VALIDATE, DEDUP, LINK, COVERAGE, ENTERPRISE, CONFIG, PUBLISH));

    @ArchTest
    static final ArchRule validateDependsOnNoLaterStage =
            stage(VALIDATE)
                    .should()
                    .dependOnClassesThat(
                            laterThan(DEDUP, LINK, COVERAGE, ENTERPRISE, CONFIG, PUBLISH));

    @ArchTest
    static final ArchRule dedupDependsOnNoLaterStage =
            stage(DEDUP)
                    .should()
                    .dependOnClassesThat(laterThan(LINK, COVERAGE, ENTERPRISE, CONFIG, PUBLISH));

    @ArchTest
    static final ArchRule linkDependsOnNoLaterStage =
            stage(LINK)
                    .should()
                    .dependOnClassesThat(laterThan(COVERAGE, ENTERPRISE, CONFIG, PUBLISH));

    @ArchTest
    static final ArchRule coverageDependsOnNoLaterStage =
            stage(COVERAGE).should().dependOnClassesThat(laterThan(ENTERPRISE, CONFIG, PUBLISH));

    /**
     * The enterprise view (profiles, health index, leads) reads the linked records; config reads
     * its model and rules files into its types, so it comes before config.
     */
    @ArchTest
    static final ArchRule enterpriseDependsOnNoLaterStage =
            stage(ENTERPRISE).should().dependOnClassesThat(laterThan(CONFIG, PUBLISH));

    /** The configuration: every stage's settings, checked once; it builds no part of a job. */
    @ArchTest
    static final ArchRule configDependsOnNoLaterStage =
            stage(CONFIG).should().dependOnClassesThat(laterThan(PUBLISH));

    /** Publication (sinks, their feeds and row mappings): only the wiring uses it. */
    @ArchTest
    static final ArchRule publishDependsOnNoWiring =
            stage(PUBLISH).should().dependOnClassesThat(laterThan());

    /** The shared kernel of the jobs (EmitMode, ProcessingErrors, QualityFlags, Uids): no stage. */
    @ArchTest
    static final ArchRule sharedKernelDependsOnNoStage =
            noClasses()
                    .that()
                    .resideInAPackage("io.guiji.jobs")
                    .and(DescribedPredicate.not(WIRING))
                    .should()
                    .dependOnClassesThat(
                            laterThan(
                                    NORMALIZE,
                                    INGEST,
                                    VALIDATE,
                                    DEDUP,
                                    LINK,
                                    COVERAGE,
                                    ENTERPRISE,
                                    CONFIG,
                                    PUBLISH,
                                    DEMO));

    @ArchTest
    static final ArchRule onlyTheDemoCommandUsesTheGenerator =
            noClasses()
                    .that()
                    .resideOutsideOfPackage(DEMO)
                    .and()
                    .doNotHaveFullyQualifiedName("io.guiji.jobs.cli.DemoCommand")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(DEMO);

    @ArchTest
    static final ArchRule theGeneratorUsesOnlyTheValueParsers =
            noClasses()
                    .that()
                    .resideInAPackage(DEMO)
                    .should()
                    .dependOnClassesThat(
                            resideInAnyPackage(
                                            INGEST,
                                            VALIDATE,
                                            DEDUP,
                                            LINK,
                                            COVERAGE,
                                            ENTERPRISE,
                                            CONFIG,
                                            PUBLISH)
                                    .or(WIRING)
                                    .or(resideInAnyPackage("io.guiji.jobs")))
                    .allowEmptyShould(true);

    @ArchTest
    static final ArchRule mainUsesNoTestLibrary =
            noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.junit..",
                            "org.assertj..",
                            "net.jqwik..",
                            "org.apache.flink.test..",
                            "com.tngtech.archunit..")
                    .orShould()
                    .dependOnClassesThat()
                    .haveSimpleNameEndingWith("TestHarness");

    @ArchTest
    static void mainUsesNoTestClass(JavaClasses mainClasses) {
        Set<String> testClasses =
                testCode().stream().map(JavaClass::getName).collect(Collectors.toSet());
        // the rule means something only if the test code was found (the connectors' test servers
        // too)
        assertThat(testClasses).contains("io.guiji.testing.KafkaBrokerExtension");
        noClasses()
                .should()
                .dependOnClassesThat(
                        describe(
                                "are test classes (src/test: test servers, fixtures)",
                                c -> testClasses.contains(c.getName())))
                .check(mainClasses);
    }

    /**
     * JUnit 4 is on the test class path only because Flink's MiniClusterExtension needs its
     * ExternalResource (parent pom); tests are written against JUnit 5.
     */
    @ArchTest
    static void testsUseNoJUnit4(JavaClasses ignored) {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.junit", "org.junit.rules..", "org.junit.runner..")
                .check(testCode());
    }

    private static JavaClasses testCode() {
        return new ClassFileImporter().withImportOption(new TestCode()).importPackages("io.guiji");
    }

    private static GivenClassesConjunction stage(String pkg) {
        return noClasses().that().resideInAPackage(pkg);
    }

    /** The given later stages, the wiring and the sample generator. */
    private static DescribedPredicate<JavaClass> laterThan(String... laterStages) {
        DescribedPredicate<JavaClass> later = WIRING.or(resideInAnyPackage(DEMO));
        if (laterStages.length > 0) {
            later = later.or(resideInAnyPackage(laterStages));
        }
        return later;
    }
}
