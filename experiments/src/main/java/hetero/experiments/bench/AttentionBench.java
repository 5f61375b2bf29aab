package hetero.experiments.bench;

import hetero.kernels.AttentionLaunch;
import hetero.kernels.Launch;
import hetero.kernels.SoftmaxLaunch;
import hetero.runtime.api.ExecutionPlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Attention forward, batch 1, MHA, dHead 64. FLOPs 4 heads seq^2 dHead (QK^T and PV), halved
 * when causal. impl: unfused (scores, row-per-group softmax, PV: an S x S buffer), flash,
 * flashTiled, flashStrip, flashPrivate on {@code device}; vector = {@link VectorAttention} (all cores, device
 * ignored); ort = ONNX Runtime's com.microsoft MultiHeadAttention, or GroupQueryAttention when causal
 * ({@link OrtPeer}, {@code ortThreads} intra-op threads, 0 = as many as {@code device} has compute units).
 */
public class AttentionBench extends BenchDefaults {
    @Param({"1024", "4096"})
    int seq;

    @Param({"8"})
    int heads;

    @Param({"64"})
    int dHead;

    @Param({"false", "true"})
    boolean causal;

    @Param({"unfused", "flash", "flashTiled", "flashStrip", "flashPrivate", "ort", "vector"})
    String impl;

    @Param({"opencl:0:0"})
    String device;

    @Param({"0"})
    int ortThreads;

    float[] q, k, v, out;
    ExecutionPlan plan;
    OrtPeer ort;

    @Setup(Level.Trial)
    public void setUp() {
        AttentionLaunch.Shape s = AttentionLaunch.Shape.of(1, heads, heads, seq, seq, dHead).causal(causal);
        q = Plans.random(s.qLength(), 1);
        k = Plans.random(s.kvLength(), 2);
        v = Plans.random(s.kvLength(), 3);
        out = new float[(int) s.qLength()];
        Launch l = switch (impl) {
            case "unfused" -> AttentionLaunch.unfused(q, k, v, out, s, SoftmaxLaunch.Variant.ROW_PER_GROUP);
            case "flash" -> AttentionLaunch.flash(q, k, v, out, s);
            case "flashTiled" -> AttentionLaunch.flashTiled(q, k, v, out, s);
            case "flashStrip" -> AttentionLaunch.flashStrip(q, k, v, out, s);
            case "flashPrivate" -> AttentionLaunch.flashPrivate(q, k, v, out, s);
            case "vector", "ort" -> null;
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        };
        if (l != null) plan = Plans.build(l, device);
        if (impl.equals("ort")) {
            ort = OrtPeer.attention(q, k, v, heads, seq, dHead, causal, Plans.ortThreads(ortThreads, device));
            ort.run();
        }
    }

    @Benchmark
    public Object attention() {
        if (plan != null) return plan.execute();
        if (ort != null) {
            ort.run();
            return ort;
        }
        VectorAttention.forward(q, k, v, out, heads, seq, dHead, causal);
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (plan != null) plan.close();
        if (ort != null) ort.close();
    }
}
