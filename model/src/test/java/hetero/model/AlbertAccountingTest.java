package hetero.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ALBERT's cross-layer sharing table (Lan et al. 2019, Table 4: ALBERT base, E = 768 and E = 128) from the weight
 * layout alone. Base: 12 encoder layers of width 768, 12 heads, FFN 3072, GELU, biases; vocabulary 30000, 512
 * learned positions, 2 token types, an embedding LayerNorm over E, the E x 768 projection (+ bias) when E != 768,
 * the output layer tied to the embedding table, and a 768 x 768 pooler. Shared-attention and shared-FFN keep
 * the LayerNorms per layer (as ALBERT's code).
 *
 * <p>The published numbers are rounded to millions and do not all follow one convention: the six shared rows
 * match with the pooler (as the released checkpoints: 11,683,584 parameters for ALBERT-base), the two not-shared
 * rows (BERT-style baselines) only without it (with it they are 1.08M and 0.65M above). The test pins both: every
 * published count is met within 0.5M by the convention that row follows, and the exact counts are the closed forms.
 */
class AlbertAccountingTest {
    static final double HALF_MILLION = 0.5e6;

    static TransformerConfig albertBase(int e, boolean pooler) {
        return TransformerConfig.builder().dModel(768).heads(12).kvHeads(12).dFF(3072).encoderLayers(12).decoderLayers(0)
                .activation(Activation.GELU).vocabulary(30000).maxSequence(512).tiedEmbeddings(true)
                .embeddings(EmbeddingConfig.bertStyle(e).withPooler(pooler)).build();
    }

    /** scheme, published (millions) for E = 768 and E = 128, whether that row follows the pooler convention. */
    record Row(SharingScheme scheme, int e768, int e128, boolean pooler) {}

    static final Row[] TABLE_4 = {
            new Row(SharingScheme.ALL, 31, 12, true),
            new Row(SharingScheme.ATTENTION_ONLY, 83, 64, true),
            new Row(SharingScheme.FFN_ONLY, 57, 38, true),
            new Row(SharingScheme.NONE, 108, 89, false),
    };

    static long count(int e, boolean pooler, SharingScheme scheme) {
        return ParameterAccounting.of(albertBase(e, pooler), scheme).uniqueParameters();
    }

    @Test
    void reproducesAlbertTable4WithinHalfAMillion() {
        for (Row r : TABLE_4) {
            for (int e : new int[] {768, 128}) {
                double published = (e == 768 ? r.e768() : r.e128()) * 1e6;
                long ours = count(e, r.pooler(), r.scheme());
                assertTrue(Math.abs(ours - published) <= HALF_MILLION,
                        r.scheme() + " E=" + e + (r.pooler() ? " with" : " without") + " pooler: " + ours + " vs published " + published);
            }
        }
    }

    @Test
    void exactCountsAreTheClosedForms() {
        long layer = 4L * 768 * 768 + 4 * 768 + 2L * 768 * 3072 + 3072 + 768 + 4 * 768;   // 7,087,872 (attention, FFN, 2 LayerNorms)
        long attention = 4L * 768 * 768 + 4 * 768, ffn = 2L * 768 * 3072 + 3072 + 768, norms = 4 * 768;
        long pooler = 768L * 768 + 768;
        long emb768 = 30000L * 768 + 512 * 768 + 2 * 768 + 2 * 768;                                       // 23,436,288
        long emb128 = 30000L * 128 + 512 * 128 + 2 * 128 + 2 * 128 + 128 * 768 + 768;                     // 4,005,120
        assertEquals(7_087_872, layer);
        assertEquals(11_683_584, emb128 + layer + pooler, "ALBERT-base as released (all shared, E = 128)");
        for (long[] x : new long[][] {{768, emb768}, {128, emb128}}) {
            int e = (int) x[0];
            long emb = x[1];
            assertEquals(emb + layer + pooler, count(e, true, SharingScheme.ALL));
            assertEquals(emb + attention + 12 * (ffn + norms) + pooler, count(e, true, SharingScheme.ATTENTION_ONLY));
            assertEquals(emb + ffn + 12 * (attention + norms) + pooler, count(e, true, SharingScheme.FFN_ONLY));
            assertEquals(emb + 12 * layer, count(e, false, SharingScheme.NONE));
            assertEquals(pooler, count(e, true, SharingScheme.NONE) - count(e, false, SharingScheme.NONE));
        }
        // The factorization is the saving: (768 - 128) per row of the word, position and token-type tables and per
        // embedding-norm vector (30000 + 512 + 2 + 2), less the 128 x 768 projection and its bias.
        assertEquals(640L * 30516 - 128 * 768 - 768, count(768, false, SharingScheme.NONE) - count(128, false, SharingScheme.NONE));
    }

    @Test
    void embeddingGroupHoldsTheFactorizationAndPoolerItsOwn() {
        ParameterAccounting a = ParameterAccounting.of(albertBase(128, true), SharingScheme.ALL);
        assertEquals(30000L * 128 + 512 * 128 + 2 * 128 + 2 * 128 + 128 * 768 + 768, a.unique(ParameterGroup.EMBEDDINGS));
        assertEquals(768L * 768 + 768, a.unique(ParameterGroup.POOLER));
        assertEquals(0, a.unique(ParameterGroup.OUTPUT_PROJECTION), "tied: the output layer is the embedding table");
        ModelWeights w = ModelWeights.initialize(albertBase(128, true).toBuilder().encoderLayers(2).vocabulary(50).maxSequence(16).build(), SharingScheme.ALL);
        assertEquals(ParameterAccounting.of(w.config(), SharingScheme.ALL).uniqueParameters(), ParameterAccounting.of(w).uniqueParameters(),
                "the allocated arrays agree with the layout's count");
    }

    @Test
    void badEmbeddingSettingsAreRejectedWithTheFieldName() {
        var e = assertThrows(IllegalArgumentException.class, () -> new EmbeddingConfig(-1, false, 0, false, false));
        assertTrue(e.getMessage().contains("embedding size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EmbeddingConfig(0, false, -2, false, false));
        assertTrue(e.getMessage().contains("tokenTypes"), e.getMessage());
    }
}
