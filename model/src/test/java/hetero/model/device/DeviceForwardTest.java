package hetero.model.device;

import hetero.kernels.GemmLaunch;
import hetero.model.Activation;
import hetero.model.ModelWeights;
import hetero.model.NormPlacement;
import hetero.model.SharingScheme;
import hetero.model.TransformerConfig;
import hetero.kernels.AttentionLaunch;
import hetero.kernels.NormLaunch;
import hetero.model.reference.ReferenceTransformer;
import hetero.runtime.api.Devices;
import hetero.runtime.api.ExecutionResult;
import hetero.runtime.backend.Device;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The device forward pass against the float64 reference on every device. Tolerance: max |device - reference|
 * <= 1e-3 on hidden states and logits of order 1, for 2-3 float32 layers with d <= 64 (float32 rounding over
 * sums of <= 64 terms, LayerNorm and exp give errors around 1e-5..1e-4; 1e-3 leaves room for native exp/erf
 * on devices, while a wrong mask, layout or sharing bug gives errors of order 0.1 or more).
 */
class DeviceForwardTest {
    static final double TOLERANCE = 1e-3;

    static TransformerConfig.Builder small() {
        return TransformerConfig.builder().dModel(32).heads(4).kvHeads(2).dFF(48).encoderLayers(3).decoderLayers(0)
                .vocabulary(50).maxSequence(16).seed(7);
    }

    static int[] tokens(long seed, int n, int vocab) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = r.nextInt(vocab);
        return t;
    }

    static void assertClose(String what, double[] ref, float[] got, double tol) {
        assertEquals(ref.length, got.length, what + ": length");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < ref.length; i++) {
            double e = Math.abs(got[i] - ref[i]);
            if (!(e <= worst)) {
                worst = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
                at = i;
            }
        }
        if (worst > tol) fail(what + ": max error " + worst + " at element " + at + " (got " + got[at] + ", reference " + ref[at] + "), tolerance " + tol);
    }

    @Test
    void encoderMatchesTheReferenceForSeveralSchemesVariantsAndAPaddingMask() {
        int batch = 2, seq = 7;
        int[] valid = {seq, seq - 3};
        Object[][] cases = {
                {"none", AttentionLaunch.Variant.FLASH_TILED, GemmLaunch.Variant.TILED, NormPlacement.POST_NORM, Activation.RELU},
                {"all", AttentionLaunch.Variant.UNFUSED, GemmLaunch.Variant.NAIVE, NormPlacement.PRE_NORM, Activation.GELU},
                {"cycle:2", AttentionLaunch.Variant.FLASH, GemmLaunch.Variant.TILED, NormPlacement.POST_NORM, Activation.GELU},
        };
        for (Object[] c : cases) {
            TransformerConfig config = small().normPlacement((NormPlacement) c[3]).activation((Activation) c[4]).build();
            ModelWeights w = ModelWeights.initialize(config, SharingScheme.parse((String) c[0]));
            int[] ids = tokens(3, batch * seq, config.vocabulary());
            double[] ref = new ReferenceTransformer(w).encode(ids, batch, seq, valid);
            ForwardOptions o = ForwardOptions.defaults().withAttention((AttentionLaunch.Variant) c[1]).withGemm((GemmLaunch.Variant) c[2]);
            for (Device d : Devices.list()) {
                try (DeviceForward f = DeviceForward.encoder(w, o, batch, seq, d)) {
                    ExecutionResult r = f.source(ids, valid).execute();
                    String what = d.id() + " " + c[0] + " " + c[1] + " " + c[3];
                    assertClose(what, ref, f.encoderOutput(), TOLERANCE);
                    assertEquals(f.memory().totalBytes(), r.deviceBytes(), what + ": accounted bytes = the plan's device bytes");
                }
            }
        }
    }

    /** Every constant of the library's GEMM, attention and norm enums, each in some combination, against the reference. */
    @Test
    void everyLibraryVariantCanBeSelectedAndMatchesTheReference() {
        int batch = 2, seq = 7;
        int[] valid = {seq, seq - 2};
        TransformerConfig config = small().build();
        ModelWeights w = ModelWeights.initialize(config, SharingScheme.NONE);
        int[] ids = tokens(5, batch * seq, config.vocabulary());
        double[] ref = new ReferenceTransformer(w).encode(ids, batch, seq, valid);
        AttentionLaunch.Variant[] attention = AttentionLaunch.Variant.values();
        GemmLaunch.Variant[] gemm = GemmLaunch.Variant.values();
        NormLaunch.Variant[] norm = NormLaunch.Variant.values();
        int combinations = Math.max(attention.length, Math.max(gemm.length, norm.length));
        for (int i = 0; i < combinations; i++) {
            ForwardOptions o = new ForwardOptions(attention[i % attention.length], gemm[i % gemm.length], norm[i % norm.length],
                    AttentionLaunch.DecodeVariant.GROUP);
            for (Device d : Devices.list()) {
                try (DeviceForward f = DeviceForward.encoder(w, o, batch, seq, d)) {
                    f.source(ids, valid).execute();
                    assertClose(d.id() + " " + o, ref, f.encoderOutput(), TOLERANCE);
                }
            }
        }
    }

    @Test
    void encoderDecoderLogitsMatchTheReferenceWithCausalAndPaddingMasks() {
        int batch = 2, src = 6, tgt = 5;
        int[] valid = {4, src};
        TransformerConfig config = small().encoderLayers(2).decoderLayers(2).kvHeads(1).normPlacement(NormPlacement.PRE_NORM)
                .activation(Activation.GELU).build();
        ModelWeights w = ModelWeights.initialize(config, SharingScheme.parse("encoder-decoder"));
        ReferenceTransformer ref = new ReferenceTransformer(w);
        int[] srcIds = tokens(5, batch * src, config.vocabulary()), tgtIds = tokens(6, batch * tgt, config.vocabulary());
        double[] memory = ref.encode(srcIds, batch, src, valid);
        double[] logits = ref.decode(tgtIds, batch, tgt, memory, src, valid);
        for (Device d : Devices.list()) {
            try (DeviceForward f = DeviceForward.encoderDecoder(w, ForwardOptions.defaults(), batch, src, tgt, d)) {
                f.source(srcIds, valid).target(tgtIds).execute();
                assertClose(d.id() + " encoder output", memory, f.encoderOutput(), TOLERANCE);
                assertClose(d.id() + " logits", logits, f.logits(), TOLERANCE);
                // a second execution with other inputs must not see stale state
                int[] other = tokens(9, batch * tgt, config.vocabulary());
                f.target(other).execute();
                assertClose(d.id() + " logits, second run", ref.decode(other, batch, tgt, memory, src, valid), f.logits(), TOLERANCE);
            }
        }
    }

    @Test
    void decoderOnlyMatchesTheReference() {
        int batch = 1, tgt = 9;
        TransformerConfig config = small().encoderLayers(0).decoderLayers(2).tiedEmbeddings(true).build();
        ModelWeights w = ModelWeights.initialize(config, SharingScheme.parse("none"));
        int[] ids = tokens(11, batch * tgt, config.vocabulary());
        double[] ref = new ReferenceTransformer(w).decode(ids, batch, tgt, null, 0, null);
        for (Device d : Devices.list()) {
            try (DeviceForward f = DeviceForward.decoderOnly(w, ForwardOptions.defaults().withAttention(AttentionLaunch.Variant.UNFUSED), batch, tgt, d)) {
                f.target(ids).execute();
                assertClose(d.id() + " decoder-only logits", ref, f.logits(), TOLERANCE);
            }
        }
    }

    @Test
    void encoderOnActivationsMatchesTheReferenceAndKeepsItsInput() {
        int batch = 1, seq = 5, dm = 32;
        TransformerConfig config = small().encoderLayers(1).build();
        ModelWeights w = ModelWeights.initialize(config, SharingScheme.parse("none"));
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[batch * seq * dm];
        double[] xd = new double[x.length];
        for (int i = 0; i < x.length; i++) xd[i] = x[i] = (float) r.nextGaussian();
        double[] ref = new ReferenceTransformer(w).encodeActivations(xd, batch, seq, null);
        for (Device d : Devices.list()) {
            try (DeviceForward f = DeviceForward.encoderOnActivations(w, ForwardOptions.defaults(), batch, seq, d)) {
                f.sourceActivations(x, null).execute();
                f.execute();   // the input buffer is not overwritten by the layers, so a re-run gives the same output
                assertClose(d.id() + " encoder layer on activations", ref, f.encoderOutput(), TOLERANCE);
            }
        }
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        ModelWeights w = ModelWeights.initialize(small().build(), SharingScheme.parse("none"));
        Device jvm = Devices.get("jvm");
        var e = assertThrows(IllegalArgumentException.class, () -> DeviceForward.encoder(w, ForwardOptions.defaults(), 1, 17, jvm));
        assertTrue(e.getMessage().contains("maxSequence (16)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeviceForward.encoderDecoder(w, ForwardOptions.defaults(), 1, 4, 4, jvm));
        assertTrue(e.getMessage().contains("0 decoder layers"), e.getMessage());
        try (DeviceForward f = DeviceForward.encoder(w, ForwardOptions.defaults(), 1, 4, jvm)) {
            e = assertThrows(IllegalArgumentException.class, () -> f.source(new int[] {1, 2, 50, 3}, null));
            assertTrue(e.getMessage().contains("token id 50 at 2"), e.getMessage());
        }
    }
}
