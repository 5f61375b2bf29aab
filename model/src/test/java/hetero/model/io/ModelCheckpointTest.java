package hetero.model.io;

import static org.junit.jupiter.api.Assertions.*;

import hetero.model.Activation;
import hetero.model.ModelWeights;
import hetero.model.NormPlacement;
import hetero.model.ParameterAccounting;
import hetero.model.SharingScheme;
import hetero.model.TransformerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckpointTest {

    @TempDir Path dir;

    static TransformerConfig config() {
        return TransformerConfig.builder().dModel(16).heads(4).kvHeads(2).dFF(24).encoderLayers(4).decoderLayers(3)
                .vocabulary(13).maxSequence(10).seed(9).activation(Activation.GELU)
                .normPlacement(NormPlacement.PRE_NORM).tiedEmbeddings(true).build();
    }

    @Test
    void metadataKeepsAttentionKindsAndEmbeddingSettings() {
        hetero.model.TransformerConfig c = hetero.model.TransformerConfig.builder().encoderAttention(hetero.model.AttentionKind.LINEAR)
                .decoderAttention(hetero.model.AttentionKind.local(64)).embeddings(hetero.model.EmbeddingConfig.bertStyle(128)).build();
        assertEquals(c, ModelCheckpoint.config(ModelCheckpoint.metadata(c, hetero.model.SharingScheme.NONE)));
        var old = new java.util.HashMap<>(ModelCheckpoint.metadata(hetero.model.TransformerConfig.builder().build(), hetero.model.SharingScheme.NONE));
        old.keySet().removeIf(k -> k.endsWith("Attention") || k.endsWith("embeddings"));
        assertEquals(hetero.model.TransformerConfig.builder().build(), ModelCheckpoint.config(old), "a checkpoint from before these fields reads as softmax, standard");
    }

    @Test
    void roundTripRestoresValuesConfigSchemeAndAliasing() throws Exception {
        ModelWeights w = ModelWeights.initialize(config(), SharingScheme.cycleRev(2));
        Path file = dir.resolve("m.safetensors");
        ModelCheckpoint.save(w, file);
        ModelWeights r = ModelCheckpoint.load(file);

        assertEquals(w.config(), r.config());
        assertEquals(w.scheme(), r.scheme());
        for (String name : w.tensors().keySet()) assertArrayEquals(w.tensor(name), r.tensor(name), name);
        assertSame(r.embeddings(), r.outputProjection());
        assertSame(r.encoderLayers().get(1).selfAttention().wq(), r.encoderLayers().get(2).selfAttention().wq());
        assertNotSame(r.encoderLayers().get(0).selfAttention().wq(), r.encoderLayers().get(1).selfAttention().wq());
        assertEquals(ParameterAccounting.of(w), ParameterAccounting.of(r));

        // the data section holds each shared array once
        long size = Files.size(file);
        long unique = ParameterAccounting.of(w).uniqueBytes();
        assertTrue(size > unique && size < unique + 16_384, "size " + size + " vs unique bytes " + unique);
    }

    @Test
    void refusesTruncatedCheckpointAndForeignFiles() throws Exception {
        Path file = dir.resolve("m.safetensors");
        ModelCheckpoint.save(ModelWeights.initialize(config(), SharingScheme.ALL), file);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 100));
        var e = assertThrows(IllegalArgumentException.class, () -> ModelCheckpoint.load(cut));
        assertTrue(e.getMessage().contains("cut.safetensors"), e.getMessage());

        Path plain = dir.resolve("plain.safetensors");
        SafeTensors.write(plain, java.util.Map.of(), java.util.Map.of());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelCheckpoint.load(plain))
                .getMessage().contains("format"));
    }
}
