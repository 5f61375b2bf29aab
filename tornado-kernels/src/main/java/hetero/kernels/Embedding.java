package hetero.kernels;

import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.annotations.Parallel;

/**
 * Token embedding lookup and sinusoidal positions (Vaswani et al. 2017):
 * PE[pos][2i] = sin(pos / 10000^(2i/d)), PE[pos][2i+1] = cos(pos / 10000^(2i/d)).
 * Token ids outside 0..vocab-1 are refused by the launcher; the kernel writes zeros for them
 * (a kernel cannot throw, and must not read outside the table).
 */
public final class Embedding {
    static final float LOG_10000 = 9.210340371976184f;

    private Embedding() {
    }

    public static float[] referenceLookup(int[] ids, float[] table, int tokens, int dModel, float scale) {
        float[] out = new float[tokens * dModel];
        for (int t = 0; t < tokens; t++) for (int j = 0; j < dModel; j++) out[t * dModel + j] = table[ids[t] * dModel + j] * scale;
        return out;
    }

    public static float[] referencePositions(int seq, int dModel, int startPos) {
        float[] out = new float[seq * dModel];
        for (int p = 0; p < seq; p++) {
            for (int j = 0; j < dModel; j++) {
                double angle = (p + startPos) / Math.pow(10000.0, (double) (j - j % 2) / dModel);
                out[p * dModel + j] = (float) (j % 2 == 0 ? Math.sin(angle) : Math.cos(angle));
            }
        }
        return out;
    }

    /** out[t] = table[ids[t]] * scale (scale = sqrt(dModel) in the original Transformer). Grid: 2D (dModel, tokens). */
    public static void lookup(int[] ids, float[] table, float[] out, int tokens, int vocab, int dModel, float scale) {
        for (@Parallel int j = 0; j < dModel; j++) {
            for (@Parallel int t = 0; t < tokens; t++) {
                int id = ids[t];
                float e = 0.0f;
                if (id >= 0 && id < vocab) e = table[id * dModel + j] * scale;
                out[t * dModel + j] = e;
            }
        }
    }

    /** The angle of position pos, column j. Float: fine for positions up to a few thousand (error ~ pos * 1e-7 rad). */
    static float positionValue(int pos, int j, int dModel) {
        float invFreq = TornadoMath.exp(-LOG_10000 * (float) (j - j % 2) / (float) dModel);
        float angle = (float) pos * invFreq;
        return j % 2 == 0 ? TornadoMath.sin(angle) : TornadoMath.cos(angle);
    }

    /** out[p][j] = PE(startPos + p, j). Grid: 2D (dModel, seq). */
    public static void sinusoidal(float[] out, int seq, int dModel, int startPos) {
        for (@Parallel int j = 0; j < dModel; j++) {
            for (@Parallel int p = 0; p < seq; p++) {
                out[p * dModel + j] = positionValue(startPos + p, j, dModel);
            }
        }
    }

    /**
     * Fused input layer: out[t] = table[ids[t]] * scale + PE(startPos + t % seq) for tokens laid
     * out as [batch, seq]. Grid: 2D (dModel, tokens).
     */
    public static void lookupWithPositions(int[] ids, float[] table, float[] out, int tokens, int seq, int vocab, int dModel, float scale, int startPos) {
        for (@Parallel int j = 0; j < dModel; j++) {
            for (@Parallel int t = 0; t < tokens; t++) {
                int id = ids[t];
                float e = 0.0f;
                if (id >= 0 && id < vocab) e = table[id * dModel + j] * scale;
                out[t * dModel + j] = e + positionValue(startPos + t % seq, j, dModel);
            }
        }
    }
}
