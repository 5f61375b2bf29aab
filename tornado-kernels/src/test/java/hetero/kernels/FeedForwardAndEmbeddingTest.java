package hetero.kernels;

import hetero.runtime.backend.Device;
import org.junit.jupiter.api.Test;

import static hetero.kernels.TestSupport.assertClose;
import static hetero.kernels.TestSupport.random;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Feed-forward (two GEMMs, k up to ~70: 2e-4 abs + 2e-4 rel) and embeddings (exact lookup; positions 1e-4 for pos < 100). */
class FeedForwardAndEmbeddingTest {
    @Test
    void feedForwardVariantsMatchTheReference() {
        int[][] shapes = {{1, 1, 1}, {7, 13, 31}, {3, 16, 67}};
        for (Device d : TestSupport.devices()) {
            for (int[] s : shapes) {
                int rows = s[0], dModel = s[1], dFF = s[2];
                float[] x = random(1, rows * dModel), w1 = random(2, dModel * dFF), b1 = random(3, dFF), w2 = random(4, dFF * dModel), b2 = random(5, dModel);
                for (int act : new int[]{Activation.RELU, Activation.GELU_ERF, Activation.GELU_TANH}) {
                    float[] want = FeedForward.reference(x, w1, b1, w2, b2, rows, dModel, dFF, act);
                    for (FeedForwardLaunch.Variant v : FeedForwardLaunch.Variant.values()) {
                        float[] hidden = new float[rows * dFF], out = new float[rows * dModel];
                        FeedForwardLaunch.of(v, x, w1, b1, w2, b2, hidden, out, rows, dModel, dFF, act).runOnce(d);
                        assertClose(d.id() + " ffn " + v + " " + Activation.name(act) + " " + rows + "x" + dModel + "x" + dFF, want, out, 2e-4, 2e-4);
                    }
                }
            }
        }
    }

    @Test
    void embeddingLookupAndPositions() {
        int vocab = 11, dModel = 6, batch = 2, seq = 7, tokens = batch * seq;
        float[] table = random(9, vocab * dModel);
        int[] ids = new int[tokens];
        for (int t = 0; t < tokens; t++) ids[t] = (t * 5 + 3) % vocab;
        float scale = (float) Math.sqrt(dModel);
        for (Device d : TestSupport.devices()) {
            float[] out = new float[tokens * dModel];
            EmbeddingLaunch.lookup(ids, table, out, tokens, vocab, dModel, scale).runOnce(d);
            assertClose(d.id() + " lookup", Embedding.referenceLookup(ids, table, tokens, dModel, scale), out, 0, 1e-7);

            float[] pe = new float[seq * dModel];
            EmbeddingLaunch.sinusoidal(pe, seq, dModel, 90).runOnce(d);
            float[] wantPe = Embedding.referencePositions(seq, dModel, 90);
            assertClose(d.id() + " positions", wantPe, pe, 1e-4, 0);

            float[] both = new float[tokens * dModel];
            EmbeddingLaunch.lookupWithPositions(ids, table, both, batch, seq, vocab, dModel, scale, 90).runOnce(d);
            float[] want = Embedding.referenceLookup(ids, table, tokens, dModel, scale);
            for (int t = 0; t < tokens; t++) for (int j = 0; j < dModel; j++) want[t * dModel + j] += wantPe[(t % seq) * dModel + j];
            assertClose(d.id() + " lookup+positions", want, both, 1e-4, 1e-6);
        }
    }

    @Test
    void badShapesAndIdsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddingLaunch.lookup(new int[]{0, 11}, new float[11 * 2], new float[4], 2, 11, 2, 1f));
        assertTrue(e.getMessage().contains("token id 11 at position 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FeedForwardLaunch.of(FeedForwardLaunch.Variant.FUSED_TILED,
                new float[6], new float[12], new float[4], new float[12], new float[2], new float[12], new float[6], 3, 2, 4, Activation.RELU));
        assertTrue(e.getMessage().startsWith("W1 has 12 elements, expected dModel*dFF = 8"), e.getMessage());
    }
}
