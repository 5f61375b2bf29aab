package hetero.experiments.workload;

import hetero.experiments.sweep.Config;
import hetero.experiments.sweep.Param;
import hetero.runtime.api.Devices;
import hetero.runtime.backend.Device;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model workloads run through the harness on every device, small configs, and agree with the reference. */
class TransformerWorkloadTest {
    static Config config(String workload, String scheme, String variant, String mask, int layers) {
        Map<Param, Object> m = new EnumMap<>(Param.class);
        m.put(Param.WORKLOAD, workload);
        m.put(Param.SCHEME, scheme);
        m.put(Param.VARIANT, variant);
        m.put(Param.MASK, mask);
        m.put(Param.LAYERS, layers);
        m.put(Param.D_MODEL, 32);
        m.put(Param.D_FF, 64);
        m.put(Param.HEADS, 4);
        m.put(Param.KV_HEADS, 2);
        m.put(Param.BATCH, 2);
        m.put(Param.SEQ, 6);
        m.put(Param.WARMUPS, 0);
        m.put(Param.ITERATIONS, 1);
        return Config.of(m);
    }

    @Test
    void everyModelWorkloadIsRegisteredRunsAndMatchesTheReference() {
        String[][] cases = {
                {"encoder-layer", "none", "unfused", "padding", "1"},
                {"encoder", "cycle:2", "flash", "padding", "2"},
                {"encoder-decoder", "encoder-decoder", "default", "none", "2"},
                {"decode", "all", "loop", "none", "2"},
        };
        for (Device d : Devices.list()) {
            for (String[] c : cases) {
                Config cfg = config(c[0], c[1], c[2], c[3], Integer.parseInt(c[4]));
                Workload w = Workloads.get(c[0]);
                assertNull(w.unsupported(cfg), c[0]);
                Measurement m = Measurer.measure(w, cfg, d);
                String what = d.id() + " " + c[0];
                assertTrue(m.accuracy().maxAbs() < 1e-3, what + ": max error " + m.accuracy().maxAbs());
                assertEquals(Accuracy.Checked.SAMPLE, m.accuracy().checked(), what + ": batch 2 checks the first sequence only");
                assertTrue(m.costs().flops() > 0 && m.costs().weightBytes() > 0 && m.costs().uniqueParams() > 0, what);
                assertTrue(m.deviceBytes() > m.costs().weightBytes(), what + ": device bytes include activations");
                assertEquals(c[0].equals("decode"), m.costs().kvCacheBytes() > 0, what + ": KV-cache bytes only for decode");
            }
        }
    }

    @Test
    void sharingShrinksTheWeightsOnTheDeviceAndBadConfigsAreSkipped() {
        Device jvm = Devices.get("jvm");
        Workload encoder = Workloads.get("encoder");
        long none = Measurer.measure(encoder, config("encoder", "none", "default", "none", 3), jvm).costs().weightBytes();
        long all = Measurer.measure(encoder, config("encoder", "all", "default", "none", 3), jvm).costs().weightBytes();
        long embeddings = 4L * TransformerWorkload.VOCABULARY * 32;
        assertEquals(3 * (all - embeddings), none - embeddings, "none holds three layers where all holds one");
        assertNotNull(encoder.unsupported(config("encoder", "cycle:4", "default", "none", 3)), "cycle:4 over 3 layers");
        assertNotNull(encoder.unsupported(config("encoder", "none", "sparse", "none", 3)), "unknown attention variant");
        assertNotNull(Workloads.get("encoder-layer").unsupported(config("encoder-layer", "none", "default", "none", 2)));
        assertNotNull(encoder.unsupported(config("encoder", "none", "default", "causal", 2)));
    }
}
