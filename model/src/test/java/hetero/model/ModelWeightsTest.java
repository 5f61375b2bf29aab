package hetero.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelWeightsTest {

    static TransformerConfig small() {
        return TransformerConfig.builder().dModel(16).heads(4).kvHeads(2).dFF(24).encoderLayers(4).decoderLayers(3)
                .vocabulary(13).maxSequence(10).seed(5).build();
    }

    @Test
    void allSharingAliasesEveryLayer() {
        ModelWeights w = ModelWeights.initialize(small().toBuilder().decoderLayers(0).build(), SharingScheme.ALL);
        var layers = w.encoderLayers();
        for (var layer : layers) {
            assertSame(layers.get(0).selfAttention().wq(), layer.selfAttention().wq());
            assertSame(layers.get(0).ffn().w2(), layer.ffn().w2());
            assertSame(layers.get(0).ffnNorm().gamma(), layer.ffnNorm().gamma());
        }
        var all = ParameterAccounting.of(w);
        var none = ParameterAccounting.of(ModelWeights.initialize(w.config(), SharingScheme.NONE));
        long embeddings = 2L * 13 * 16;
        assertEquals(none.uniqueBytes() - 4 * embeddings, 4 * (all.uniqueBytes() - 4 * embeddings));
    }

    @Test
    void shapesFollowTheLayout() {
        ModelWeights w = ModelWeights.initialize(small(), SharingScheme.NONE);
        var a = w.encoderLayers().get(0).selfAttention();
        assertEquals(16 * 16, a.wq().length);
        assertEquals(16 * 8, a.wk().length); // dKv = kvHeads * dHead = 2 * 4
        assertEquals(8, a.bv().length);
        assertEquals(16 * 24, w.decoderLayers().get(2).ffn().w1().length);
        assertNotNull(w.decoderLayers().get(0).crossAttention());
        assertNull(w.finalNorm(Stack.ENCODER));
        assertNotSame(w.embeddings(), w.outputProjection());
    }

    @Test
    void schemesAliasExactlyTheirBlocks() {
        ModelWeights cyc = ModelWeights.initialize(small().toBuilder().encoderLayers(6).build(), SharingScheme.cycleRev(3));
        var e = cyc.encoderLayers();
        assertSame(e.get(2).ffn().w1(), e.get(3).ffn().w1());
        assertSame(e.get(0).selfAttention().wo(), e.get(5).selfAttention().wo());
        assertNotSame(e.get(0).ffn().w1(), e.get(1).ffn().w1());

        ModelWeights ed = ModelWeights.initialize(small(), SharingScheme.ENCODER_DECODER);
        for (int i = 0; i < 3; i++) {
            assertSame(ed.encoderLayers().get(i).selfAttention().wk(), ed.decoderLayers().get(i).selfAttention().wk());
            assertSame(ed.encoderLayers().get(i).ffn().b1(), ed.decoderLayers().get(i).ffn().b1());
            assertNotSame(ed.encoderLayers().get(i).selfAttentionNorm().gamma(),
                    ed.decoderLayers().get(i).selfAttentionNorm().gamma());
        }
        ModelWeights tied = ModelWeights.initialize(small().toBuilder().tiedEmbeddings(true).build(), SharingScheme.NONE);
        assertSame(tied.embeddings(), tied.outputProjection());
    }

    @Test
    void initializationIsDeterministicAndSeedDependent() {
        ModelWeights a = ModelWeights.initialize(small(), SharingScheme.NONE);
        ModelWeights b = ModelWeights.initialize(small(), SharingScheme.NONE);
        ModelWeights c = ModelWeights.initialize(small().toBuilder().seed(6).build(), SharingScheme.NONE);
        for (String name : a.tensors().keySet()) assertArrayEquals(a.tensor(name), b.tensor(name), name);
        assertFalse(Arrays.equals(a.encoderLayers().get(0).selfAttention().wq(),
                c.encoderLayers().get(0).selfAttention().wq()));
        assertFalse(Arrays.equals(a.encoderLayers().get(0).selfAttention().wq(),
                a.encoderLayers().get(1).selfAttention().wq()), "unshared layers must differ");
        // Xavier bound for a 16 x 16 matrix: sqrt(6 / 32)
        double bound = Math.sqrt(6.0 / 32);
        for (float v : a.encoderLayers().get(0).selfAttention().wq()) assertTrue(Math.abs(v) <= bound);
        for (float v : a.encoderLayers().get(0).ffnNorm().gamma()) assertEquals(1f, v);
    }

    @Test
    void fromTensorsRefusesBrokenAliasing() {
        ModelWeights w = ModelWeights.initialize(small(), SharingScheme.ALL);
        Map<String, float[]> tensors = new HashMap<>(w.tensors());
        ModelWeights copy = ModelWeights.fromTensors(small(), SharingScheme.ALL, tensors);
        assertSame(w.encoderLayers().get(3).ffn().w1(), copy.encoderLayers().get(0).ffn().w1());

        String name = "encoder.layers.2.ffn.w1";
        tensors.put(name, tensors.get(name).clone());
        var e = assertThrows(IllegalArgumentException.class,
                () -> ModelWeights.fromTensors(small(), SharingScheme.ALL, tensors));
        assertTrue(e.getMessage().contains(name), e.getMessage());
        tensors.remove(name);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ModelWeights.fromTensors(small(), SharingScheme.ALL, tensors)).getMessage().contains("missing"));
    }
}
