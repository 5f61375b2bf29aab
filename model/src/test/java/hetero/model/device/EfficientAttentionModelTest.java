package hetero.model.device;

import hetero.model.AttentionKind;
import hetero.model.ModelWeights;
import hetero.model.ParameterAccounting;
import hetero.model.SharingScheme;
import hetero.model.TransformerConfig;
import hetero.runtime.api.Devices;
import hetero.runtime.backend.Device;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static hetero.model.device.DeviceForwardTest.TOLERANCE;
import static hetero.model.device.DeviceForwardTest.assertClose;
import static hetero.model.device.DeviceForwardTest.small;
import static hetero.model.device.DeviceForwardTest.tokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Linear and local attention in the model: the decoder's steps (constant-size linear state, local ring cache) give
 * the same logits as the full causal forward pass with the same attention, under several sharing schemes, and the
 * memory the decoder holds is the closed form of {@link ParameterAccounting#decodeStateBytes}.
 */
class EfficientAttentionModelTest {
    @Test
    void decodeStepsEqualTheFullForwardPassForLinearAndLocalAttention() {
        int batch = 2, n = 7;
        for (AttentionKind kind : new AttentionKind[] {AttentionKind.LINEAR, AttentionKind.local(3)}) {
            for (String scheme : new String[] {"none", "all", "cycle:2"}) {
                TransformerConfig config = small().encoderLayers(0).decoderLayers(2).kvHeads(1).attention(kind).build();
                ModelWeights w = ModelWeights.initialize(config, SharingScheme.parse(scheme));
                int vocab = config.vocabulary();
                int[] ids = tokens(31, batch * n, vocab);
                for (Device d : Devices.list()) {
                    float[] full;
                    try (DeviceForward f = DeviceForward.decoderOnly(w, ForwardOptions.defaults(), batch, n, d)) {
                        f.target(ids).execute();
                        full = f.logits().clone();
                    }
                    try (DeviceDecoder dec = new DeviceDecoder(w, ForwardOptions.defaults(), batch, config.maxSequence(), null, 0, null, d)) {
                        for (int round = 0; round < 2; round++) {   // the second round restarts the state / ring
                            dec.seek(0);
                            for (int t = 0; t < n; t++) {
                                float[] logits = dec.step(new int[] {ids[t], ids[n + t]});
                                for (int b = 0; b < batch; b++) {
                                    double[] want = new double[vocab];
                                    for (int v = 0; v < vocab; v++) want[v] = full[(b * n + t) * vocab + v];
                                    assertClose(d.id() + " " + kind + " " + scheme + " round " + round + " step " + t + " seq " + b, want,
                                            Arrays.copyOfRange(logits, b * vocab, (b + 1) * vocab), TOLERANCE);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void linearAttentionChangesTheEncoderOutput() {
        // The attention choice reaches the kernels: same weights, different attention, different output.
        TransformerConfig softmax = small().decoderLayers(0).encoderLayers(1).build();
        int seq = 9;
        int[] ids = tokens(5, seq, softmax.vocabulary());
        float[][] out = new float[2][];
        int i = 0;
        for (TransformerConfig c : new TransformerConfig[] {softmax, softmax.toBuilder().encoderAttention(AttentionKind.LINEAR).build()}) {
            ModelWeights w = ModelWeights.initialize(c, SharingScheme.NONE);
            try (DeviceForward f = DeviceForward.encoder(w, ForwardOptions.defaults(), 1, seq, Devices.get("jvm"))) {
                f.source(ids, null).execute();
                out[i++] = f.encoderOutput().clone();
            }
        }
        double diff = 0;
        for (int k = 0; k < out[0].length; k++) diff = Math.max(diff, Math.abs(out[0][k] - out[1][k]));
        assertTrue(diff > 1e-3, "linear and softmax encoders gave the same output (max diff " + diff + ")");
    }

    @Test
    void decoderMemoryIsTheDecodeStateClosedForm() {
        int batch = 2, capacity = 12;
        for (AttentionKind kind : new AttentionKind[] {AttentionKind.SOFTMAX, AttentionKind.LINEAR, AttentionKind.local(5)}) {
            TransformerConfig c = small().encoderLayers(0).decoderLayers(3).kvHeads(2).decoderAttention(kind).build();
            ModelWeights w = ModelWeights.initialize(c, SharingScheme.ALL);
            try (DeviceDecoder dec = new DeviceDecoder(w, ForwardOptions.defaults(), batch, capacity, null, 0, null, Devices.get("jvm"))) {
                dec.step(new int[] {1, 2});
                assertEquals(dec.memory().totalBytes(), dec.lastResult().deviceBytes(), kind + ": accounted bytes = the plan's device bytes");
                assertEquals(ParameterAccounting.decodeStateBytes(c, batch, capacity), dec.memory().kvCacheBytes(), kind.toString());
            }
        }
        TransformerConfig lin = small().encoderLayers(0).decoderLayers(3).kvHeads(2).decoderAttention(AttentionKind.LINEAR).build();
        assertEquals(2L * 3 * 2 * lin.dHead() * (lin.dHead() + 1) * 4, ParameterAccounting.decodeStateBytes(lin, 2, 100_000),
                "linear: batch * layers * kvHeads * dHead * (dHead + 1) * 4, whatever the length");
        assertEquals(ParameterAccounting.decodeStateBytes(lin, 2, 10), ParameterAccounting.decodeStateBytes(lin, 2, 100_000));
    }

    @Test
    void aLinearDecoderCannotGoBack() {
        TransformerConfig c = small().encoderLayers(0).decoderLayers(1).decoderAttention(AttentionKind.LINEAR).build();
        try (DeviceDecoder dec = new DeviceDecoder(ModelWeights.initialize(c, SharingScheme.NONE), ForwardOptions.defaults(), 1, 8, null, 0, null,
                Devices.get("jvm"))) {
            dec.step(new int[] {1});
            dec.step(new int[] {2});
            var e = assertThrows(IllegalArgumentException.class, () -> dec.seek(1));
            assertTrue(e.getMessage().contains("running sum"), e.getMessage());
        }
    }
}
