package hetero.model.device;

import hetero.kernels.EmbeddingLaunch;
import hetero.kernels.GemmLaunch;
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
 * The Transformer forward pass on a device, built from the tornado-kernels launchers: one task graph per stack
 * ({@code encoder}, {@code decoder}) in one execution plan, so the encoder output stays on the device for the
 * decoder's cross-attention. Semantics are those of {@link hetero.model.reference.ReferenceTransformer}
 * (embeddings * sqrt(d) + sinusoidal positions, padding mask on the source, causal self-attention in the decoder,
 * each stack's self-attention of its {@link AttentionKind} (softmax, linear, local:W; cross-attention is softmax),
 * post- or pre-norm, ReLU or exact GELU, logits = h E_out^T).
 *
 * <p>Sharing is aliasing: the graphs receive the {@link ModelWeights} arrays as they are, weights are declared
 * {@code FIRST_EXECUTION}, and the runtime keys device buffers by array identity, so a block shared by L layers is
 * allocated and copied once ({@link #memory()} reports the bytes). Inputs (token ids, valid lengths, input
 * activations) are copied on every execution; the encoder output and the logits come back on every execution.
 *
 * <pre>
 * try (DeviceForward f = DeviceForward.encoder(weights, ForwardOptions.forDevice(device, weights.config(), batch, seq), batch, seq, device)) {
 *     f.source(ids, validLengths).execute();
 *     float[] h = f.encoderOutput();      // [batch x seq x d]
 * }
 * </pre>
 * Not thread-safe; one plan per instance. Close it to free the device memory.
 */
public final class DeviceForward implements AutoCloseable {
    private final ModelWeights weights;
    private final TransformerConfig config;
    private final int batch, srcLen, tgtLen;
    private final int[] srcIds, srcValid, tgtIds;
    private final float[] srcActivations;
    private float[] encoderOutput, logits;
    private final List<TaskGraph> graphs = new ArrayList<>();
    private final DeviceMemory memory;
    private final ExecutionPlan plan;

    private DeviceForward(ModelWeights weights, ForwardOptions options, int batch, int srcLen, int tgtLen, boolean embedSource, Device device) {
        this.weights = weights;
        this.config = weights.config();
        this.batch = batch;
        this.srcLen = srcLen;
        this.tgtLen = tgtLen;
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        checkLength("source length", srcLen, config.encoderLayers() > 0);
        checkLength("target length", tgtLen, config.decoderLayers() > 0);
        Blocks blocks = new Blocks(config, options);
        Set<Object> weightArrays = weightArrays(weights);
        List<GraphBuilder> builders = new ArrayList<>();

        srcValid = new int[batch];
        Arrays.fill(srcValid, srcLen);
        srcIds = config.encoderLayers() > 0 && embedSource ? new int[batch * srcLen] : null;
        srcActivations = config.encoderLayers() > 0 && !embedSource ? new float[batch * srcLen * config.dModel()] : null;
        tgtIds = config.decoderLayers() > 0 ? new int[batch * tgtLen] : null;
        if (config.encoderLayers() > 0) builders.add(encoderGraph(blocks));
        if (config.decoderLayers() > 0) builders.add(decoderGraph(blocks));

        for (GraphBuilder b : builders) {
            b.transferWeightsOnce(weightArrays);
            graphs.add(b.graph());
        }
        memory = DeviceMemory.of(graphs, weightArrays, Set.of());
        plan = new ExecutionPlan(graphs.toArray(TaskGraph[]::new)).withDevice(device);
        for (GraphBuilder b : builders) b.applyGrids(plan);
    }

    /** Encoder-only forward pass from token ids: output [batch x seq x d]. */
    public static DeviceForward encoder(ModelWeights w, ForwardOptions o, int batch, int seq, Device device) {
        requireStacks(w.config(), true, false);
        return new DeviceForward(w, o, batch, seq, 0, true, device);
    }

    /** Encoder-only forward pass from embedded activations [batch x seq x d] (positions included): no embedding step. */
    public static DeviceForward encoderOnActivations(ModelWeights w, ForwardOptions o, int batch, int seq, Device device) {
        requireStacks(w.config(), true, false);
        return new DeviceForward(w, o, batch, seq, 0, false, device);
    }

    /** Encoder and decoder (teacher forcing over the whole target): logits [batch x tgtLen x vocab]. */
    public static DeviceForward encoderDecoder(ModelWeights w, ForwardOptions o, int batch, int srcLen, int tgtLen, Device device) {
        requireStacks(w.config(), true, true);
        return new DeviceForward(w, o, batch, srcLen, tgtLen, true, device);
    }

    /** Decoder-only (no cross-attention): logits [batch x tgtLen x vocab]. */
    public static DeviceForward decoderOnly(ModelWeights w, ForwardOptions o, int batch, int tgtLen, Device device) {
        requireStacks(w.config(), false, true);
        return new DeviceForward(w, o, batch, 0, tgtLen, true, device);
    }

    private static void requireStacks(TransformerConfig c, boolean encoder, boolean decoder) {
        if ((c.encoderLayers() > 0) != encoder || (c.decoderLayers() > 0) != decoder)
            throw new IllegalArgumentException("this entry point needs " + (encoder ? "an" : "no") + " encoder and " + (decoder ? "a" : "no")
                    + " decoder; the config has " + c.encoderLayers() + " encoder and " + c.decoderLayers() + " decoder layers");
    }

    private void checkLength(String what, int n, boolean used) {
        if (!used) return;
        if (n < 1 || n > config.maxSequence())
            throw new IllegalArgumentException(what + " " + n + " is outside 1..maxSequence (" + config.maxSequence() + ")");
    }

    static Set<Object> weightArrays(ModelWeights w) {
        Set<Object> s = Collections.newSetFromMap(new IdentityHashMap<>());
        s.addAll(w.tensors().values());
        return s;
    }

    private GraphBuilder encoderGraph(Blocks blocks) {
        int d = config.dModel(), rows = batch * srcLen;
        GraphBuilder g = new GraphBuilder("encoder");
        float[] x = new float[rows * d];
        float[] input;
        if (srcIds != null) {
            g.add("embed", EmbeddingLaunch.lookupWithPositions(srcIds, weights.embeddings(), x, batch, srcLen, config.vocabulary(), d,
                    (float) Math.sqrt(d), 0));
            g.graph().transferToDevice(DataTransferMode.EVERY_EXECUTION, srcIds);
            input = x;
        } else {
            g.graph().transferToDevice(DataTransferMode.EVERY_EXECUTION, srcActivations);
            input = srcActivations;   // read by layer 0, never written, so every execution starts from the caller's data
        }
        g.graph().transferToDevice(DataTransferMode.EVERY_EXECUTION, srcValid);
        Workspace ws = new Workspace(rows, d, config.dFF());
        AttentionSite self = new AttentionSite(blocks, batch, srcLen, srcLen, false, srcValid, config.encoderAttention());
        List<ModelWeights.EncoderLayer> layers = weights.encoderLayers();
        for (int l = 0; l < layers.size(); l++) {
            ModelWeights.EncoderLayer layer = layers.get(l);
            String p = "l" + l;
            float[] in = l == 0 ? input : x;
            float[] h = Blocks.sublayerOutput(0, 2, x, ws.a, ws.b);
            float[] attnIn = blocks.sublayerInput(g, p + "_self", in, layer.selfAttentionNorm(), ws.normed, rows);
            self.add(g, p + "_self", layer.selfAttention(), attnIn, attnIn, ws.proj);
            blocks.closeSublayer(g, p + "_self", in, ws.proj, layer.selfAttentionNorm(), ws.sum, h, rows);
            float[] ffnIn = blocks.sublayerInput(g, p + "_ffn", h, layer.ffnNorm(), ws.normed, rows);
            blocks.feedForward(g, p + "_ffn", layer.ffn(), ffnIn, ws.hidden, ws.proj, rows);
            blocks.closeSublayer(g, p + "_ffn", h, ws.proj, layer.ffnNorm(), ws.sum, x, rows);
        }
        encoderOutput = finalNorm(g, blocks, Stack.ENCODER, x, rows);
        g.graph().transferToHost(DataTransferMode.EVERY_EXECUTION, encoderOutput);
        return g;
    }

    private GraphBuilder decoderGraph(Blocks blocks) {
        int d = config.dModel(), rows = batch * tgtLen, vocab = config.vocabulary();
        GraphBuilder g = new GraphBuilder("decoder");
        float[] y = new float[rows * d];
        g.add("embed", EmbeddingLaunch.lookupWithPositions(tgtIds, weights.embeddings(), y, batch, tgtLen, vocab, d, (float) Math.sqrt(d), 0));
        g.graph().transferToDevice(DataTransferMode.EVERY_EXECUTION, tgtIds);
        Workspace ws = new Workspace(rows, d, config.dFF());
        AttentionSite self = new AttentionSite(blocks, batch, tgtLen, tgtLen, true, null, config.decoderAttention());
        boolean cross = config.hasCrossAttention();
        AttentionSite crossSite = cross ? new AttentionSite(blocks, batch, tgtLen, srcLen, false, srcValid, AttentionKind.SOFTMAX) : null;
        int sublayers = cross ? 3 : 2;
        List<ModelWeights.DecoderLayer> layers = weights.decoderLayers();
        for (int l = 0; l < layers.size(); l++) {
            ModelWeights.DecoderLayer layer = layers.get(l);
            String p = "l" + l;
            int s = 0;
            float[] in = y;
            float[] out = Blocks.sublayerOutput(s++, sublayers, y, ws.a, ws.b);
            float[] selfIn = blocks.sublayerInput(g, p + "_self", in, layer.selfAttentionNorm(), ws.normed, rows);
            self.add(g, p + "_self", layer.selfAttention(), selfIn, selfIn, ws.proj);
            blocks.closeSublayer(g, p + "_self", in, ws.proj, layer.selfAttentionNorm(), ws.sum, out, rows);
            if (cross) {
                in = out;
                out = Blocks.sublayerOutput(s++, sublayers, y, ws.a, ws.b);
                float[] crossIn = blocks.sublayerInput(g, p + "_cross", in, layer.crossAttentionNorm(), ws.normed, rows);
                crossSite.add(g, p + "_cross", layer.crossAttention(), crossIn, encoderOutput, ws.proj);
                blocks.closeSublayer(g, p + "_cross", in, ws.proj, layer.crossAttentionNorm(), ws.sum, out, rows);
            }
            in = out;
            out = Blocks.sublayerOutput(s, sublayers, y, ws.a, ws.b);
            float[] ffnIn = blocks.sublayerInput(g, p + "_ffn", in, layer.ffnNorm(), ws.normed, rows);
            blocks.feedForward(g, p + "_ffn", layer.ffn(), ffnIn, ws.hidden, ws.proj, rows);
            blocks.closeSublayer(g, p + "_ffn", in, ws.proj, layer.ffnNorm(), ws.sum, out, rows);
        }
        float[] h = finalNorm(g, blocks, Stack.DECODER, y, rows);
        logits = new float[rows * vocab];
        g.add("logits", GemmLaunch.of(blocks.options.gemm(), h, weights.outputProjection(), null, logits, rows, vocab, d, true,
                hetero.kernels.Activation.NONE));
        g.graph().transferToHost(DataTransferMode.EVERY_EXECUTION, logits);
        return g;
    }

    /** Pre-norm stacks end with a LayerNorm; post-norm stacks end normalized already. */
    private float[] finalNorm(GraphBuilder g, Blocks blocks, Stack stack, float[] x, int rows) {
        if (config.normPlacement() != NormPlacement.PRE_NORM) return x;
        float[] out = new float[x.length];
        blocks.layerNorm(g, "final_ln", x, weights.finalNorm(stack), out, rows);
        return out;
    }

    /** Per-stack activation buffers reused by every layer (tasks run in order on one queue). */
    private static final class Workspace {
        final float[] a, b, normed, sum, proj, hidden;

        Workspace(int rows, int d, int dff) {
            a = new float[rows * d];
            b = new float[rows * d];
            normed = new float[rows * d];
            sum = new float[rows * d];
            proj = new float[rows * d];
            hidden = new float[rows * dff];
        }
    }

    /** Source token ids [batch x srcLen] and valid lengths (null = all srcLen); copied on the next execution. */
    public DeviceForward source(int[] ids, int[] validLengths) {
        if (srcIds == null) throw new IllegalStateException("this forward pass takes no source token ids");
        checkIds(ids, srcIds.length, "source");
        System.arraycopy(ids, 0, srcIds, 0, ids.length);
        return validLengths(validLengths);
    }

    /** Embedded source activations [batch x srcLen x d] (for {@link #encoderOnActivations}). */
    public DeviceForward sourceActivations(float[] x, int[] validLengths) {
        if (srcActivations == null) throw new IllegalStateException("this forward pass embeds token ids; use source(ids, valid)");
        if (x.length != srcActivations.length)
            throw new IllegalArgumentException("activations must be batch*srcLen*d = " + srcActivations.length + " floats, got " + x.length);
        System.arraycopy(x, 0, srcActivations, 0, x.length);
        return validLengths(validLengths);
    }

    private DeviceForward validLengths(int[] validLengths) {
        if (validLengths == null) {
            Arrays.fill(srcValid, srcLen);
            return this;
        }
        if (validLengths.length != batch) throw new IllegalArgumentException("validLengths must have " + batch + " entries, got " + validLengths.length);
        for (int v : validLengths) if (v < 0 || v > srcLen) throw new IllegalArgumentException("valid length " + v + " outside 0.." + srcLen);
        System.arraycopy(validLengths, 0, srcValid, 0, batch);
        return this;
    }

    /** Target token ids [batch x tgtLen] (teacher forcing); copied on the next execution. */
    public DeviceForward target(int[] ids) {
        if (tgtIds == null) throw new IllegalStateException("this model has no decoder");
        checkIds(ids, tgtIds.length, "target");
        System.arraycopy(ids, 0, tgtIds, 0, ids.length);
        return this;
    }

    private void checkIds(int[] ids, int expected, String what) {
        if (ids.length != expected) throw new IllegalArgumentException(what + " ids must be batch*length = " + expected + ", got " + ids.length);
        for (int i = 0; i < ids.length; i++)
            if (ids[i] < 0 || ids[i] >= config.vocabulary())
                throw new IllegalArgumentException(what + " token id " + ids[i] + " at " + i + " is outside 0.." + (config.vocabulary() - 1));
    }

    /** Runs both stacks once; results in {@link #encoderOutput()} and {@link #logits()}. */
    public ExecutionResult execute() {
        return plan.execute();
    }

    /** Encoder output [batch x srcLen x d] after the last execution (null without an encoder). The plan's own array. */
    public float[] encoderOutput() {
        return encoderOutput;
    }

    /** Logits [batch x tgtLen x vocab] after the last execution (null without a decoder). The plan's own array. */
    public float[] logits() {
        return logits;
    }

    /** Device memory by role; equals the plan's device bytes once it has executed. */
    public DeviceMemory memory() {
        return memory;
    }

    public List<TaskGraph> graphs() {
        return Collections.unmodifiableList(graphs);
    }

    public ExecutionPlan plan() {
        return plan;
    }

    public TransformerConfig config() {
        return config;
    }

    @Override
    public void close() {
        plan.close();
    }
}
