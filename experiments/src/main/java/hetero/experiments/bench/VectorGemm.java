package hetero.experiments.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.stream.IntStream;

/**
 * The strongest pure-Java GEMM we have: C = A B (row-major, [m x k] times [k x n]) with the JDK
 * Vector API, register-tiled and multi-threaded (common ForkJoin pool, one task per row block).
 *
 * <p>Micro-kernel: 4 rows x 4 vectors of C (16 x 16-lane = 256 floats with AVX-512) held in 16
 * vector accumulators for a whole k panel; each k step broadcasts 4 values of A and loads 4
 * vectors of B, for 16 vector FMAs. A task owns MC = 64 rows; k is cut into panels of KC = 256
 * and, within a panel, the task walks 64-column slices of B, so one KC x 64 slice (64 KiB) is
 * reused from L2 by the 16 row blocks of the task before it moves on. Edges (n not a multiple of 64, m not a
 * multiple of 4) fall back to scalar code; the benchmarks use multiples.
 */
public final class VectorGemm {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int MR = 4;
    static final int NR = 4 * L;
    static final int MC = 64;
    static final int KC = 256;

    private VectorGemm() {
    }

    /** C = A B on all cores (C is overwritten). */
    public static void multiply(float[] a, float[] b, float[] c, int m, int n, int k) {
        int chunks = (m + MC - 1) / MC;
        IntStream.range(0, chunks).parallel().forEach(ch -> rowChunk(a, b, c, ch * MC, Math.min(MC, m - ch * MC), n, k));
    }

    static void rowChunk(float[] a, float[] b, float[] c, int i0, int rows, int n, int k) {
        int rowsFull = rows - rows % MR;
        int nFull = n - n % NR;
        // k panels of KC: the KC x 64 slice of B (64 KiB) is reused by all row blocks of the task.
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            for (int j = 0; j < nFull; j += NR) {
                for (int i = i0; i < i0 + rowsFull; i += MR) microKernel(a, b, c, i, j, n, k, p0, kc);
            }
        }
        // Scalar edges: leftover columns of the full row blocks, then the leftover rows.
        for (int i = i0; i < i0 + rows; i++) {
            for (int j = i < i0 + rowsFull ? nFull : 0; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) acc = Math.fma(a[i * k + p], b[p * n + j], acc);
                c[i * n + j] = acc;
            }
        }
    }

    /** C[i0..i0+4][j..j+4L] (+)= A[i0..][p0..p0+kc) B[p0..p0+kc)[j..]; the first panel (p0 = 0) overwrites C. */
    static void microKernel(float[] a, float[] b, float[] c, int i0, int j, int n, int k, int p0, int kc) {
        FloatVector c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33;
        int o = i0 * n + j;
        if (p0 == 0) {
            c00 = FloatVector.zero(S); c01 = c00; c02 = c00; c03 = c00;
            c10 = c00; c11 = c00; c12 = c00; c13 = c00;
            c20 = c00; c21 = c00; c22 = c00; c23 = c00;
            c30 = c00; c31 = c00; c32 = c00; c33 = c00;
        } else {
            c00 = FloatVector.fromArray(S, c, o); c01 = FloatVector.fromArray(S, c, o + L);
            c02 = FloatVector.fromArray(S, c, o + 2 * L); c03 = FloatVector.fromArray(S, c, o + 3 * L);
            c10 = FloatVector.fromArray(S, c, o + n); c11 = FloatVector.fromArray(S, c, o + n + L);
            c12 = FloatVector.fromArray(S, c, o + n + 2 * L); c13 = FloatVector.fromArray(S, c, o + n + 3 * L);
            c20 = FloatVector.fromArray(S, c, o + 2 * n); c21 = FloatVector.fromArray(S, c, o + 2 * n + L);
            c22 = FloatVector.fromArray(S, c, o + 2 * n + 2 * L); c23 = FloatVector.fromArray(S, c, o + 2 * n + 3 * L);
            c30 = FloatVector.fromArray(S, c, o + 3 * n); c31 = FloatVector.fromArray(S, c, o + 3 * n + L);
            c32 = FloatVector.fromArray(S, c, o + 3 * n + 2 * L); c33 = FloatVector.fromArray(S, c, o + 3 * n + 3 * L);
        }
        int a0 = i0 * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
        for (int p = p0; p < p0 + kc; p++) {
            int bo = p * n + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bo), b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bo + 2 * L), b3 = FloatVector.fromArray(S, b, bo + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32); c33 = x.fma(b3, c33);
        }
        c00.intoArray(c, o); c01.intoArray(c, o + L); c02.intoArray(c, o + 2 * L); c03.intoArray(c, o + 3 * L);
        o += n;
        c10.intoArray(c, o); c11.intoArray(c, o + L); c12.intoArray(c, o + 2 * L); c13.intoArray(c, o + 3 * L);
        o += n;
        c20.intoArray(c, o); c21.intoArray(c, o + L); c22.intoArray(c, o + 2 * L); c23.intoArray(c, o + 3 * L);
        o += n;
        c30.intoArray(c, o); c31.intoArray(c, o + L); c32.intoArray(c, o + 2 * L); c33.intoArray(c, o + 3 * L);
    }

    /** Dot product of a[ao..ao+len) and b[bo..bo+len), vectorized (len a multiple of L is fastest). */
    static float dot(float[] a, int ao, float[] b, int bo, int len) {
        FloatVector acc = FloatVector.zero(S);
        int p = 0;
        for (; p <= len - L; p += L) acc = FloatVector.fromArray(S, a, ao + p).fma(FloatVector.fromArray(S, b, bo + p), acc);
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; p < len; p++) s = Math.fma(a[ao + p], b[bo + p], s);
        return s;
    }
}
