package hetero.kernels;

import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * Matrix multiply, row-major: C[m x n] = act(A[m x k] B[k x n] + bias[n]), or with B stored
 * transposed (B^T as an [n x k] array, the layout of nn.Linear weights and of K in Q K^T).
 *
 * <p>Every kernel takes {@code hasBias} (0 or 1; the bias array is ignored when 0 and may be any
 * non-null array) and an {@link Activation} code applied in the epilogue, so the feed-forward
 * block fuses bias + ReLU/GELU into the GEMM instead of a second pass over C. Launchers
 * specialize both, so the untaken branches disappear from the device code.
 *
 * <p>Lab notebook: {@link #reference} (double accumulation), {@link #naive} (one work-item per
 * element of C), {@link #tiled} (local-memory tiles plus 4 x 4 register blocking; the GPU
 * design), {@link #blocked} and {@link #strip} (shaped for CPU OpenCL drivers), and
 * {@link #register} (register tiles in a private array with k-blocking, the CPU BLAS micro-kernel;
 * see benchmarks/README.md for which is fastest where).
 */
public final class Gemm {
    private Gemm() {
    }

    // ---------------------------------------------------------------- reference

    /** Plain Java, double accumulation: the yardstick for every variant. */
    public static float[] reference(float[] a, float[] b, float[] bias, int m, int n, int k, boolean transposedB, int activation) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) acc += (double) a[i * k + p] * (transposedB ? b[j * k + p] : b[p * n + j]);
                if (bias != null) acc += bias[j];
                c[i * n + j] = (float) Activation.reference(acc, activation);
            }
        }
        return c;
    }

    // ---------------------------------------------------------------- variant 1: naive

    /**
     * One work-item per C[i][j], a k-long dot product from global memory. The innermost
     * parallel loop (j) is grid dimension 0, so neighbouring work-items read neighbouring
     * columns of B (coalesced) and the same row of A (broadcast). Grid: 2D (n, m).
     */
    public static void naive(float[] a, float[] b, float[] bias, float[] c, int m, int n, int k, int hasBias, int activation) {
        for (@Parallel int j = 0; j < n; j++) {
            for (@Parallel int i = 0; i < m; i++) {
                float acc = 0.0f;
                for (int p = 0; p < k; p++) acc = Math.fma(a[i * k + p], b[p * n + j], acc);
                c[i * n + j] = epilogue(acc, bias, j, hasBias, activation);
            }
        }
    }

    /** As {@link #naive} with B stored transposed ([n x k]): both operands are read along k. */
    public static void naiveTransposedB(float[] a, float[] bt, float[] bias, float[] c, int m, int n, int k, int hasBias, int activation) {
        for (@Parallel int j = 0; j < n; j++) {
            for (@Parallel int i = 0; i < m; i++) {
                float acc = 0.0f;
                for (int p = 0; p < k; p++) acc = Math.fma(a[i * k + p], bt[j * k + p], acc);
                c[i * n + j] = epilogue(acc, bias, j, hasBias, activation);
            }
        }
    }

    static float epilogue(float acc, float[] bias, int col, int hasBias, int activation) {
        float v = hasBias != 0 ? acc + bias[col] : acc;
        return Activation.apply(v, activation);
    }

    // ---------------------------------------------------------------- variant 2: tiled + register blocked

    /*
     * The naive kernel does 2 flops per 2 global loads. Tiling: a work-group computes a
     * TILE_M x TILE_N block of C; for each TILE_K slice of k it stages the A and B panels in local
     * memory once, and every work-item reuses them. Register blocking: each of the 16 x 16
     * work-items owns a 4 x 4 block of C in 16 scalar accumulators, so each step of the inner loop
     * loads 4 + 4 values from local memory for 16 FMAs. The 4 rows of a work-item are ty, ty+16,
     * ty+32, ty+48 (strided, not adjacent) so that the work-items of a warp/SIMD row read
     * consecutive local addresses and write consecutive columns of C.
     *
     * The kernel language has no private arrays, hence 16 named accumulators.
     * Sizes that are not multiples of the tile: loads outside A or B read 0 (no effect on the
     * sum) and stores outside C are skipped; the grid is rounded up to whole tiles.
     */
    public static final int TILE_M = 64;
    public static final int TILE_N = 64;
    public static final int TILE_K = 16;
    /** Work-group is THREADS_X x THREADS_Y; each work-item computes REG x REG outputs. */
    public static final int THREADS_X = 16;
    public static final int THREADS_Y = 16;
    static final int THREADS = THREADS_X * THREADS_Y;

    /** Local-memory tiled GEMM, C = act(A B + bias). Grid: 2D (ceil(n/64)*16, ceil(m/64)*16), local (16, 16). */
    public static void tiled(KernelContext ctx, float[] a, float[] b, float[] bias, float[] c, int m, int n, int k, int hasBias, int activation) {
        float[] aTile = ctx.allocateFloatLocalArray(TILE_K * TILE_M);
        float[] bTile = ctx.allocateFloatLocalArray(TILE_K * TILE_N);
        tiledBody(ctx, aTile, bTile, a, b, bias, c, m, n, k, hasBias, activation, n, 1);
    }

    /** As {@link #tiled} with B stored transposed ([n x k]). Same grid. */
    public static void tiledTransposedB(KernelContext ctx, float[] a, float[] bt, float[] bias, float[] c, int m, int n, int k, int hasBias, int activation) {
        float[] aTile = ctx.allocateFloatLocalArray(TILE_K * TILE_M);
        float[] bTile = ctx.allocateFloatLocalArray(TILE_K * TILE_N);
        tiledBody(ctx, aTile, bTile, a, bt, bias, c, m, n, k, hasBias, activation, 1, k);
    }

    /**
     * The tiled kernel's body. B(p, j) lives at b[p * bStrideK + j * bStrideN]: (n, 1) for B,
     * (1, k) for B^T, so one body serves both layouts; only the tile load differs.
     */
    static void tiledBody(KernelContext ctx, float[] aTile, float[] bTile, float[] a, float[] b, float[] bias, float[] c,
                          int m, int n, int k, int hasBias, int activation, int bStrideK, int bStrideN) {
        int tx = ctx.localIdx;
        int ty = ctx.localIdy;
        int lid = ty * THREADS_X + tx;
        int rowBase = ctx.groupIdy * TILE_M;
        int colBase = ctx.groupIdx * TILE_N;

        float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f;
        float c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
        float c20 = 0f, c21 = 0f, c22 = 0f, c23 = 0f;
        float c30 = 0f, c31 = 0f, c32 = 0f, c33 = 0f;

        for (int k0 = 0; k0 < k; k0 += TILE_K) {
            // Stage A[rowBase.., k0..] as aTile[kk][r]: consecutive work-items read consecutive k of one row.
            for (int e = lid; e < TILE_M * TILE_K; e += THREADS) {
                int r = e / TILE_K;
                int kk = e % TILE_K;
                int gr = rowBase + r;
                int gk = k0 + kk;
                float v = 0.0f;   // (a ?: whose value is stored into an array is not in the kernel language yet)
                if (gr < m && gk < k) v = a[gr * k + gk];
                aTile[kk * TILE_M + r] = v;
            }
            // Stage B[k0.., colBase..] as bTile[kk][col], walking memory in its contiguous direction.
            for (int e = lid; e < TILE_K * TILE_N; e += THREADS) {
                int kk = bStrideN == 1 ? e / TILE_N : e % TILE_K;
                int cc = bStrideN == 1 ? e % TILE_N : e / TILE_K;
                int gk = k0 + kk;
                int gc = colBase + cc;
                float v = 0.0f;
                if (gk < k && gc < n) v = b[gk * bStrideK + gc * bStrideN];
                bTile[kk * TILE_N + cc] = v;
            }
            ctx.localBarrier();

            for (int kk = 0; kk < TILE_K; kk++) {
                int ao = kk * TILE_M + ty;
                int bo = kk * TILE_N + tx;
                float a0 = aTile[ao], a1 = aTile[ao + 16], a2 = aTile[ao + 32], a3 = aTile[ao + 48];
                float b0 = bTile[bo], b1 = bTile[bo + 16], b2 = bTile[bo + 32], b3 = bTile[bo + 48];
                c00 = Math.fma(a0, b0, c00); c01 = Math.fma(a0, b1, c01); c02 = Math.fma(a0, b2, c02); c03 = Math.fma(a0, b3, c03);
                c10 = Math.fma(a1, b0, c10); c11 = Math.fma(a1, b1, c11); c12 = Math.fma(a1, b2, c12); c13 = Math.fma(a1, b3, c13);
                c20 = Math.fma(a2, b0, c20); c21 = Math.fma(a2, b1, c21); c22 = Math.fma(a2, b2, c22); c23 = Math.fma(a2, b3, c23);
                c30 = Math.fma(a3, b0, c30); c31 = Math.fma(a3, b1, c31); c32 = Math.fma(a3, b2, c32); c33 = Math.fma(a3, b3, c33);
            }
            // Nobody may overwrite the tiles for the next k0 while others still read them.
            ctx.localBarrier();
        }

        int r0 = rowBase + ty;
        int col0 = colBase + tx;
        store(c, bias, r0, col0, m, n, hasBias, activation, c00);
        store(c, bias, r0, col0 + 16, m, n, hasBias, activation, c01);
        store(c, bias, r0, col0 + 32, m, n, hasBias, activation, c02);
        store(c, bias, r0, col0 + 48, m, n, hasBias, activation, c03);
        store(c, bias, r0 + 16, col0, m, n, hasBias, activation, c10);
        store(c, bias, r0 + 16, col0 + 16, m, n, hasBias, activation, c11);
        store(c, bias, r0 + 16, col0 + 32, m, n, hasBias, activation, c12);
        store(c, bias, r0 + 16, col0 + 48, m, n, hasBias, activation, c13);
        store(c, bias, r0 + 32, col0, m, n, hasBias, activation, c20);
        store(c, bias, r0 + 32, col0 + 16, m, n, hasBias, activation, c21);
        store(c, bias, r0 + 32, col0 + 32, m, n, hasBias, activation, c22);
        store(c, bias, r0 + 32, col0 + 48, m, n, hasBias, activation, c23);
        store(c, bias, r0 + 48, col0, m, n, hasBias, activation, c30);
        store(c, bias, r0 + 48, col0 + 16, m, n, hasBias, activation, c31);
        store(c, bias, r0 + 48, col0 + 32, m, n, hasBias, activation, c32);
        store(c, bias, r0 + 48, col0 + 48, m, n, hasBias, activation, c33);
    }

    // ---------------------------------------------------------------- variant 3: column-vector register blocking (CPU OpenCL)

    /*
     * For CPU OpenCL drivers (PoCL) that vectorize ACROSS work-items: a work-item owns one column j
     * of an 8-row block of C, in 8 scalar accumulators; neighbouring work-items (grid dimension 0)
     * own neighbouring columns. Vectorized over 16 work-items, one step of the k loop is then one
     * contiguous 16-float load of B row p, 8 broadcasts of A (uniform across those work-items), and
     * 8 vector FMAs into 8 accumulator vectors: the register-blocked micro-kernel of a CPU BLAS,
     * with no local memory and no barriers (a barrier would make the driver spill the accumulators
     * to per-work-item context arrays). The k loop is unrolled by 4 so that a driver that does keep
     * accumulators in memory at least loads and stores them once per 4 FMAs.
     *
     * Rows past m read row m-1 (clamped, so the inner loop has no branches) and are not stored;
     * the k remainder (k % 4) runs in a plain loop.
     *
     * Measured on PoCL: only 1.3x tiled. PoCL does vectorize across work-items (8 lanes), but the
     * B loads become gathers: the Java int index arithmetic ((int)((uint)p * (uint)n + (uint)j))
     * may wrap, so the driver cannot prove that neighbouring work-items read neighbouring
     * addresses. {@link #strip} avoids that. Kept as a notebook entry.
     */
    public static final int BLOCK_ROWS = 8;

    /**
     * C = act(A B + bias), 8 rows x 1 column per work-item. Grid: 2D (n rounded up to the local
     * size, ceil(m/8)). (The @Parallel-loop form of the same body measured the same.)
     */
    public static void blocked(KernelContext ctx, float[] a, float[] b, float[] bias, float[] c, int m, int n, int k, int hasBias, int activation) {
        int j = ctx.globalIdx;
        int rb = ctx.globalIdy;
        {
            {
                if (j >= n) return;
                int i0 = rb * BLOCK_ROWS;
                int last = m - 1;
                // Row offsets into A, clamped to the last row.
                int o0 = TornadoMath.min(i0, last) * k, o1 = TornadoMath.min(i0 + 1, last) * k;
                int o2 = TornadoMath.min(i0 + 2, last) * k, o3 = TornadoMath.min(i0 + 3, last) * k;
                int o4 = TornadoMath.min(i0 + 4, last) * k, o5 = TornadoMath.min(i0 + 5, last) * k;
                int o6 = TornadoMath.min(i0 + 6, last) * k, o7 = TornadoMath.min(i0 + 7, last) * k;
                float c0 = 0f, c1 = 0f, c2 = 0f, c3 = 0f, c4 = 0f, c5 = 0f, c6 = 0f, c7 = 0f;
                int k4 = k - k % 4;
                for (int p = 0; p < k4; p += 4) {
                    float b0 = b[p * n + j], b1 = b[(p + 1) * n + j], b2 = b[(p + 2) * n + j], b3 = b[(p + 3) * n + j];
                    c0 = Math.fma(a[o0 + p + 3], b3, Math.fma(a[o0 + p + 2], b2, Math.fma(a[o0 + p + 1], b1, Math.fma(a[o0 + p], b0, c0))));
                    c1 = Math.fma(a[o1 + p + 3], b3, Math.fma(a[o1 + p + 2], b2, Math.fma(a[o1 + p + 1], b1, Math.fma(a[o1 + p], b0, c1))));
                    c2 = Math.fma(a[o2 + p + 3], b3, Math.fma(a[o2 + p + 2], b2, Math.fma(a[o2 + p + 1], b1, Math.fma(a[o2 + p], b0, c2))));
                    c3 = Math.fma(a[o3 + p + 3], b3, Math.fma(a[o3 + p + 2], b2, Math.fma(a[o3 + p + 1], b1, Math.fma(a[o3 + p], b0, c3))));
                    c4 = Math.fma(a[o4 + p + 3], b3, Math.fma(a[o4 + p + 2], b2, Math.fma(a[o4 + p + 1], b1, Math.fma(a[o4 + p], b0, c4))));
                    c5 = Math.fma(a[o5 + p + 3], b3, Math.fma(a[o5 + p + 2], b2, Math.fma(a[o5 + p + 1], b1, Math.fma(a[o5 + p], b0, c5))));
                    c6 = Math.fma(a[o6 + p + 3], b3, Math.fma(a[o6 + p + 2], b2, Math.fma(a[o6 + p + 1], b1, Math.fma(a[o6 + p], b0, c6))));
                    c7 = Math.fma(a[o7 + p + 3], b3, Math.fma(a[o7 + p + 2], b2, Math.fma(a[o7 + p + 1], b1, Math.fma(a[o7 + p], b0, c7))));
                }
                for (int p = k4; p < k; p++) {
                    float bv = b[p * n + j];
                    c0 = Math.fma(a[o0 + p], bv, c0); c1 = Math.fma(a[o1 + p], bv, c1);
                    c2 = Math.fma(a[o2 + p], bv, c2); c3 = Math.fma(a[o3 + p], bv, c3);
                    c4 = Math.fma(a[o4 + p], bv, c4); c5 = Math.fma(a[o5 + p], bv, c5);
                    c6 = Math.fma(a[o6 + p], bv, c6); c7 = Math.fma(a[o7 + p], bv, c7);
                }
                store(c, bias, i0, j, m, n, hasBias, activation, c0);
                store(c, bias, i0 + 1, j, m, n, hasBias, activation, c1);
                store(c, bias, i0 + 2, j, m, n, hasBias, activation, c2);
                store(c, bias, i0 + 3, j, m, n, hasBias, activation, c3);
                store(c, bias, i0 + 4, j, m, n, hasBias, activation, c4);
                store(c, bias, i0 + 5, j, m, n, hasBias, activation, c5);
                store(c, bias, i0 + 6, j, m, n, hasBias, activation, c6);
                store(c, bias, i0 + 7, j, m, n, hasBias, activation, c7);
            }
        }
    }

    // ---------------------------------------------------------------- variant 4: row strips with a contiguous inner loop (CPU OpenCL)

    /*
     * PoCL vectorizes across work-items by outer-loop vectorization, which turns every load whose
     * index is not uniform into a gather (and the JIT's Java int index arithmetic, wrapping uint
     * casts, gives it no way to prove neighbours are contiguous). The innermost-loop vectorizer of
     * LLVM is much better at this: it proves contiguity with run-time overflow checks. So this
     * variant gives each work-item a 4 x 64 strip of C and an innermost loop over 64 contiguous
     * columns: for each p, C[i][j0..j0+64) += A[i][p] * B[p][j0..j0+64) for the 4 rows, with C
     * itself (L1-resident, 1 KiB) as the accumulator because the kernel language has no private
     * arrays. The epilogue (bias, activation) is a second pass over the strip.
     *
     * Edges: strips that stick out of C (m % 4, n % 64) take a plain scalar path.
     */
    public static final int STRIP_ROWS = 4;
    public static final int STRIP_COLS = 64;

    /**
     * C = act(A B + bias), a 4 x 64 strip of C per work-item. Grid: 2D (ceil(m/4), ceil(n/64)):
     * rows are dimension 0, so work-groups that run one after another share the k x 64 panel of B
     * (256 KiB at k = 1024, kept in L2) and differ only in 4 rows of A.
     */
    public static void strip(KernelContext ctx, float[] a, float[] b, float[] bias, float[] c, int m, int n, int k, int hasBias, int activation) {
        int i0 = ctx.globalIdx * STRIP_ROWS;
        int j0 = ctx.globalIdy * STRIP_COLS;
        if (j0 >= n || i0 >= m) return;
        if (i0 + STRIP_ROWS <= m && j0 + STRIP_COLS <= n) {
            int c0 = i0 * n + j0, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
            int a0 = i0 * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
            for (int jj = 0; jj < STRIP_COLS; jj++) {
                c[c0 + jj] = 0f;
                c[c1 + jj] = 0f;
                c[c2 + jj] = 0f;
                c[c3 + jj] = 0f;
            }
            // k in steps of 4: each C element is loaded and stored once per 4 FMAs (the L1 load/store
            // ports, not the FMA units, are the limit of this loop).
            int k4 = k - k % 4;
            for (int p = 0; p < k4; p += 4) {
                float x00 = a[a0 + p], x01 = a[a0 + p + 1], x02 = a[a0 + p + 2], x03 = a[a0 + p + 3];
                float x10 = a[a1 + p], x11 = a[a1 + p + 1], x12 = a[a1 + p + 2], x13 = a[a1 + p + 3];
                float x20 = a[a2 + p], x21 = a[a2 + p + 1], x22 = a[a2 + p + 2], x23 = a[a2 + p + 3];
                float x30 = a[a3 + p], x31 = a[a3 + p + 1], x32 = a[a3 + p + 2], x33 = a[a3 + p + 3];
                int bo0 = p * n + j0, bo1 = bo0 + n, bo2 = bo1 + n, bo3 = bo2 + n;
                for (int jj = 0; jj < STRIP_COLS; jj++) {
                    float b0 = b[bo0 + jj], b1 = b[bo1 + jj], b2 = b[bo2 + jj], b3 = b[bo3 + jj];
                    c[c0 + jj] = Math.fma(x03, b3, Math.fma(x02, b2, Math.fma(x01, b1, Math.fma(x00, b0, c[c0 + jj]))));
                    c[c1 + jj] = Math.fma(x13, b3, Math.fma(x12, b2, Math.fma(x11, b1, Math.fma(x10, b0, c[c1 + jj]))));
                    c[c2 + jj] = Math.fma(x23, b3, Math.fma(x22, b2, Math.fma(x21, b1, Math.fma(x20, b0, c[c2 + jj]))));
                    c[c3 + jj] = Math.fma(x33, b3, Math.fma(x32, b2, Math.fma(x31, b1, Math.fma(x30, b0, c[c3 + jj]))));
                }
            }
            for (int p = k4; p < k; p++) {
                float x0 = a[a0 + p], x1 = a[a1 + p], x2 = a[a2 + p], x3 = a[a3 + p];
                int bo = p * n + j0;
                for (int jj = 0; jj < STRIP_COLS; jj++) {
                    float bv = b[bo + jj];
                    c[c0 + jj] = Math.fma(x0, bv, c[c0 + jj]);
                    c[c1 + jj] = Math.fma(x1, bv, c[c1 + jj]);
                    c[c2 + jj] = Math.fma(x2, bv, c[c2 + jj]);
                    c[c3 + jj] = Math.fma(x3, bv, c[c3 + jj]);
                }
            }
            if (hasBias != 0 || activation != Activation.NONE) {
                for (int r = 0; r < STRIP_ROWS; r++) {
                    for (int jj = 0; jj < STRIP_COLS; jj++) {
                        int ci = (i0 + r) * n + j0 + jj;
                        c[ci] = epilogue(c[ci], bias, j0 + jj, hasBias, activation);
                    }
                }
            }
        } else {
            int rows = TornadoMath.min(STRIP_ROWS, m - i0);
            int cols = TornadoMath.min(STRIP_COLS, n - j0);
            for (int r = 0; r < rows; r++) {
                for (int jj = 0; jj < cols; jj++) {
                    float acc = 0f;
                    for (int p = 0; p < k; p++) acc = Math.fma(a[(i0 + r) * k + p], b[p * n + j0 + jj], acc);
                    c[(i0 + r) * n + j0 + jj] = epilogue(acc, bias, j0 + jj, hasBias, activation);
                }
            }
        }
    }

    // ---------------------------------------------------------------- variant 5: register tiles in a private array, k-blocked (CPU OpenCL)

    /*
     * The micro-kernel of a CPU BLAS, now that the kernel language has private arrays: a work-item
     * keeps a REG_ROWS x REG_COLS tile of C in a private array for a whole block of k instead of
     * loading and storing C itself (strip). Each step p of k loads REG_ROWS values of A (one per
     * row, broadcast by the driver), walks the tile's REG_COLS contiguous columns of B once, and
     * does REG_ROWS * REG_COLS FMAs. 4 x 16: with AVX2 that is 8 accumulator vectors, 4
     * broadcasts and 2 B vectors, 14 of the 16 ymm registers; the rows are written out inside the
     * column loop (not a loop of their own) so that the column loop is the one a driver vectorizes
     * or the JIT's unroller flattens.
     *
     * Where the tile really lives depends on the pipeline (benchmarks/README.md has the machine
     * code): PoCL's LLVM keeps it in stack memory when the column loop reaches it as a loop (it
     * vectorizes the loop but does not scalarize the array afterwards); when the JIT unrolls the
     * constant-trip column loop and indexes B with 64-bit arithmetic (the loop-pass and
     * overflow-free-indexing work of issue 10), the tile becomes 8 ymm registers and the k loop is
     * 4 broadcasts, 2 loads and 8 FMAs.
     *
     * k-blocking: a work-item owns panelRows rows (several register tiles) of one REG_COLS column
     * panel and walks k in blocks of kBlock, running each of its tiles over the block before
     * moving on, so the kBlock x REG_COLS slice of B (kBlock * 64 bytes) is read from L1 by every
     * tile after the first. Partial sums go through C between blocks (one load and store of C per
     * kBlock FMAs); the epilogue runs with the last block.
     *
     * Edges: rows past the last whole tile and a column panel cut by n take a scalar path over all k.
     */
    public static final int REG_ROWS = 4;
    public static final int REG_COLS = 16;

    /**
     * C = act(A B + bias), panelRows x REG_COLS of C per work-item in REG_ROWS x REG_COLS register
     * tiles, k in blocks of kBlock (panelRows a multiple of REG_ROWS, both specialized by the
     * launcher). Grid: 2D (ceil(m/panelRows), ceil(n/REG_COLS)); rows are dimension 0, so
     * neighbouring work-items share the panel of B.
     */
    public static void register(KernelContext ctx, float[] a, float[] b, float[] bias, float[] c, int m, int n, int k,
                                int hasBias, int activation, int panelRows, int kBlock) {
        int i0 = ctx.globalIdx * panelRows;
        int j0 = ctx.globalIdy * REG_COLS;
        if (i0 >= m || j0 >= n) return;
        int rowsEnd = TornadoMath.min(i0 + panelRows, m);
        // Whole register tiles: full width (j0 + REG_COLS <= n) and REG_ROWS rows each.
        int tiledEnd = j0 + REG_COLS <= n ? i0 + (rowsEnd - i0) / REG_ROWS * REG_ROWS : i0;
        for (int k0 = 0; k0 < k; k0 += kBlock) {
            int k1 = TornadoMath.min(k0 + kBlock, k);
            for (int r0 = i0; r0 < tiledEnd; r0 += REG_ROWS) {
                float[] acc = new float[REG_ROWS * REG_COLS];
                for (int p = k0; p < k1; p++) {
                    int ap = r0 * k + p;
                    int bo = p * n + j0;
                    float x0 = a[ap], x1 = a[ap + k], x2 = a[ap + 2 * k], x3 = a[ap + 3 * k];
                    for (int jj = 0; jj < REG_COLS; jj++) {
                        float bv = b[bo + jj];
                        acc[jj] = Math.fma(x0, bv, acc[jj]);
                        acc[REG_COLS + jj] = Math.fma(x1, bv, acc[REG_COLS + jj]);
                        acc[2 * REG_COLS + jj] = Math.fma(x2, bv, acc[2 * REG_COLS + jj]);
                        acc[3 * REG_COLS + jj] = Math.fma(x3, bv, acc[3 * REG_COLS + jj]);
                    }
                }
                for (int r = 0; r < REG_ROWS; r++) {
                    int co = (r0 + r) * n + j0;
                    for (int jj = 0; jj < REG_COLS; jj++) {
                        float v = k0 == 0 ? acc[r * REG_COLS + jj] : c[co + jj] + acc[r * REG_COLS + jj];
                        c[co + jj] = k1 == k ? epilogue(v, bias, j0 + jj, hasBias, activation) : v;
                    }
                }
            }
        }
        int colsEnd = TornadoMath.min(j0 + REG_COLS, n);
        for (int i = tiledEnd; i < rowsEnd; i++) {
            for (int j = j0; j < colsEnd; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) acc = Math.fma(a[i * k + p], b[p * n + j], acc);
                c[i * n + j] = epilogue(acc, bias, j, hasBias, activation);
            }
        }
    }

    static void store(float[] c, float[] bias, int row, int col, int m, int n, int hasBias, int activation, float acc) {
        if (row < m && col < n) c[row * n + col] = epilogue(acc, bias, col, hasBias, activation);
    }
}
