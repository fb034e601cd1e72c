package io.guiji.jobs.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.client.JobExecutionException;
import org.apache.flink.util.SerializedThrowable;
import org.junit.jupiter.api.Test;

/**
 * {@link FetcherRace}: a bounded run that Flink's file source failed by its race (FLINK-36146) is
 * run again; any other failure ends it as before.
 */
class FetcherRaceTest {
    /** The race as the job's failure carries it: serialized by the task, wrapped by the job. */
    static Exception race() {
        NoSuchElementException e = new NoSuchElementException();
        e.setStackTrace(
                new StackTraceElement[] {
                    new StackTraceElement(
                            "java.util.concurrent.ConcurrentHashMap$ValueIterator",
                            "next",
                            "ConcurrentHashMap.java",
                            3480),
                    new StackTraceElement(
                            "org.apache.flink.connector.base.source.reader.fetcher.SingleThreadFetcherManager",
                            "getRunningFetcher",
                            "SingleThreadFetcherManager.java",
                            166),
                });
        return new RuntimeException(
                new JobExecutionException(
                        new JobID(), "Job execution failed.", new SerializedThrowable(e)));
    }

    @Test
    void theRaceIsToldFromOtherFailures() {
        assertThat(FetcherRace.is(race())).isTrue();
        assertThat(FetcherRace.is(new NoSuchElementException())).as("thrown elsewhere").isFalse();
        assertThat(FetcherRace.is(new IllegalStateException("disk full"))).isFalse();
        assertThat(FetcherRace.is(new RuntimeException((Throwable) null))).isFalse();
    }

    @Test
    void aRunTheRaceFailedIsRunAgainAndSaysSo() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        List<String> warnings = new ArrayList<>();

        String result =
                FetcherRace.retried(
                        () -> {
                            if (runs.incrementAndGet() == 1) {
                                throw race();
                            }
                            return "published";
                        },
                        warnings::add);

        assertThat(result).isEqualTo("published");
        assertThat(runs).hasValue(2);
        assertThat(warnings).singleElement().asString().contains("FLINK-36146", "2 of 3");
    }

    @Test
    void theRaceEveryTimeOrAnotherFailureEndsTheRun() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(
                        () ->
                                FetcherRace.retried(
                                        () -> {
                                            runs.incrementAndGet();
                                            throw race();
                                        },
                                        w -> {}))
                .satisfies(e -> assertThat(FetcherRace.is(e)).isTrue());
        assertThat(runs).hasValue(FetcherRace.ATTEMPTS);

        runs.set(0);
        assertThatThrownBy(
                        () ->
                                FetcherRace.retried(
                                        () -> {
                                            runs.incrementAndGet();
                                            throw new IllegalStateException("disk full");
                                        },
                                        w -> {}))
                .hasMessage("disk full");
        assertThat(runs).hasValue(1);
    }
}
