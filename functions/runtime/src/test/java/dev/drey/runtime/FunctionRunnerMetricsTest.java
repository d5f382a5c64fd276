package dev.drey.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drey.kafka.ProtocolKinds;
import dev.drey.kv.KvTransientException;
import dev.drey.runtime.metrics.CountingMetrics;
import dev.drey.runtime.metrics.DreyMetric;
import dev.drey.runtime.metrics.Labels;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner counts every record by function, kind and outcome; kinds outside the protocol table are "other". */
class FunctionRunnerMetricsTest {
    private static final RetryPolicy NO_WAIT = new RetryPolicy(2, Duration.ZERO, Duration.ZERO, d -> { });

    @Test
    void countsHandledSkippedAndUndecodableRecords() {
        CountingMetrics metrics = new CountingMetrics();
        FunctionRunner runner = new FunctionRunner(new FunctionRunnerTest.Echo(), out -> { }, DeadLetterSink.OUTCOME_ONLY,
                NO_WAIT, metrics);
        RecordFailure undecodable = new RecordFailure("t-0@0", RecordFailure.Stage.DECODE, "bad key");
        runner.run(new DecodedBatch(List.of(FunctionRunnerTest.logged(1, 1), FunctionRunnerTest.logged(7, 2),
                FunctionRunnerTest.logged(ProtocolKinds.SIGN_REQUEST, 3)), List.of(undecodable), 4));

        // kinds 1 and 7 are no protocol kinds: bounded to "other"
        assertEquals(1, metrics.count(DreyMetric.FUNCTION_RECORDS, "echo", DreyMetric.OTHER, Labels.HANDLED));
        assertEquals(1, metrics.count(DreyMetric.FUNCTION_RECORDS, "echo", "3420", Labels.HANDLED));
        assertEquals(1, metrics.count(DreyMetric.FUNCTION_RECORDS, "echo", DreyMetric.OTHER, Labels.SKIPPED));
        assertEquals(1, metrics.count(DreyMetric.FUNCTION_RECORDS, "echo", Labels.UNDECODABLE, Labels.SKIPPED));
        assertEquals(4, metrics.snapshot().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void aRedeliveredBatchCountsEveryRecordAsFailed() {
        CountingMetrics metrics = new CountingMetrics();
        FunctionRunner runner = new FunctionRunner(new FunctionRunnerTest.Echo(),
                out -> { throw new KvTransientException("outbox down"); }, DeadLetterSink.OUTCOME_ONLY, NO_WAIT, metrics);

        assertThrows(RedeliverException.class, () -> runner.run(new DecodedBatch(List.of(
                FunctionRunnerTest.logged(ProtocolKinds.SIGN_REQUEST, 1), FunctionRunnerTest.logged(7, 2)), List.of(), 2)));

        assertEquals(1, metrics.count(DreyMetric.FUNCTION_RECORDS, "echo", "3420", Labels.FAILED));
        assertEquals(1, metrics.count(DreyMetric.FUNCTION_RECORDS, "echo", DreyMetric.OTHER, Labels.FAILED));
        assertEquals(0, metrics.count(DreyMetric.FUNCTION_RECORDS, "echo", "3420", Labels.HANDLED));
    }
}
