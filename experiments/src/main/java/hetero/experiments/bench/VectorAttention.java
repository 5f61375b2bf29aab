package hetero.experiments.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.stream.IntStream;

/**
 * Fused scaled dot-product attention on the CPU with the JDK Vector API, the pure-Java peer of
 * the flash kernels: Q, O [heads, seq, dHead], K, V [heads, seq, dHead] (MHA, batch 1, no
 * padding), optional causal mask. One task per (head, block of 4 query rows), on all cores.
 *
 * <p>Per block of 4 queries, keys are taken 64 at a time: 4 x 64 scores (dot products, vector
 * FMAs over dHead), a running max / sum per query (online softmax: the old accumulator is
 * rescaled by exp(oldMax - newMax)), then O += P V with the V rows loaded once for the 4 queries.
 * No seq x seq buffer exists; scratch is 4 x 64 floats per task. exp is scalar Math.exp, which
 * the JIT turns into a fast intrinsic call; it is seq^2 of them against 4 seq^2 dHead flops.
 */
public final class VectorAttention {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int QB = 4;
    static final int KB = 64;

    private VectorAttention() {
    }

    public static void forward(float[] q, float[] k, float[] v, float[] out, int heads, int seq, int dHead, boolean causal) {
        if (dHead % S.length() != 0) throw new IllegalArgumentException("dHead must be a multiple of " + S.length());
        int qBlocks = (seq + QB - 1) / QB;
        float scale = (float) (1.0 / Math.sqrt(dHead));
        IntStream.range(0, heads * qBlocks).parallel().forEach(t -> {
            int h = t / qBlocks, i0 = (t % qBlocks) * QB;
            block(q, k, v, out, h * seq * dHead, i0, Math.min(QB, seq - i0), seq, dHead, causal, scale);
        });
    }

    static void block(float[] q, float[] k, float[] v, float[] out, int base, int i0, int rows, int seq, int dHead, boolean causal, float scale) {
        int lanes = S.length(), dv = dHead / lanes;
        float[] p = new float[QB * KB];
        float[] max = new float[QB], sum = new float[QB];
        FloatVector[] acc = new FloatVector[QB * dv];
        for (int r = 0; r < QB; r++) {
            max[r] = Float.NEGATIVE_INFINITY;
            for (int d = 0; d < dv; d++) acc[r * dv + d] = FloatVector.zero(S);
        }
        int keyEnd = causal ? i0 + rows : seq;
        for (int j0 = 0; j0 < keyEnd; j0 += KB) {
            int cols = Math.min(KB, keyEnd - j0);
            for (int r = 0; r < rows; r++) {
                int qi = i0 + r, qo = base + qi * dHead;
                float blockMax = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < cols; c++) {
                    int j = j0 + c;
                    float s = causal && j > qi ? Float.NEGATIVE_INFINITY : VectorGemm.dot(q, qo, k, base + j * dHead, dHead) * scale;
                    p[r * KB + c] = s;
                    blockMax = Math.max(blockMax, s);
                }
                float newMax = Math.max(max[r], blockMax);
                float correction = max[r] == Float.NEGATIVE_INFINITY ? 0f : (float) Math.exp(max[r] - newMax);
                float s = sum[r] * correction;
                for (int c = 0; c < cols; c++) {
                    float e = newMax == Float.NEGATIVE_INFINITY ? 0f : (float) Math.exp(p[r * KB + c] - newMax);
                    p[r * KB + c] = e;
                    s += e;
                }
                sum[r] = s;
                max[r] = newMax;
                for (int d = 0; d < dv; d++) acc[r * dv + d] = acc[r * dv + d].mul(correction);
            }
            // O += P V: each V row is loaded once for the block's queries.
            for (int c = 0; c < cols; c++) {
                int vo = base + (j0 + c) * dHead;
                for (int d = 0; d < dv; d++) {
                    FloatVector vv = FloatVector.fromArray(S, v, vo + d * lanes);
                    for (int r = 0; r < rows; r++) acc[r * dv + d] = FloatVector.broadcast(S, p[r * KB + c]).fma(vv, acc[r * dv + d]);
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            float inv = 1f / sum[r];
            int oo = base + (i0 + r) * dHead;
            for (int d = 0; d < dv; d++) acc[r * dv + d].mul(inv).intoArray(out, oo + d * lanes);
        }
    }
}
