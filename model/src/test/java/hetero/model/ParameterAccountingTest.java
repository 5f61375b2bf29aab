package hetero.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Unique parameter counts against hand-derived closed forms. */
class ParameterAccountingTest {

    static final long D = 768, F = 3072, V = 30522;
    /** One encoder layer with biases and two LayerNorms: 4d^2 + 2df + 9d + f. */
    static final long LAYER = 4 * D * D + 2 * D * F + 9 * D + F;
    static final long ATTENTION = 4 * D * D + 4 * D;       // wq wk wv wo + four biases (kvHeads = heads)
    static final long FFN = 2 * D * F + F + D;
    static final long NORMS = 4 * D;                       // two LayerNorms, gamma and beta

    private static TransformerConfig.Builder bert() {
        return TransformerConfig.builder().dModel(768).heads(12).kvHeads(12).dFF(3072).encoderLayers(12)
                .decoderLayers(0).vocabulary((int) V).maxSequence(512);
    }

    @Test
    void encoderLayerClosedForm() {
        assertEquals(7_087_872L, LAYER);
        assertEquals(LAYER, ATTENTION + FFN + NORMS);
        var one = ParameterAccounting.of(bert().encoderLayers(1).build(), SharingScheme.NONE);
        assertEquals(LAYER, one.uniqueParameters() - 2 * V * D);
        assertEquals(ATTENTION, one.unique(ParameterGroup.ATTENTION));
        assertEquals(FFN, one.unique(ParameterGroup.FFN));
        assertEquals(NORMS, one.unique(ParameterGroup.NORMS));
    }

    @Test
    void twelveLayerEncoderPerScheme() {
        TransformerConfig c = bert().build();
        long emb = 2 * V * D; // embeddings + untied output projection
        assertEquals(12 * LAYER + emb, ParameterAccounting.of(c, SharingScheme.NONE).uniqueParameters());
        assertEquals(LAYER + emb, ParameterAccounting.of(c, SharingScheme.ALL).uniqueParameters());
        assertEquals(LAYER + V * D, ParameterAccounting.of(c.toBuilder().tiedEmbeddings(true).build(),
                SharingScheme.ALL).uniqueParameters());
        for (SharingScheme s : List.of(SharingScheme.sequence(3), SharingScheme.cycle(3), SharingScheme.cycleRev(3),
                SharingScheme.SANDWICH))
            assertEquals(3 * LAYER + emb, ParameterAccounting.of(c, s).uniqueParameters(), s.toString());
        assertEquals(4 * LAYER + emb, ParameterAccounting.of(c, SharingScheme.sequence(4)).uniqueParameters());
        assertEquals(ATTENTION + 12 * (FFN + NORMS) + emb,
                ParameterAccounting.of(c, SharingScheme.ATTENTION_ONLY).uniqueParameters());
        assertEquals(FFN + 12 * (ATTENTION + NORMS) + emb,
                ParameterAccounting.of(c, SharingScheme.FFN_ONLY).uniqueParameters());
        // sharing never changes the nominal size
        assertEquals(12 * LAYER + emb, ParameterAccounting.of(c, SharingScheme.ALL).nominalParameters());
        assertEquals(4 * (LAYER + emb), ParameterAccounting.of(c, SharingScheme.ALL).uniqueBytes());
    }

    @Test
    void groupedQueryAttentionShrinksKeyAndValueProjections() {
        // d = 768, 12 heads, kvHeads g: dKv = g * 64; attention = 2d^2 + 2 d dKv + 2d + 2 dKv
        for (int g : new int[] {12, 4, 1}) {
            long dKv = g * 64L;
            var acc = ParameterAccounting.of(bert().kvHeads(g).encoderLayers(1).build(), SharingScheme.NONE);
            assertEquals(2 * D * D + 2 * D * dKv + 2 * D + 2 * dKv, acc.unique(ParameterGroup.ATTENTION), "g=" + g);
        }
        var noBias = ParameterAccounting.of(bert().kvHeads(1).biases(false).encoderLayers(1).build(),
                SharingScheme.NONE);
        assertEquals(2 * D * D + 2 * D * 64, noBias.unique(ParameterGroup.ATTENTION));
        assertEquals(2 * D * F, noBias.unique(ParameterGroup.FFN));
    }

    @Test
    void encoderDecoderAndPreNorm() {
        TransformerConfig c = bert().encoderLayers(6).decoderLayers(6).tiedEmbeddings(true).build();
        long decoderLayer = ATTENTION + ATTENTION + FFN + 6 * D; // self, cross, ffn, three LayerNorms
        assertEquals(6 * LAYER + 6 * decoderLayer + V * D,
                ParameterAccounting.of(c, SharingScheme.NONE).uniqueParameters());
        // decoder keeps only its cross-attention and norms
        var ed = ParameterAccounting.of(c, SharingScheme.ENCODER_DECODER);
        assertEquals(6 * LAYER + 6 * (ATTENTION + 6 * D) + V * D, ed.uniqueParameters());
        assertEquals(6 * ATTENTION, ed.unique(ParameterGroup.CROSS_ATTENTION));
        assertEquals(6 * ATTENTION, ed.unique(ParameterGroup.ATTENTION));
        // pre-norm adds one final LayerNorm per stack
        var pre = ParameterAccounting.of(c.toBuilder().normPlacement(NormPlacement.PRE_NORM).build(),
                SharingScheme.ALL);
        assertEquals(LAYER + decoderLayer + V * D + 2 * 2 * D, pre.uniqueParameters());
        assertEquals(4 * D, pre.unique(ParameterGroup.FINAL_NORMS));
    }

    @Test
    void identityCountOfRealWeightsAgreesWithBlockMap() {
        TransformerConfig c = TransformerConfig.builder().dModel(16).heads(4).kvHeads(2).dFF(24).encoderLayers(6)
                .decoderLayers(6).vocabulary(11).maxSequence(8).build();
        for (String s : List.of("none", "all", "attention-only", "ffn-only", "sequence:3", "cycle:2", "cycle-rev:3",
                "sandwich", "encoder-decoder")) {
            SharingScheme scheme = SharingScheme.parse(s);
            for (TransformerConfig cfg : List.of(c, c.toBuilder().tiedEmbeddings(true).biases(false).build())) {
                assertEquals(ParameterAccounting.of(cfg, scheme),
                        ParameterAccounting.of(ModelWeights.initialize(cfg, scheme)), s);
            }
        }
    }

    @Test
    void kvCacheShrinksWithKvHeadsButNotWithSharing() {
        TransformerConfig mha = bert().encoderLayers(6).decoderLayers(6).build();
        TransformerConfig mqa = mha.toBuilder().kvHeads(1).build();
        long mhaBytes = ParameterAccounting.kvCacheBytes(mha, 2, 100);
        assertEquals(2L * 2 * 6 * 100 * 768 * 4, mhaBytes);
        assertEquals(mhaBytes / 12, ParameterAccounting.kvCacheBytes(mqa, 2, 100));
        assertEquals(mhaBytes / 3, ParameterAccounting.kvCacheBytes(mha.toBuilder().kvHeads(4).build(), 2, 100));
        assertEquals(0, ParameterAccounting.kvCacheBytes(bert().build(), 2, 100));
        assertEquals(2L * 2 * 6 * 50 * 64 * 4, ParameterAccounting.crossAttentionCacheBytes(mqa, 2, 50));
    }
}
