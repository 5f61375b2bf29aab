package hetero.model.device;

import hetero.kernels.AttentionLaunch;
import hetero.model.ModelWeights;
import hetero.model.NormPlacement;
import hetero.model.SharingScheme;
import hetero.model.TransformerConfig;
import hetero.model.reference.IncrementalDecoder;
import hetero.model.reference.ReferenceTransformer;
import hetero.runtime.api.Devices;
import hetero.runtime.backend.Device;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static hetero.model.device.DeviceForwardTest.TOLERANCE;
import static hetero.model.device.DeviceForwardTest.assertClose;
import static hetero.model.device.DeviceForwardTest.small;
import static hetero.model.device.DeviceForwardTest.tokens;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Decode steps with the device KV cache against full recomputation (device) and the float64 incremental decoder. */
class DeviceDecoderTest {
    @Test
    void decodeWithKvCacheEqualsFullRecomputationDecoderOnly() {
        int batch = 2, n = 7;
        TransformerConfig config = small().encoderLayers(0).decoderLayers(2).build();
        ModelWeights w = ModelWeights.initialize(config, SharingScheme.parse("cycle:2"));
        int vocab = config.vocabulary();
        int[] ids = tokens(21, batch * n, vocab);
        for (Device d : Devices.list()) {
            for (AttentionLaunch.DecodeVariant variant : AttentionLaunch.DecodeVariant.values()) {
                ForwardOptions o = ForwardOptions.defaults().withDecode(variant);
                float[] full;
                try (DeviceForward f = DeviceForward.decoderOnly(w, o, batch, n, d)) {
                    f.target(ids).execute();
                    full = f.logits().clone();
                }
                try (DeviceDecoder dec = new DeviceDecoder(w, o, batch, config.maxSequence(), null, 0, null, d)) {
                    for (int t = 0; t < n; t++) {
                        int[] step = {ids[t], ids[n + t]};
                        float[] logits = dec.step(step);
                        for (int b = 0; b < batch; b++) {
                            double[] want = new double[vocab];
                            for (int v = 0; v < vocab; v++) want[v] = full[(b * n + t) * vocab + v];
                            assertClose(d.id() + " " + variant + " step " + t + " seq " + b, want, Arrays.copyOfRange(logits, b * vocab, (b + 1) * vocab), TOLERANCE);
                        }
                    }
                    assertEquals(n, dec.length());
                }
            }
        }
    }

    @Test
    void encoderDecoderDecodeMatchesTheIncrementalReferenceAfterSeekingBack() {
        int src = 6, n = 5, valid = 4;
        TransformerConfig config = small().encoderLayers(2).decoderLayers(2).normPlacement(NormPlacement.PRE_NORM).build();
        ModelWeights w = ModelWeights.initialize(config, SharingScheme.parse("all"));
        ReferenceTransformer ref = new ReferenceTransformer(w);
        int[] srcIds = tokens(2, src, config.vocabulary()), tgt = tokens(3, n, config.vocabulary());
        double[] memory = ref.encode(srcIds, 1, src, new int[] {valid});
        float[] memoryF = new float[memory.length];
        for (int i = 0; i < memory.length; i++) memoryF[i] = (float) memory[i];
        for (Device d : Devices.list()) {
            try (DeviceDecoder dec = new DeviceDecoder(w, ForwardOptions.defaults(), 1, 8, memoryF, src, new int[] {valid}, d)) {
                for (int round = 0; round < 2; round++) {   // the second round reuses the cache from position 0
                    IncrementalDecoder inc = ref.incrementalDecoder(memory, src, valid);
                    dec.seek(0);
                    for (int t = 0; t < n; t++) {
                        double[] want = inc.step(tgt[t]);
                        assertClose(d.id() + " round " + round + " step " + t, want, dec.step(new int[] {tgt[t]}), TOLERANCE);
                    }
                }
            }
        }
    }

    @Test
    void kvCacheBytesFollowTheClosedFormAndShrinkByHeadsWithOneKvHead() {
        int batch = 2, capacity = 12, heads = 4;
        TransformerConfig mha = small().encoderLayers(0).decoderLayers(3).heads(heads).kvHeads(heads).build();
        TransformerConfig mqa = mha.toBuilder().kvHeads(1).build();
        long[] bytes = new long[2];
        int i = 0;
        for (TransformerConfig c : new TransformerConfig[] {mha, mqa}) {
            ModelWeights w = ModelWeights.initialize(c, SharingScheme.parse("all"));
            try (DeviceDecoder dec = new DeviceDecoder(w, ForwardOptions.defaults(), batch, capacity, null, 0, null, Devices.get("jvm"))) {
                dec.step(new int[] {1, 2});
                assertEquals(dec.memory().totalBytes(), dec.lastResult().deviceBytes(), "accounted bytes = the plan's device bytes");
                bytes[i++] = dec.memory().kvCacheBytes();
            }
        }
        assertEquals(2L * 3 * batch * heads * capacity * mha.dHead() * 4, bytes[0], "K and V * 3 layers * batch * heads * capacity * dHead * 4 bytes");
        assertEquals(bytes[0], heads * bytes[1], "kvHeads = 1 makes the cache heads times smaller");
    }
}
