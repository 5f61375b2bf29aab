package hetero.experiments.workload;

import hetero.experiments.sweep.Config;
import hetero.model.ModelWeights;
import hetero.model.ParameterAccounting;
import hetero.model.SharingScheme;
import hetero.model.TransformerConfig;
import hetero.model.device.DeviceDecoder;
import hetero.model.device.DeviceForward;
import hetero.model.device.DeviceMemory;
import hetero.model.device.ForwardOptions;
import hetero.model.reference.IncrementalDecoder;
import hetero.model.reference.ReferenceTransformer;
import hetero.runtime.api.ExecutionResult;
import hetero.kernels.AttentionLaunch;
import hetero.kernels.VariantNames;
import hetero.runtime.backend.Device;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Model-level workloads on {@code hetero.model.device}: the device forward pass with the config's sharing scheme.
 * The model is post-norm, ReLU, with biases, a vocabulary of {@value #VOCABULARY}, weights from the config's seed.
 * <ul>
 * <li>{@code encoder-layer}: one encoder layer on embedded activations (no embedding step); layers must be 1.</li>
 * <li>{@code encoder}: embeddings + positions and {@code layers} encoder layers.</li>
 * <li>{@code encoder-decoder}: {@code layers} encoder and {@code layers} decoder layers, source and target both
 *     {@code seq} long, teacher forcing, logits.</li>
 * <li>{@code decode}: a decoder-only model of {@code layers} layers; one iteration is one decode step at position
 *     seq-1 over a device KV cache holding seq-1 tokens (filled once while preparing).</li>
 * </ul>
 * Variant: {@code default} or {@code auto}: the model's default on the device, {@link ForwardOptions#forDevice} (the
 * device's tuning file in {@code results/tuning}, or its kind's defaults); {@code baseline}: the fixed combination used
 * before tuning ({@link ForwardOptions#defaults()}: tiled GEMMs, flash-tiled attention), for comparisons; or the name of
 * an attention variant ({@link AttentionLaunch.Variant}: {@code unfused}, {@code flash}, {@code flashTiled},
 * {@code flashStrip}, ...), for {@code decode} of a decode variant ({@code loop}, {@code group}), with the device's
 * default for everything else. The run's log says which kernels ran.
 * Mask: {@code none} or {@code padding} (odd-numbered sequences of the batch have 3/4 of seq valid; source side).
 *
 * <p>FLOPs per iteration (an FMA counts 2; embeddings, norms, activations and softmax not counted), with
 * n = batch*seq rows, dKv = kvHeads*dHead, f = dFF, V = vocabulary:
 * <ul>
 * <li>encoder layer: 2n(2d^2 + 2d dKv) projections + 4n d f FFN + 4 batch heads seq^2 dHead attention
 *     (the padding mask is not subtracted);</li>
 * <li>decoder layer: the same with causal self-attention (2 batch heads seq^2 dHead), plus cross-attention
 *     2n(2d^2 + 2d dKv) + 4 batch heads seq^2 dHead; logits 2 n d V;</li>
 * <li>decode step at cache length L = seq: per layer 2 batch (2d^2 + 2d dKv) + 4 batch heads L dHead + 4 batch d f,
 *     plus logits 2 batch d V.</li>
 * </ul>
 * Bytes moved: the weights on the device (read once) plus inputs and outputs of one iteration (and, for decode,
 * the KV cache read once). Unique parameters: {@link ParameterAccounting} of (config, scheme); weight bytes: the
 * distinct weight arrays actually on the device ({@link DeviceMemory}); KV-cache bytes: decode only.
 * Accuracy: against the float64 {@link ReferenceTransformer} for the first sequence of the batch only (a sample
 * when batch > 1).
 */
public final class TransformerWorkload implements Workload {
    public static final int VOCABULARY = 1000;

    public enum Kind {
        ENCODER_LAYER("encoder-layer", "one encoder layer on embedded activations (model/device)"),
        ENCODER("encoder", "embeddings + an encoder stack of `layers` layers (model/device)"),
        ENCODER_DECODER("encoder-decoder", "encoder and decoder stacks of `layers` layers each, logits (model/device)"),
        DECODE("decode", "one decode step of a decoder-only model over a device KV cache of seq-1 tokens (model/device)");

        final String workloadName, description;

        Kind(String name, String description) {
            this.workloadName = name;
            this.description = description;
        }
    }

    private final Kind kind;

    public TransformerWorkload(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String name() {
        return kind.workloadName;
    }

    @Override
    public String description() {
        return kind.description;
    }

    @Override
    public java.util.Map<hetero.experiments.sweep.Param, java.util.List<String>> choices() {
        java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of(AutoVariant.NAME, BASELINE));
        names.addAll(VariantNames.all(kind == Kind.DECODE ? AttentionLaunch.DecodeVariant.class : AttentionLaunch.Variant.class));
        if (kind != Kind.DECODE) names.add("flash-tiled");   // the spelling of CSVs written before the variants came from the library
        return Workload.variants(names);
    }

    @Override
    public String unsupported(Config c) {
        if (kind == Kind.ENCODER_LAYER && c.layers() != 1) return "encoder-layer is one layer (layers=1); use workload=encoder for " + c.layers();
        if (!c.mask().equals("none") && !c.mask().equals("padding")) return name() + " supports mask none or padding, not " + c.mask();
        if (kind == Kind.DECODE && c.mask().equals("padding")) return "decode has no padding mask (one token per sequence per step)";
        try {
            checkVariant(c);
            TransformerConfig.validate(modelConfig(c), SharingScheme.parse(c.scheme()));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }

    TransformerConfig modelConfig(Config c) {
        int enc = switch (kind) {
            case ENCODER_LAYER -> 1;
            case ENCODER, ENCODER_DECODER -> c.layers();
            case DECODE -> 0;
        };
        int dec = kind == Kind.ENCODER_DECODER || kind == Kind.DECODE ? c.layers() : 0;
        return TransformerConfig.builder().dModel(c.dModel()).heads(c.heads()).kvHeads(c.kvHeads()).dFF(c.dFF())
                .encoderLayers(enc).decoderLayers(dec).vocabulary(VOCABULARY).maxSequence(c.seq()).seed(c.seed()).build();
    }

    static final String BASELINE = "baseline";

    /** The model's default comes from the tuning file; only {@code baseline} does not read it. */
    @Override
    public boolean readsTuning(Config c) {
        return !c.variant().equalsIgnoreCase(BASELINE);
    }

    /** Throws for a variant name this workload does not know. */
    void checkVariant(Config c) {
        String v = c.variant().toLowerCase(Locale.ROOT);
        if (v.equals("default") || v.equals(AutoVariant.NAME) || v.equals(BASELINE)) return;
        if (kind == Kind.DECODE) VariantNames.parse(AttentionLaunch.DecodeVariant.class, c.variant());
        else VariantNames.parse(AttentionLaunch.Variant.class, c.variant());
    }

    ForwardOptions options(Config c, TransformerConfig mc, Device device) {
        String v = c.variant().toLowerCase(Locale.ROOT);
        ForwardOptions o = v.equals(BASELINE) ? ForwardOptions.defaults() : ForwardOptions.forDevice(device, mc, c.batch(), c.seq());
        if (!v.equals("default") && !v.equals(AutoVariant.NAME) && !v.equals(BASELINE)) {
            o = kind == Kind.DECODE ? o.withDecode(VariantNames.parse(AttentionLaunch.DecodeVariant.class, c.variant()))
                    : o.withAttention(VariantNames.parse(AttentionLaunch.Variant.class, c.variant()));
        }
        System.out.println(name() + " variant " + c.variant() + " on " + device.id() + ": " + o);
        return o;
    }

    @Override
    public Trial prepare(Config c, Device device) {
        TransformerConfig mc = modelConfig(c);
        SharingScheme scheme = SharingScheme.parse(c.scheme());
        ModelWeights weights = ModelWeights.initialize(mc, scheme);
        long uniqueParams = ParameterAccounting.of(mc, scheme).uniqueParameters();
        int batch = c.batch(), seq = c.seq();
        SplittableRandom random = new SplittableRandom(c.seed());
        int[] src = new int[batch * seq], tgt = new int[batch * seq];
        for (int i = 0; i < src.length; i++) {
            src[i] = random.nextInt(VOCABULARY);
            tgt[i] = random.nextInt(VOCABULARY);
        }
        int[] valid = new int[batch];
        for (int b = 0; b < batch; b++) valid[b] = c.mask().equals("padding") && b % 2 == 1 ? Math.max(1, seq * 3 / 4) : seq;
        ForwardOptions options = options(c, mc, device);
        return kind == Kind.DECODE ? new DecodeTrial(weights, options, batch, seq, tgt, uniqueParams, device)
                : new ForwardTrial(weights, options, batch, seq, src, tgt, valid, uniqueParams, device);
    }

    /** One full forward pass per iteration. */
    private final class ForwardTrial implements Trial {
        private final ModelWeights weights;
        private final TransformerConfig mc;
        private final DeviceForward forward;
        private final int batch, seq;
        private final int[] src, tgt, valid;
        private final float[] activations;
        private final long uniqueParams;

        ForwardTrial(ModelWeights weights, ForwardOptions o, int batch, int seq, int[] src, int[] tgt, int[] valid, long uniqueParams, Device device) {
            this.weights = weights;
            this.mc = weights.config();
            this.batch = batch;
            this.seq = seq;
            this.src = src;
            this.tgt = tgt;
            this.valid = valid;
            this.uniqueParams = uniqueParams;
            if (kind == Kind.ENCODER_LAYER) {
                SplittableRandom r = new SplittableRandom(mc.seed() + 1);
                activations = new float[batch * seq * mc.dModel()];
                for (int i = 0; i < activations.length; i++) activations[i] = (float) r.nextGaussian();
                forward = DeviceForward.encoderOnActivations(weights, o, batch, seq, device).sourceActivations(activations, valid);
            } else if (kind == Kind.ENCODER) {
                activations = null;
                forward = DeviceForward.encoder(weights, o, batch, seq, device).source(src, valid);
            } else {
                activations = null;
                forward = DeviceForward.encoderDecoder(weights, o, batch, seq, seq, device).source(src, valid).target(tgt);
            }
        }

        @Override
        public ExecutionResult run() {
            return forward.execute();
        }

        @Override
        public Costs costs() {
            long n = (long) batch * seq, d = mc.dModel(), dKv = mc.dKv(), f = mc.dFF(), heads = mc.heads(), dHead = mc.dHead();
            long proj = 2 * n * (2 * d * d + 2 * d * dKv), ffn = 4 * n * d * f, attn = 4L * batch * heads * seq * seq * dHead;
            long flops = mc.encoderLayers() * (proj + ffn + attn);
            long io = kind == Kind.ENCODER_LAYER ? 4 * n * d : 4 * n;
            if (mc.decoderLayers() > 0) {
                flops += mc.decoderLayers() * (proj + attn / 2 + proj + attn + ffn) + 2 * n * d * mc.vocabulary();
                io += 4 * n + 4 * n * mc.vocabulary();
            } else {
                io += 4 * n * d;
            }
            DeviceMemory m = forward.memory();
            return new Costs(flops, m.weightBytes() + io, uniqueParams, m.weightBytes(), Costs.NOT_APPLICABLE);
        }

        @Override
        public Accuracy check() {
            // the first sequence only: the reference is float64 scalar Java, far slower than the device
            ReferenceTransformer ref = new ReferenceTransformer(weights);
            int d = mc.dModel();
            int[] valid0 = {valid[0]};
            double[] memory;
            if (activations != null) {
                double[] x = new double[seq * d];
                for (int i = 0; i < x.length; i++) x[i] = activations[i];
                memory = ref.encodeActivations(x, 1, seq, valid0);
            } else {
                memory = ref.encode(Arrays.copyOf(src, seq), 1, seq, valid0);
            }
            boolean sample = batch > 1;
            Accuracy a;
            if (mc.decoderLayers() == 0) {
                a = Accuracy.compare(Arrays.copyOf(forward.encoderOutput(), seq * d), memory, 1 << 20);
            } else {
                double[] logits = ref.decode(Arrays.copyOf(tgt, seq), 1, seq, memory, seq, valid0);
                a = Accuracy.compare(Arrays.copyOf(forward.logits(), seq * mc.vocabulary()), logits, 1 << 20);
            }
            return sample ? new Accuracy(a.maxAbs(), a.maxRel(), Accuracy.Checked.SAMPLE) : a;
        }

        @Override
        public void close() {
            forward.close();
        }
    }

    /** One decode step at position seq-1 per iteration; the cache is filled with the first seq-1 tokens once. */
    private final class DecodeTrial implements Trial {
        private final ModelWeights weights;
        private final TransformerConfig mc;
        private final DeviceDecoder decoder;
        private final int batch, seq;
        private final int[] tokens;
        private final long uniqueParams;
        private float[] lastLogits;

        DecodeTrial(ModelWeights weights, ForwardOptions o, int batch, int seq, int[] tokens, long uniqueParams, Device device) {
            this.weights = weights;
            this.mc = weights.config();
            this.batch = batch;
            this.seq = seq;
            this.tokens = tokens;
            this.uniqueParams = uniqueParams;
            decoder = new DeviceDecoder(weights, o, batch, seq, null, 0, null, device);
            for (int t = 0; t < seq - 1; t++) decoder.step(column(t));
        }

        private int[] column(int t) {
            int[] ids = new int[batch];
            for (int b = 0; b < batch; b++) ids[b] = tokens[b * seq + t];
            return ids;
        }

        @Override
        public ExecutionResult run() {
            decoder.seek(seq - 1);
            lastLogits = decoder.step(column(seq - 1));
            return decoder.lastResult();
        }

        @Override
        public Costs costs() {
            long b = batch, d = mc.dModel(), dKv = mc.dKv(), f = mc.dFF(), heads = mc.heads(), dHead = mc.dHead(), v = mc.vocabulary();
            long perLayer = 2 * b * (2 * d * d + 2 * d * dKv) + 4 * b * heads * seq * dHead + 4 * b * d * f;
            long flops = mc.decoderLayers() * perLayer + 2 * b * d * v;
            DeviceMemory m = decoder.memory();
            long bytes = m.weightBytes() + m.kvCacheBytes() + 4 * b + 4 * b * v;
            return new Costs(flops, bytes, uniqueParams, m.weightBytes(), m.kvCacheBytes());
        }

        @Override
        public Accuracy check() {
            IncrementalDecoder ref = new ReferenceTransformer(weights).incrementalDecoder(null, 0, 0);
            double[] want = null;
            for (int t = 0; t < seq; t++) want = ref.step(tokens[t]);
            Accuracy a = Accuracy.compare(Arrays.copyOf(lastLogits, mc.vocabulary()), want, 1 << 20);
            return batch > 1 ? new Accuracy(a.maxAbs(), a.maxRel(), Accuracy.Checked.SAMPLE) : a;
        }

        @Override
        public void close() {
            decoder.close();
        }
    }
}
