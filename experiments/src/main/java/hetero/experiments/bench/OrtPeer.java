package hetero.experiments.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import hetero.kernels.HeadLayout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ONNX Runtime peer (Java API, CPU execution provider): one session over a one-node model from
 * {@link OrtModels}, inputs and the output in direct buffers made once, so {@link #run()} times
 * ORT's kernel plus its per-run overhead, like {@code plan.execute()} on our side (inputs
 * resident, no copy back). The output is pinned: ORT writes into the same buffer every run instead
 * of allocating a result.
 *
 * <p>Attention takes our head-major layout [1, heads, seq, dHead] and hands ORT its own token-major
 * [1, seq, heads * dHead] (converted once here, outside the timing); {@link #result()} converts back.
 *
 * <p>Threads: ORT's intra-op pool gets {@code threads} threads (the benchmarks pass the number of
 * cores, which is what PoCL's device uses), inter-op 1, sequential execution, all graph
 * optimizations.
 */
public final class OrtPeer implements AutoCloseable {
    private final OrtSession session;
    private final Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
    private final Map<String, OnnxTensor> output;
    private final FloatBuffer out;
    private final int heads, seq, dHead;   // attention only: to convert the output back (heads 0 for GEMM)

    private OrtPeer(byte[] model, int threads, Map<String, float[]> in, Map<String, long[]> shapes, String outName, long[] outShape,
                    int heads, int seq, int dHead) {
        this.heads = heads;
        this.seq = seq;
        this.dHead = dHead;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(model, options);
            for (Map.Entry<String, float[]> e : in.entrySet()) {
                inputs.put(e.getKey(), OnnxTensor.createTensor(env, direct(e.getValue()), shapes.get(e.getKey())));
            }
            long n = 1;
            for (long d : outShape) n *= d;
            out = direct(new float[Math.toIntExact(n)]);
            output = Map.of(outName, OnnxTensor.createTensor(env, out, outShape));
        } catch (OrtException e) {
            close();
            throw new IllegalStateException("ONNX Runtime could not set up the peer: " + e.getMessage(), e);
        }
    }

    /** C[m, n] = A[m, k] B[k, n], row-major (ONNX MatMul). */
    public static OrtPeer sgemm(float[] a, float[] b, int m, int n, int k, int threads) {
        return new OrtPeer(OrtModels.matMul(m, n, k), threads, Map.of("A", a, "B", b), Map.of("A", new long[]{m, k}, "B", new long[]{k, n}),
                "C", new long[]{m, n}, 0, 0, 0);
    }

    /**
     * Attention forward, batch 1, MHA (kvHeads = heads), scale 1/sqrt(dHead), q/k/v in our layout
     * [1, heads, seq, dHead]. Not causal: MultiHeadAttention; causal: GroupQueryAttention.
     */
    public static OrtPeer attention(float[] q, float[] k, float[] v, int heads, int seq, int dHead, boolean causal, int threads) {
        byte[] model = causal ? OrtModels.groupQueryAttention(heads, heads, seq, dHead) : OrtModels.multiHeadAttention(heads, seq, dHead);
        long[] shape = {1, seq, (long) heads * dHead};
        return new OrtPeer(model, threads, Map.of("Q", tokenMajor(q, heads, seq, dHead), "K", tokenMajor(k, heads, seq, dHead),
                "V", tokenMajor(v, heads, seq, dHead)), Map.of("Q", shape, "K", shape, "V", shape), "O", shape, heads, seq, dHead);
    }

    /** One inference, waited for (ORT's run is synchronous). */
    public void run() {
        try (OrtSession.Result r = session.run(inputs, output)) {
            // the output is the pinned buffer; nothing else to read
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime run failed: " + e.getMessage(), e);
        }
    }

    /** The last run's output, in the caller's layout (C for GEMM; [1, heads, seq, dHead] for attention). */
    public float[] result() {
        float[] r = new float[out.capacity()];
        out.get(0, r);
        if (heads == 0) return r;
        float[] headMajor = new float[r.length];
        HeadLayout.splitHeads(r, headMajor, 1, seq, heads, dHead, seq, 0);
        return headMajor;
    }

    @Override
    public void close() {
        for (OnnxTensor t : inputs.values()) t.close();
        if (output != null) for (OnnxTensor t : output.values()) t.close();
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime could not close its session: " + e.getMessage(), e);
            }
        }
    }

    private static float[] tokenMajor(float[] x, int heads, int seq, int dHead) {
        float[] t = new float[x.length];
        HeadLayout.mergeHeads(x, t, 1, seq, heads, dHead);
        return t;
    }

    private static FloatBuffer direct(float[] values) {
        FloatBuffer b = ByteBuffer.allocateDirect(values.length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        b.put(values).rewind();
        return b;
    }
}
