package dev.drey.bench;

import dev.drey.crypto.Scalar;
import dev.drey.crypto.election.BallotContext;
import dev.drey.crypto.election.BallotEncryptor;
import dev.drey.crypto.election.BallotStatement;
import dev.drey.crypto.election.BatchCheck;
import dev.drey.crypto.election.BatchVerifier;
import dev.drey.crypto.election.ElGamalCiphertext;
import dev.drey.crypto.election.ElectionTestDealer;
import dev.drey.crypto.election.EncryptedBallot;
import dev.drey.crypto.election.EncryptedSelection;
import dev.drey.crypto.election.PartialDecryption;
import dev.drey.crypto.election.RangeProof;
import dev.drey.crypto.election.Tally;
import dev.drey.crypto.election.TallyResult;
import dev.drey.crypto.election.ThresholdDecryption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 13's election goals, single-threaded: encrypt + prove one selection (≤ 2 ms), verify one selection
 * (≤ 2 ms), batch-verify a whole record of 100 voters × 20 selections with their limit proofs (≤ 4 s), and the
 * whole threshold decryption of a 20-option tally with t = 67 of n = 100: 67 partial decryptions with proofs, then
 * the combiner's proof checks, Lagrange and discrete logs (≤ 1 s CPU in all).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ElectionBench {
    private static final String PROPOSAL = "bench-proposal";
    private static final int VOTERS = 100;
    private static final int OPTIONS = 20;
    private static final int THRESHOLD = 67;
    private static final int TRUSTEES = 100;

    private SecureRandom rng;
    private ElectionTestDealer.Dealt dealt;
    private BallotContext context;
    private EncryptedSelection selection;
    private List<BallotStatement> record;
    private Tally tally;
    private List<PartialDecryption> partials;

    @Setup(Level.Trial)
    public void setUp() {
        rng = new SecureRandom();
        dealt = ElectionTestDealer.deal(THRESHOLD, TRUSTEES, rng);
        context = new BallotContext(PROPOSAL, "voter-0");
        selection = encryptAndProveSelection();
        record = new ArrayList<>(VOTERS);
        List<EncryptedBallot> ballots = new ArrayList<>(VOTERS);
        for (int v = 0; v < VOTERS; v++) {
            BallotContext c = new BallotContext(PROPOSAL, "voter-" + v);
            int[] choices = new int[OPTIONS];
            choices[v % OPTIONS] = 1;
            EncryptedBallot b = BallotEncryptor.encrypt(dealt.key().publicKey(), c, choices, 1, rng);
            record.add(new BallotStatement(c, b, OPTIONS, 1));
            ballots.add(b);
        }
        tally = Tally.of(dealt.key().publicKey(), OPTIONS, ballots);
        partials = partialDecryptions();
    }

    @Benchmark
    public EncryptedSelection encryptAndProveSelection() {
        Scalar r = Scalar.random(rng);
        ElGamalCiphertext ct = ElGamalCiphertext.encrypt(dealt.key().publicKey(), 1, r);
        return new EncryptedSelection(ct,
                RangeProof.prove(dealt.key().publicKey(), ct, 1, r, 1, context.selection(0), rng));
    }

    @Benchmark
    public boolean verifySelection() {
        return selection.proof().verify(dealt.key().publicKey(), selection.ciphertext(), 1, context.selection(0));
    }

    @Benchmark
    public BatchCheck verifyRecordBatched() {
        BatchCheck c = BatchVerifier.verify(dealt.key().publicKey(), record, rng);
        if (!c.valid()) {
            throw new IllegalStateException(c.describe());
        }
        return c;
    }

    /** Everything the trustees and the combiner spend: 67 partial decryptions, then the combination. */
    @Benchmark
    public TallyResult tallyDecryptionAll() {
        return ThresholdDecryption.combine(dealt.key(), PROPOSAL, tally, partialDecryptions(), VOTERS);
    }

    /** The combiner alone (67 × 20 proof checks, Lagrange, 20 discrete logs). */
    @Benchmark
    public TallyResult tallyCombine() {
        return ThresholdDecryption.combine(dealt.key(), PROPOSAL, tally, partials, VOTERS);
    }

    /**
     * The same operations timed in thread CPU time (median of {@code runs}, default 5), which a loaded machine
     * disturbs far less than JMH's wall-clock time: {@code java -cp benchmarks.jar dev.drey.bench.ElectionBench 5}.
     */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        ElectionBench b = new ElectionBench();
        b.setUp();
        report("encryptAndProveSelection", runs * 200, b::encryptAndProveSelection);
        report("verifySelection", runs * 200, b::verifySelection);
        report("verifyRecordBatched", runs, b::verifyRecordBatched);
        report("tallyDecryptionAll", runs, b::tallyDecryptionAll);
        report("tallyCombine", runs, b::tallyCombine);
    }

    private static void report(String name, int runs, java.util.function.Supplier<?> op) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < Math.max(2, runs); i++) {
            op.get(); // warm-up: as many runs again, so the JIT has compiled the hot paths
        }
        long[] ns = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = mx.getCurrentThreadCpuTime();
            op.get();
            ns[i] = mx.getCurrentThreadCpuTime() - t0;
        }
        java.util.Arrays.sort(ns);
        System.out.printf(java.util.Locale.ROOT, "%-26s median %10.3f ms CPU (min %.3f, max %.3f, %d runs)%n", name,
                ns[runs / 2] / 1e6, ns[0] / 1e6, ns[runs - 1] / 1e6, runs);
    }

    private List<PartialDecryption> partialDecryptions() {
        List<PartialDecryption> out = new ArrayList<>(THRESHOLD);
        for (int i = 0; i < THRESHOLD; i++) {
            out.add(ThresholdDecryption.decryptShare(dealt.shares().get(i), PROPOSAL, tally, rng));
        }
        return out;
    }
}
