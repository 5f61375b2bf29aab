package hetero.experiments.bench;

import hetero.kernels.AttentionLaunch;
import hetero.kernels.GemmLaunch;
import hetero.kernels.Launch;
import hetero.kernels.SoftmaxLaunch;
import hetero.runtime.api.DataTransferMode;
import hetero.runtime.api.Devices;
import hetero.runtime.api.ExecutionPlan;
import hetero.runtime.api.ExecutionResult;
import hetero.runtime.api.TaskGraph;
import hetero.runtime.backend.Device;

import java.util.Arrays;
import java.util.Random;

/**
 * Device-event kernel times of the attention, decode (KV cache 8192 and 32768) and GEMM variants, one CSV line per configuration
 * on stdout. Inputs are copied once (FIRST_EXECUTION), so the numbers are kernel time only; the
 * same shapes are timed by scripts/torch_reference.py on a GPU for same-run ratios.
 *
 * <pre>java ... hetero.experiments.bench.KernelTiming DEVICE [iterations]</pre>
 */
public final class KernelTiming {
    private KernelTiming() {
    }

    public static void main(String[] args) {
        Device device = Devices.get(args.length > 0 ? args[0] : "jvm");
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int[] seqs = args.length > 2 ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray() : new int[]{1024, 2048, 4096};
        int[] gemms = args.length > 3 ? Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray() : new int[]{512, 1024, 2048, 4096};
        System.out.println("device,kernel,variant,batch,heads,kvHeads,seq,dHead,causal,m,n,k,median_ms,min_ms,gflops");
        int heads = 16, dHead = 64;
        for (int seq : seqs) {
            for (boolean causal : new boolean[]{false, true}) {
                for (String variant : new String[]{"unfused", "flash", "flashTiled", "flashStrip", "flashPrivate"}) {
                    AttentionLaunch.Shape s = AttentionLaunch.Shape.of(1, heads, heads, seq, seq, dHead).causal(causal);
                    float[] q = random(s.qLength(), 1), k = random(s.kvLength(), 2), v = random(s.kvLength(), 3);
                    float[] out = new float[(int) s.qLength()];
                    Launch l = switch (variant) {
                        case "unfused" -> AttentionLaunch.unfused(q, k, v, out, s, SoftmaxLaunch.Variant.ROW_PER_GROUP);
                        case "flash" -> AttentionLaunch.flash(q, k, v, out, s);
                        case "flashStrip" -> AttentionLaunch.flashStrip(q, k, v, out, s);
                        case "flashPrivate" -> AttentionLaunch.flashPrivate(q, k, v, out, s);
                        default -> AttentionLaunch.flashTiled(q, k, v, out, s);
                    };
                    double[] ms = time(l, device, iterations);
                    System.out.printf("%s,attention,%s,1,%d,%d,%d,%d,%s,,,,%.4f,%.4f,%.1f%n", device.id(), variant, heads, heads, seq, dHead,
                            causal, ms[0], ms[1], s.flops() / (ms[0] * 1e-3) / 1e9);
                }
            }
        }
        // Decode steps over long KV caches (seq = cache length; FLOPs 4 heads L dHead).
        for (int length : new int[]{8192, 32768}) {
            for (AttentionLaunch.DecodeVariant variant : AttentionLaunch.DecodeVariant.values()) {
                AttentionLaunch.Shape s = AttentionLaunch.Shape.of(1, heads, heads, 1, length, dHead);
                float[] q = random(s.qLength(), 6), k = random(s.kvLength(), 7), v = random(s.kvLength(), 8);
                Launch l = AttentionLaunch.decode(variant, q, k, v, new float[(int) s.qLength()], s, length);
                double[] ms = time(l, device, iterations);
                System.out.printf("%s,decode,%s,1,%d,%d,%d,%d,false,,,,%.4f,%.4f,%.1f%n", device.id(), variant.name().toLowerCase(), heads, heads, length,
                        dHead, ms[0], ms[1], 4.0 * heads * length * dHead / (ms[0] * 1e-3) / 1e9);
            }
        }
        for (int n : gemms) {
            for (GemmLaunch.Variant variant : GemmLaunch.Variant.values()) {
                float[] a = random((long) n * n, 4), b = random((long) n * n, 5), c = new float[n * n];
                Launch l = GemmLaunch.of(variant, a, b, null, c, n, n, n, false, 0);
                double[] ms = time(l, device, iterations);
                System.out.printf("%s,gemm,%s,,,,,,,%d,%d,%d,%.4f,%.4f,%.1f%n", device.id(), variant.name().toLowerCase(), n, n, n,
                        ms[0], ms[1], 2.0 * n * n * n / (ms[0] * 1e-3) / 1e9);
            }
        }
    }

    static float[] random(long n, long seed) {
        Random r = new Random(seed);
        float[] f = new float[Math.toIntExact(n)];
        for (int i = 0; i < f.length; i++) f[i] = (float) r.nextGaussian();
        return f;
    }

    /** Median and min of the summed kernel times of the launch's tasks, in ms, after 3 warm-up runs. */
    static double[] time(Launch l, Device device, int iterations) {
        TaskGraph g = new TaskGraph("t");
        if (!l.inputs().isEmpty()) g.transferToDevice(DataTransferMode.FIRST_EXECUTION, l.inputs().toArray());
        l.addTo(g, "");
        double[] ms = new double[iterations];
        try (ExecutionPlan plan = l.applyGrids(new ExecutionPlan(g).withDevice(device), "t", "")) {
            for (int i = 0; i < 3; i++) plan.execute();
            for (int i = 0; i < iterations; i++) {
                ExecutionResult r = plan.execute();
                ms[i] = r.kernelNanos() / 1e6;
            }
        }
        Arrays.sort(ms);
        return new double[]{ms[iterations / 2], ms[0]};
    }
}
