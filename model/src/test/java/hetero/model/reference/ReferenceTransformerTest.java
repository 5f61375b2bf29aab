package hetero.model.reference;

import static org.junit.jupiter.api.Assertions.*;

import hetero.model.Activation;
import hetero.model.ModelWeights;
import hetero.model.NormPlacement;
import hetero.model.SharingScheme;
import hetero.model.TransformerConfig;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceTransformerTest {

    static TransformerConfig.Builder small() {
        return TransformerConfig.builder().dModel(16).heads(4).kvHeads(2).dFF(24).encoderLayers(2).decoderLayers(2)
                .vocabulary(19).maxSequence(12).seed(3);
    }

    static ReferenceTransformer model(TransformerConfig c, SharingScheme s) {
        return new ReferenceTransformer(ModelWeights.initialize(c, s));
    }

    static double[] slice(double[] a, int from, int to) { return Arrays.copyOfRange(a, from, to); }

    /** Models covering both norm placements, both activations, MHA/GQA/MQA and a shared scheme. */
    static List<ReferenceTransformer> variants() {
        return List.of(
                model(small().build(), SharingScheme.NONE),
                model(small().kvHeads(1).activation(Activation.GELU).normPlacement(NormPlacement.PRE_NORM).build(),
                        SharingScheme.ALL),
                model(small().kvHeads(4).tiedEmbeddings(true).biases(false).build(), SharingScheme.ENCODER_DECODER));
    }

    @Test
    void postNormEncoderRowsAreNormalized() {
        ReferenceTransformer m = model(small().build(), SharingScheme.NONE);
        double[] out = m.encode(new int[] {1, 2, 3, 4, 5}, 1, 5, null);
        for (int i = 0; i < 5; i++) {
            double mean = 0, var = 0;
            for (int j = 0; j < 16; j++) mean += out[i * 16 + j] / 16;
            for (int j = 0; j < 16; j++) var += (out[i * 16 + j] - mean) * (out[i * 16 + j] - mean) / 16;
            assertEquals(0, mean, 1e-12);
            assertEquals(1, var, 1e-3); // eps = 1e-5 makes it slightly below 1
            assertTrue(Double.isFinite(var));
        }
    }

    @Test
    void batchedSequencesAreIndependent() {
        ReferenceTransformer m = model(small().build(), SharingScheme.NONE);
        int[] a = {1, 2, 3, 4}, b = {5, 6, 7, 8};
        double[] both = m.encode(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4, new int[] {4, 3});
        assertArrayEquals(m.encode(a, 1, 4, null), slice(both, 0, 64), 1e-12);
        assertArrayEquals(m.encode(b, 1, 4, new int[] {3}), slice(both, 64, 128), 1e-12);
    }

    @Test
    void causalDecoderIgnoresFutureTokens() {
        for (ReferenceTransformer m : variants()) {
            double[] memory = m.encode(new int[] {3, 1, 4, 1, 5}, 1, 5, null);
            int[] tgt = {2, 7, 1, 8, 2, 8};
            double[] base = m.decode(tgt, 1, 6, memory, 5, null);
            int[] changed = tgt.clone();
            changed[4] = 11;
            double[] other = m.decode(changed, 1, 6, memory, 5, null);
            int v = 19;
            assertArrayEquals(slice(base, 0, 4 * v), slice(other, 0, 4 * v), 1e-12, "positions before the change");
            assertFalse(Arrays.equals(slice(base, 4 * v, 6 * v), slice(other, 4 * v, 6 * v)), "later positions change");
        }
    }

    @Test
    void paddedSourceTokensDoNotLeak() {
        for (ReferenceTransformer m : variants()) {
            int[] src = {3, 1, 4, 9, 9, 9}, src2 = {3, 1, 4, 0, 17, 5};
            int[] valid = {3};
            double[] e1 = m.encode(src, 1, 6, valid), e2 = m.encode(src2, 1, 6, valid);
            assertArrayEquals(slice(e1, 0, 3 * 16), slice(e2, 0, 3 * 16), 1e-12, "valid encoder positions");
            assertFalse(Arrays.equals(slice(e1, 3 * 16, 6 * 16), slice(e2, 3 * 16, 6 * 16)));
            int[] tgt = {1, 2, 3};
            assertArrayEquals(m.decode(tgt, 1, 3, e1, 6, valid), m.decode(tgt, 1, 3, e2, 6, valid), 1e-12,
                    "decoder must not see padded source positions");
            // without the mask the padding would leak: shows the test can fail
            assertFalse(Arrays.equals(m.decode(tgt, 1, 3, e1, 6, null), m.decode(tgt, 1, 3, e2, 6, null)));
        }
    }

    @Test
    void emptySourceIsFiniteAndCrossAttentionContributesZero() {
        ReferenceTransformer m = model(small().build(), SharingScheme.NONE);
        double[] mem = m.encode(new int[] {1, 2, 3}, 1, 3, new int[] {0});
        for (double x : mem) assertTrue(Double.isFinite(x));
        double[] a = m.decode(new int[] {4, 5}, 1, 2, mem, 3, new int[] {0});
        double[] b = m.decode(new int[] {4, 5}, 1, 2, new double[mem.length], 3, new int[] {0});
        assertArrayEquals(a, b, 1e-12, "no visible source key: memory contents must not matter");
    }

    @Test
    void decodeWithKvCacheEqualsFullRecomputationAtEveryStep() {
        List<ReferenceTransformer> models = new java.util.ArrayList<>(variants());
        models.add(model(small().encoderLayers(0).decoderLayers(3).kvHeads(1).normPlacement(NormPlacement.PRE_NORM)
                .build(), SharingScheme.cycleRev(2)));
        for (ReferenceTransformer m : models) {
            TransformerConfig c = m.weights().config();
            double[] memory = c.hasCrossAttention() ? m.encode(new int[] {3, 1, 4, 1, 5}, 1, 5, new int[] {4}) : null;
            IncrementalDecoder dec = m.incrementalDecoder(memory, 5, 4);
            int[] tgt = {2, 7, 1, 8, 2, 8, 1, 8};
            for (int t = 0; t < tgt.length; t++) {
                double[] stepLogits = dec.step(tgt[t]);
                double[] full = m.decode(Arrays.copyOf(tgt, t + 1), 1, t + 1, memory, 5, memory == null ? null : new int[] {4});
                assertArrayEquals(slice(full, t * 19, (t + 1) * 19), stepLogits, 1e-10, "step " + t + " of " + c);
            }
            assertEquals(tgt.length, dec.length());
        }
    }

    @Test
    void badInputsAreRefused() {
        ReferenceTransformer m = model(small().build(), SharingScheme.NONE);
        assertThrows(IllegalArgumentException.class, () -> m.encode(new int[] {19}, 1, 1, null));
        assertThrows(IllegalArgumentException.class, () -> m.encode(new int[13], 1, 13, null));
        assertThrows(IllegalArgumentException.class, () -> m.encode(new int[4], 1, 4, new int[] {5}));
        assertThrows(IllegalArgumentException.class, () -> m.decode(new int[2], 1, 2, null, 0, null));
    }
}
