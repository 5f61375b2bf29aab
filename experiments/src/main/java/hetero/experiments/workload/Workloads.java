package hetero.experiments.workload;

import hetero.experiments.BadInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of workloads by name. To add a workload, implement {@link Workload} and add one
 * {@code register(new MyWorkload());} line to the static block below (planned: attention, softmax,
 * gemm, encoder-layer, encoder, decode). Tests may {@link #register} their own at run time.
 */
public final class Workloads {
    private static final Map<String, Workload> BY_NAME = new LinkedHashMap<>();

    static {
        register(new VectorAddWorkload());
        register(new TransformerWorkload(TransformerWorkload.Kind.ENCODER_LAYER));
        register(new TransformerWorkload(TransformerWorkload.Kind.ENCODER));
        register(new TransformerWorkload(TransformerWorkload.Kind.ENCODER_DECODER));
        register(new TransformerWorkload(TransformerWorkload.Kind.DECODE));
        register(new AttentionWorkload());
        register(new SoftmaxWorkload());
        register(new GemmWorkload());
        register(new DecodeAttentionWorkload());
        register(new LayerNormWorkload());
    }

    private Workloads() {
    }

    public static synchronized void register(Workload w) {
        if (BY_NAME.containsKey(w.name()) && BY_NAME.get(w.name()) != w) {
            throw new IllegalStateException("a workload named '" + w.name() + "' is already registered");
        }
        BY_NAME.put(w.name(), w);
    }

    public static synchronized Workload get(String name) {
        Workload w = BY_NAME.get(name);
        if (w == null) throw new BadInputException("unknown workload '" + name + "'; registered: " + String.join(", ", BY_NAME.keySet()));
        return w;
    }

    public static synchronized List<Workload> all() {
        return List.copyOf(BY_NAME.values());
    }
}
