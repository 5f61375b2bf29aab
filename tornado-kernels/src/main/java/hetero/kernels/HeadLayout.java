package hetero.kernels;

import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * Layout changes between the token-major activations of a Transformer ([batch, seq, heads * dHead], what a
 * projection GEMM writes) and the head-major layout attention reads ([batch, heads, rows, dHead], see
 * {@link Attention}).
 *
 * <p>{@link #splitHeads} writes into a head-major buffer that may be longer than the input ({@code outSeq >= seq})
 * at a row offset: with {@code outSeq} = the KV-cache capacity and {@code offset} = the current length it appends
 * a decode step's keys or values to the cache, so the same kernel serves the forward pass and the decode loop.
 */
public final class HeadLayout {
    private HeadLayout() {
    }

    /** out[b][h][offset + s][j] = x[b][s][h * dHead + j]. Grid: 3D (dHead, seq, batch * heads). */
    public static void splitHeads(float[] x, float[] out, int batch, int seq, int heads, int dHead, int outSeq, int offset) {
        for (@Parallel int j = 0; j < dHead; j++) {
            for (@Parallel int s = 0; s < seq; s++) {
                for (@Parallel int bh = 0; bh < batch * heads; bh++) {
                    int b = bh / heads;
                    int h = bh % heads;
                    out[(bh * outSeq + offset + s) * dHead + j] = x[((b * seq + s) * heads + h) * dHead + j];
                }
            }
        }
    }

    /** out[b][s][h * dHead + j] = x[b][h][s][j]: the inverse of a split with outSeq = seq. Grid: 3D (dHead, seq, batch * heads). */
    public static void mergeHeads(float[] x, float[] out, int batch, int seq, int heads, int dHead) {
        for (@Parallel int j = 0; j < dHead; j++) {
            for (@Parallel int s = 0; s < seq; s++) {
                for (@Parallel int bh = 0; bh < batch * heads; bh++) {
                    int b = bh / heads;
                    int h = bh % heads;
                    out[((b * seq + s) * heads + h) * dHead + j] = x[(bh * seq + s) * dHead + j];
                }
            }
        }
    }

    /** Plain-Java reference of {@link #splitHeads}. */
    public static void referenceSplit(float[] x, float[] out, int batch, int seq, int heads, int dHead, int outSeq, int offset) {
        for (int b = 0; b < batch; b++)
            for (int h = 0; h < heads; h++)
                for (int s = 0; s < seq; s++)
                    for (int j = 0; j < dHead; j++)
                        out[((b * heads + h) * outSeq + offset + s) * dHead + j] = x[((b * seq + s) * heads + h) * dHead + j];
    }
}
