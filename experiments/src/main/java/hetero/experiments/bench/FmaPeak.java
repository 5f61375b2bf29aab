package hetero.experiments.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.concurrent.CountDownLatch;

/**
 * FMA-throughput microbenchmark: the fp32 peak that "% of peak" refers to.
 *
 * <p>Method: each thread runs {@link #CHAINS} independent FloatVector FMA chains (acc = acc * x + y
 * with the preferred species, 16 lanes on AVX-512), enough independent chains to cover FMA latency
 * (4 cycles) times the FMA ports (2), for {@code iterations} steps. Work per thread:
 * 2 flops x lanes x CHAINS x iterations. All threads start together (latch) and the call returns
 * when the last finishes, so the time is that of the slowest core.
 */
public final class FmaPeak {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    public static final int CHAINS = 12;

    private FmaPeak() {
    }

    /** Flops of one {@link #run} call. */
    public static double flops(int threads, long iterations) {
        return 2.0 * S.length() * CHAINS * iterations * threads;
    }

    /** One thread's chains; the returned sum keeps the JIT from removing them. */
    public static float chains(long iterations) {
        FloatVector x = FloatVector.broadcast(S, 0.999999f), y = FloatVector.broadcast(S, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(S, 1f), a1 = a0.add(1f), a2 = a0.add(2f), a3 = a0.add(3f);
        FloatVector a4 = a0.add(4f), a5 = a0.add(5f), a6 = a0.add(6f), a7 = a0.add(7f);
        FloatVector a8 = a0.add(8f), a9 = a0.add(9f), a10 = a0.add(10f), a11 = a0.add(11f);
        for (long i = 0; i < iterations; i++) {
            a0 = a0.fma(x, y); a1 = a1.fma(x, y); a2 = a2.fma(x, y); a3 = a3.fma(x, y);
            a4 = a4.fma(x, y); a5 = a5.fma(x, y); a6 = a6.fma(x, y); a7 = a7.fma(x, y);
            a8 = a8.fma(x, y); a9 = a9.fma(x, y); a10 = a10.fma(x, y); a11 = a11.fma(x, y);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    /** Runs {@link #chains} on {@code threads} platform threads at once; returns their sum. */
    public static float run(int threads, long iterations) throws InterruptedException {
        float[] sums = new float[threads];
        CountDownLatch start = new CountDownLatch(1);
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            ts[t] = Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                sums[id] = chains(iterations);
            });
        }
        start.countDown();
        float s = 0;
        for (int t = 0; t < threads; t++) {
            ts[t].join();
            s += sums[t];
        }
        return s;
    }
}
