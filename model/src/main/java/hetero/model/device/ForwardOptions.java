package hetero.model.device;

import hetero.kernels.AttentionLaunch;
import hetero.kernels.GemmLaunch;
import hetero.kernels.NormLaunch;

import java.util.Locale;

/**
 * Which kernel variant the device forward pass uses for each building block.
 *
 * @param attention full-sequence attention: unfused (scores, softmax, PV; O(seq^2) scratch), flash (one work-item
 *                  per query row), flash-tiled (K/V tiles in local memory; dHead at most 128) or flash-private
 *                  (flash-tiled with private per-work-item accumulators)
 * @param gemm      every projection, FFN and logits GEMM
 * @param norm      LayerNorm and fused residual + LayerNorm
 * @param decode    single-query attention over a KV cache (decode steps and cross-attention while decoding)
 */
public record ForwardOptions(AttentionVariant attention, GemmLaunch.Variant gemm, NormLaunch.Variant norm,
                             AttentionLaunch.DecodeVariant decode) {
    public enum AttentionVariant {
        UNFUSED, FLASH, FLASH_TILED, FLASH_PRIVATE;

        /** Accepts {@code unfused}, {@code flash}, {@code flash-tiled} / {@code flashTiled}, {@code flash-private} / {@code flashPrivate} (any case). */
        public static AttentionVariant parse(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            return switch (t) {
                case "unfused" -> UNFUSED;
                case "flash" -> FLASH;
                case "flashtiled" -> FLASH_TILED;
                case "flashprivate" -> FLASH_PRIVATE;
                default -> throw new IllegalArgumentException("unknown attention variant '" + text + "'; known: unfused, flash, flash-tiled, flash-private");
            };
        }
    }

    public ForwardOptions {
        if (attention == null || gemm == null || norm == null || decode == null) throw new IllegalArgumentException("no option may be null");
    }

    /** The fast combination: flash-tiled attention, tiled GEMMs, one work-group per LayerNorm row, work-group decode. */
    public static ForwardOptions defaults() {
        return new ForwardOptions(AttentionVariant.FLASH_TILED, GemmLaunch.Variant.TILED, NormLaunch.Variant.GROUP,
                AttentionLaunch.DecodeVariant.GROUP);
    }

    public ForwardOptions withAttention(AttentionVariant a) { return new ForwardOptions(a, gemm, norm, decode); }

    public ForwardOptions withGemm(GemmLaunch.Variant g) { return new ForwardOptions(attention, g, norm, decode); }

    public ForwardOptions withNorm(NormLaunch.Variant n) { return new ForwardOptions(attention, gemm, n, decode); }

    public ForwardOptions withDecode(AttentionLaunch.DecodeVariant d) { return new ForwardOptions(attention, gemm, norm, d); }
}
