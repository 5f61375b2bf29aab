package hetero.model.device;

import hetero.kernels.AttentionLaunch;
import hetero.kernels.GemmLaunch;
import hetero.kernels.NormLaunch;
import hetero.kernels.tuning.Tuning;
import hetero.model.TransformerConfig;
import hetero.runtime.backend.Device;

/**
 * Which kernel variant the device forward pass uses for each building block. The fields are the kernel library's own
 * enums, so every variant the library has (and any it gains) can be selected here; {@link hetero.kernels.VariantNames}
 * parses their names.
 *
 * @param attention full-sequence softmax attention: unfused (scores, softmax, PV; O(seq^2) scratch), flash (one
 *                  work-item per query row), flashTiled (K/V tiles in local memory; dHead at most 128), flashStrip
 *                  (4 query rows per work-item; the CPU layout), ...
 * @param gemm      every projection, FFN and logits GEMM (variants without a B^T form run B^T GEMMs tiled)
 * @param norm      LayerNorm and fused residual + LayerNorm
 * @param decode    single-query attention over a KV cache (decode steps and cross-attention while decoding)
 */
public record ForwardOptions(AttentionLaunch.Variant attention, GemmLaunch.Variant gemm, NormLaunch.Variant norm,
                             AttentionLaunch.DecodeVariant decode) {
    public ForwardOptions {
        if (attention == null || gemm == null || norm == null || decode == null) throw new IllegalArgumentException("no option may be null");
    }

    /**
     * The model's default on {@code device} for this model and problem size: the variants the device's tuning file
     * ({@code results/tuning/}, written by {@code lab tune}) chose for the shape families nearest to the model's own
     * shapes, or the device kind's defaults where there is no file ({@link Tuning}). Shapes asked for: the FFN's first
     * GEMM ([batch*seq x dFF] = [batch*seq x dModel] [dModel x dFF]), self-attention over seq (causal when the model has
     * no encoder), LayerNorm over [batch*seq x dModel], and a decode step over a cache of {@code maxSequence}.
     *
     * @throws hetero.kernels.tuning.TuningFileException when the device's tuning file exists but is malformed
     */
    public static ForwardOptions forDevice(Device device, TransformerConfig c, int batch, int seq) {
        return tuned(Tuning.forDevice(device), c, batch, seq);
    }

    /** As {@link #forDevice}, with the choices of {@code tuning}. */
    public static ForwardOptions tuned(Tuning tuning, TransformerConfig c, int batch, int seq) {
        int rows = batch * seq;
        boolean causal = c.encoderLayers() == 0;
        AttentionLaunch.Shape self = AttentionLaunch.Shape.of(batch, c.heads(), c.kvHeads(), seq, seq, c.dHead()).causal(causal);
        AttentionLaunch.Shape step = AttentionLaunch.Shape.of(batch, c.heads(), c.kvHeads(), 1, c.maxSequence(), c.dHead());
        return new ForwardOptions(tuning.attention(self), tuning.gemm(rows, c.dFF(), c.dModel()), tuning.norm(rows, c.dModel()),
                tuning.decode(step, c.maxSequence()));
    }

    /**
     * The fixed combination the model used before tuning, whatever the device: flash-tiled attention, tiled GEMMs, one
     * work-group per LayerNorm row, work-group decode. It is the GPU kind's default; on CPU OpenCL drivers it is several
     * times slower than {@link #forDevice} (README, "Kernel tuning"). Kept as the baseline for comparisons and for tests
     * that want the same kernels on every device.
     */
    public static ForwardOptions defaults() {
        return new ForwardOptions(AttentionLaunch.Variant.FLASH_TILED, GemmLaunch.Variant.TILED, NormLaunch.Variant.GROUP,
                AttentionLaunch.DecodeVariant.GROUP);
    }

    public ForwardOptions withAttention(AttentionLaunch.Variant a) { return new ForwardOptions(a, gemm, norm, decode); }

    public ForwardOptions withGemm(GemmLaunch.Variant g) { return new ForwardOptions(attention, g, norm, decode); }

    public ForwardOptions withNorm(NormLaunch.Variant n) { return new ForwardOptions(attention, gemm, n, decode); }

    public ForwardOptions withDecode(AttentionLaunch.DecodeVariant d) { return new ForwardOptions(attention, gemm, norm, d); }

    @Override
    public String toString() {
        return "attention " + hetero.kernels.VariantNames.of(attention) + ", gemm " + hetero.kernels.VariantNames.of(gemm) + ", norm "
                + hetero.kernels.VariantNames.of(norm) + ", decode " + hetero.kernels.VariantNames.of(decode);
    }
}
