package hetero.model.device;

import hetero.kernels.AttentionLaunch;
import hetero.kernels.EfficientAttentionLaunch;
import hetero.kernels.EmbeddingLaunch;
import hetero.kernels.GemmLaunch;
import hetero.kernels.HeadLayoutLaunch;
import hetero.model.AttentionKind;
import hetero.model.ModelWeights;
import hetero.model.NormPlacement;
import hetero.model.Stack;
import hetero.model.TransformerConfig;
import hetero.runtime.api.DataTransferMode;
import hetero.runtime.api.ExecutionPlan;
import hetero.runtime.api.ExecutionResult;
import hetero.runtime.api.TaskGraph;
import hetero.runtime.backend.Device;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Autoregressive decoding with a KV cache on the device: each {@link #step} feeds one token per sequence and runs
 * one task graph that embeds it at the current position, and in every decoder layer projects its key and value,
 * appends them to that layer's cache (a head-layout split at the cache offset), attends over the cache with the
 * decode-step kernel, and finishes with the FFN; the step returns that position's logits [batch x vocab].
 *
 * <p>Caches are [batch, kvHeads, capacity, dHead] per layer for K and for V, on the device only; layers that share
 * weights still have their own caches (their activations differ). Their bytes are
 * 2 * layers * batch * kvHeads * capacity * dHead * 4, so kvHeads = 1 makes them heads times smaller.
 * The current length travels as a one-int-per-sequence valid-length array (copied every step), so the attention
 * kernels never need recompiling; the write offset and the embedding position are scalar arguments set by name.
 *
 * <p>The decoder's {@link AttentionKind} decides what a step keeps: softmax, the KV cache above; local:W, a ring of
 * the last min(capacity, W) keys and values (written at position mod W; the attention is order-free, so the same
 * decode kernel reads it); linear, no cache at all but a state of dHead x (dHead + 1) floats per KV head and layer,
 * updated with the new token's key and value and read by its query, the same size at every length
 * ({@link hetero.model.ParameterAccounting#decodeStateBytes}). {@link #memory()} reports these bytes as the cache.
 *
 * <p>Cross-attention (encoder-decoder models): keys and values of the encoder output are projected once, in the
 * constructor, by a separate small plan, and uploaded once (FIRST_EXECUTION) to the step plan; each step then
 * attends to them with the same decode kernel (one query, the source valid length as mask).
 */
public final class DeviceDecoder implements AutoCloseable {
    private final TransformerConfig config;
    private final int batch, capacity;
    private final int[] ids, cacheLength;
    private final float[] logits;
    private final TaskGraph graph;
    private final List<String> embedTasks, appendTasks, resetTasks;
    private final boolean linear;
    private final int ring;
    private final ExecutionPlan plan;
    private final DeviceMemory memory;
    private int length;
    private ExecutionResult lastResult;

    /**
     * @param memory    encoder output [batch x srcLen x d] for a model with cross-attention, else null
     * @param srcValid  valid source lengths (null = all srcLen)
     * @param capacity  the most tokens a sequence may hold (the cache length), at most maxSequence
     */
    public DeviceDecoder(ModelWeights weights, ForwardOptions options, int batch, int capacity, float[] memory, int srcLen, int[] srcValid,
                         Device device) {
        this.config = weights.config();
        this.batch = batch;
        this.capacity = capacity;
        if (config.decoderLayers() == 0) throw new IllegalArgumentException("this model has no decoder");
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        if (capacity < 1 || capacity > config.maxSequence())
            throw new IllegalArgumentException("capacity " + capacity + " is outside 1..maxSequence (" + config.maxSequence() + ")");
        if (config.hasCrossAttention() != (memory != null))
            throw new IllegalArgumentException(config.hasCrossAttention() ? "this model has cross-attention: pass the encoder output"
                    : "decoder-only model: memory must be null");
        int d = config.dModel(), dKv = config.dKv(), dHead = config.dHead(), heads = config.heads(), kvHeads = config.kvHeads();
        int vocab = config.vocabulary();
        Blocks blocks = new Blocks(config, options);
        Set<Object> weightArrays = DeviceForward.weightArrays(weights);
        Set<Object> caches = Collections.newSetFromMap(new IdentityHashMap<>());

        int[] srcLengths = null;
        List<float[][]> crossKv = List.of();
        if (memory != null) {
            if (memory.length != batch * srcLen * d) throw new IllegalArgumentException("memory must be batch*srcLen*d = " + batch * srcLen * d + " floats");
            srcLengths = new int[batch];
            Arrays.fill(srcLengths, srcLen);
            if (srcValid != null) {
                if (srcValid.length != batch) throw new IllegalArgumentException("srcValid must have " + batch + " entries");
                for (int v : srcValid) if (v < 0 || v > srcLen) throw new IllegalArgumentException("valid length " + v + " outside 0.." + srcLen);
                System.arraycopy(srcValid, 0, srcLengths, 0, batch);
            }
            crossKv = projectCrossKeysAndValues(weights, blocks, memory, srcLen, device);
        }

        ids = new int[batch];
        cacheLength = new int[batch];
        Arrays.fill(cacheLength, 1);
        GraphBuilder g = new GraphBuilder("step");
        float[] y = new float[batch * d];
        embedTasks = g.add("embed", EmbeddingLaunch.lookupWithPositions(ids, weights.embeddings(), y, batch, 1, vocab, d, (float) Math.sqrt(d), 0));
        appendTasks = new ArrayList<>();
        resetTasks = new ArrayList<>();
        AttentionKind kind = config.decoderAttention();
        linear = kind.type() == AttentionKind.Type.LINEAR;
        // softmax: a cache of `capacity` rows; local:W: a ring of the last W rows (softmax does not depend on key order).
        ring = kind.type() == AttentionKind.Type.LOCAL ? Math.min(capacity, kind.window()) : capacity;
        float[] a = new float[batch * d], b = new float[batch * d], normed = new float[batch * d], sum = new float[batch * d];
        float[] proj = new float[batch * d], hidden = new float[batch * config.dFF()];
        // One query per sequence: the projection [batch, heads*dHead] already is the head-major [batch, heads, 1, dHead].
        float[] q = new float[batch * d], kNew = new float[batch * dKv], vNew = new float[batch * dKv], o = new float[batch * d];
        boolean cross = memory != null;
        int sublayers = cross ? 3 : 2, none = hetero.kernels.Activation.NONE;
        List<ModelWeights.DecoderLayer> layers = weights.decoderLayers();
        for (int l = 0; l < layers.size(); l++) {
            ModelWeights.DecoderLayer layer = layers.get(l);
            String p = "l" + l;
            ModelWeights.Attention sa = layer.selfAttention();
            float[] state = linear ? new float[Math.toIntExact(EfficientAttentionLaunch.linearStateBytes(batch, kvHeads, dHead) / Float.BYTES)] : null;
            float[][] kv = linear ? null : new float[][] {new float[batch * kvHeads * ring * dHead], new float[batch * kvHeads * ring * dHead]};
            if (linear) caches.add(state);
            else Collections.addAll(caches, kv[0], kv[1]);
            int s = 0;
            float[] in = y, out = Blocks.sublayerOutput(s++, sublayers, y, a, b);
            float[] x = blocks.sublayerInput(g, p + "_self", in, layer.selfAttentionNorm(), normed, batch);
            blocks.linear(g, p + "_self_q", x, batch, d, sa.wq(), sa.bq(), q, d, none);
            blocks.linear(g, p + "_self_k", x, batch, d, sa.wk(), sa.bk(), kNew, dKv, none);
            blocks.linear(g, p + "_self_v", x, batch, d, sa.wv(), sa.bv(), vNew, dKv, none);
            if (linear) {
                // No cache: the step folds the new key and value into the layer's constant-size state, then reads it.
                AttentionLaunch.Shape one = AttentionLaunch.Shape.of(batch, heads, kvHeads, 1, 1, dHead);
                for (String id : g.add(p + "_self", EfficientAttentionLaunch.linearDecode(q, kNew, vNew, state, state, o, one, true)))
                    if (id.endsWith("_update")) resetTasks.add(id);
            } else {
                appendTasks.addAll(g.add(p + "_self_k", HeadLayoutLaunch.split(kNew, kv[0], batch, 1, kvHeads, dHead, ring, 0)));
                appendTasks.addAll(g.add(p + "_self_v", HeadLayoutLaunch.split(vNew, kv[1], batch, 1, kvHeads, dHead, ring, 0)));
                AttentionLaunch.Shape selfShape = AttentionLaunch.Shape.of(batch, heads, kvHeads, 1, ring, dHead).validLength(cacheLength);
                g.add(p + "_self", AttentionLaunch.decode(options.decode(), q, kv[0], kv[1], o, selfShape, ring));
            }
            blocks.linear(g, p + "_self_o", o, batch, d, sa.wo(), sa.bo(), proj, d, none);
            blocks.closeSublayer(g, p + "_self", in, proj, layer.selfAttentionNorm(), sum, out, batch);
            if (cross) {
                in = out;
                out = Blocks.sublayerOutput(s++, sublayers, y, a, b);
                x = blocks.sublayerInput(g, p + "_cross", in, layer.crossAttentionNorm(), normed, batch);
                ModelWeights.Attention ca = layer.crossAttention();
                blocks.linear(g, p + "_cross_q", x, batch, d, ca.wq(), ca.bq(), q, d, none);
                AttentionLaunch.Shape crossShape = AttentionLaunch.Shape.of(batch, heads, kvHeads, 1, srcLen, dHead).validLength(srcLengths);
                g.add(p + "_cross", AttentionLaunch.decode(options.decode(), q, crossKv.get(l)[0], crossKv.get(l)[1], o, crossShape, srcLen));
                blocks.linear(g, p + "_cross_o", o, batch, d, ca.wo(), ca.bo(), proj, d, none);
                blocks.closeSublayer(g, p + "_cross", in, proj, layer.crossAttentionNorm(), sum, out, batch);
            }
            in = out;
            out = Blocks.sublayerOutput(s, sublayers, y, a, b);
            x = blocks.sublayerInput(g, p + "_ffn", in, layer.ffnNorm(), normed, batch);
            blocks.feedForward(g, p + "_ffn", layer.ffn(), x, hidden, proj, batch);
            blocks.closeSublayer(g, p + "_ffn", in, proj, layer.ffnNorm(), sum, out, batch);
        }
        float[] h = y;
        if (config.normPlacement() == NormPlacement.PRE_NORM) {
            h = new float[y.length];
            blocks.layerNorm(g, "final_ln", y, weights.finalNorm(Stack.DECODER), h, batch);
        }
        logits = new float[batch * vocab];
        g.add("logits", GemmLaunch.of(options.gemm(), h, weights.outputProjection(), null, logits, batch, vocab, d, true, none));

        graph = g.graph();
        g.transferWeightsOnce(weightArrays);
        for (float[][] kv : crossKv) graph.transferToDevice(DataTransferMode.FIRST_EXECUTION, kv[0], kv[1]);
        if (srcLengths != null) graph.transferToDevice(DataTransferMode.FIRST_EXECUTION, srcLengths);
        graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, ids);
        if (!linear) graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, cacheLength);   // read by the cache attention only
        graph.transferToHost(DataTransferMode.EVERY_EXECUTION, logits);
        // cross-attention keys/values are a cache too: projected once per source, read by every step
        for (float[][] kv : crossKv) {
            caches.add(kv[0]);
            caches.add(kv[1]);
        }
        this.memory = DeviceMemory.of(List.of(graph), weightArrays, caches);
        plan = new ExecutionPlan(graph).withDevice(device);
        g.applyGrids(plan);
    }

    /** K = memory Wk + bk and V = memory Wv + bv per decoder layer, head-major [batch, kvHeads, srcLen, dHead]. */
    private List<float[][]> projectCrossKeysAndValues(ModelWeights weights, Blocks blocks, float[] memory, int srcLen, Device device) {
        int d = config.dModel(), dKv = config.dKv(), rows = batch * srcLen, none = hetero.kernels.Activation.NONE;
        GraphBuilder g = new GraphBuilder("cross_kv");
        float[] k = new float[rows * dKv], v = new float[rows * dKv];
        List<float[][]> out = new ArrayList<>();
        List<ModelWeights.DecoderLayer> layers = weights.decoderLayers();
        for (int l = 0; l < layers.size(); l++) {
            ModelWeights.Attention ca = layers.get(l).crossAttention();
            float[] kh = new float[k.length], vh = new float[v.length];
            blocks.linear(g, "l" + l + "_k", memory, rows, d, ca.wk(), ca.bk(), k, dKv, none);
            blocks.linear(g, "l" + l + "_v", memory, rows, d, ca.wv(), ca.bv(), v, dKv, none);
            g.add("l" + l + "_k", HeadLayoutLaunch.split(k, kh, batch, srcLen, config.kvHeads(), config.dHead(), srcLen, 0));
            g.add("l" + l + "_v", HeadLayoutLaunch.split(v, vh, batch, srcLen, config.kvHeads(), config.dHead(), srcLen, 0));
            g.graph().transferToHost(DataTransferMode.EVERY_EXECUTION, kh, vh);
            out.add(new float[][] {kh, vh});
        }
        g.transferWeightsOnce(DeviceForward.weightArrays(weights));
        g.graph().transferToDevice(DataTransferMode.EVERY_EXECUTION, memory);
        try (ExecutionPlan p = new ExecutionPlan(g.graph()).withDevice(device)) {
            g.applyGrids(p);
            p.execute();
        }
        return out;
    }

    /**
     * Feeds the next token of every sequence ([batch] ids) at position {@link #length()}; returns the logits
     * [batch x vocab] of that position (the plan's own array, overwritten by the next step).
     */
    public float[] step(int[] tokens) {
        if (tokens.length != batch) throw new IllegalArgumentException("one token per sequence: expected " + batch + ", got " + tokens.length);
        if (length >= capacity) throw new IllegalStateException("KV cache full: capacity " + capacity);
        for (int t : tokens)
            if (t < 0 || t >= config.vocabulary()) throw new IllegalArgumentException("token id " + t + " is outside 0.." + (config.vocabulary() - 1));
        System.arraycopy(tokens, 0, ids, 0, batch);
        Arrays.fill(cacheLength, Math.min(length + 1, ring));
        for (String id : embedTasks) GraphBuilder.setArgument(graph, id, EMBEDDING_POSITION, length);
        for (String id : appendTasks) GraphBuilder.setArgument(graph, id, HeadLayoutLaunch.OFFSET_PARAMETER, length % ring);
        for (String id : resetTasks) GraphBuilder.setArgument(graph, id, EfficientAttentionLaunch.RESET_PARAMETER, length == 0 ? 1 : 0);
        lastResult = plan.execute();
        length++;
        return logits;
    }

    /** The profile of the last step. */
    public ExecutionResult lastResult() {
        return lastResult;
    }

    /** Tokens fed so far (the cache length). */
    public int length() {
        return length;
    }

    /**
     * Moves the write position back to {@code position} <= length(): the next step overwrites that cache row and
     * sees rows 0..position. {@code seek(0)} starts a new sequence (stale rows beyond the length are masked).
     */
    public void seek(int position) {
        if (position < 0 || position > length) throw new IllegalArgumentException("position " + position + " is outside 0..length (" + length + ")");
        if (linear && position != 0 && position != length)
            throw new IllegalArgumentException("a linear-attention decoder keeps a running sum, not the past tokens: it can restart (seek(0)) but not go back to " + position);
        if (ring < capacity && length > ring && position != 0 && position != length)
            throw new IllegalArgumentException("a local-attention decoder keeps only the last " + ring + " tokens: it can restart (seek(0)) but not go back to "
                    + position + " once older tokens were overwritten");
        length = position;
    }

    public DeviceMemory memory() {
        return memory;
    }

    public int capacity() {
        return capacity;
    }

    @Override
    public void close() {
        plan.close();
    }

    /** The embedding kernel's position parameter, moved by {@link #step} (a clear error names it if it is ever renamed). */
    private static final String EMBEDDING_POSITION = "startPos";
}
