package hetero.model.device;

import hetero.kernels.GemmLaunch;
import hetero.kernels.NormLaunch;
import hetero.model.ModelWeights;
import hetero.model.NormPlacement;
import hetero.model.TransformerConfig;
import hetero.model.reference.ReferenceMath;

/**
 * The per-layer building blocks both the full forward pass and the decode step are made of: linear layers,
 * residual sub-layers with post- or pre-norm, the feed-forward block. Each adds launches to a graph.
 */
final class Blocks {
    static final float LAYER_NORM_EPS = (float) ReferenceMath.LAYER_NORM_EPS;

    final TransformerConfig config;
    final ForwardOptions options;

    Blocks(TransformerConfig config, ForwardOptions options) {
        if (!config.embeddings().isStandard()) {
            throw new IllegalArgumentException("the device forward pass runs the standard embedding only (E = dModel, sinusoidal positions, no token "
                    + "types, embedding norm or pooler); " + config.embeddings() + " is described and counted (WeightLayout, ParameterAccounting) but not run");
        }
        this.config = config;
        this.options = options;
    }

    /** out[rows x outCols] = act(x[rows x in] w + b); b may be null (a model without biases). */
    void linear(GraphBuilder g, String prefix, float[] x, int rows, int in, float[] w, float[] b, float[] out, int outCols, int activation) {
        g.add(prefix, GemmLaunch.of(options.gemm(), x, w, b, out, rows, outCols, in, false, activation));
    }

    /** The array the sub-layer's function reads: {@code in} itself (post-norm) or LN(in) written to {@code normed} (pre-norm). */
    float[] sublayerInput(GraphBuilder g, String prefix, float[] in, ModelWeights.LayerNorm norm, float[] normed, int rows) {
        if (config.normPlacement() == NormPlacement.POST_NORM) return in;
        layerNorm(g, prefix + "_ln", in, norm, normed, rows);
        return normed;
    }

    /** Post-norm: out = LN(in + f) (fused; {@code sum} is scratch). Pre-norm: out = in + f. out must differ from in. */
    void closeSublayer(GraphBuilder g, String prefix, float[] in, float[] f, ModelWeights.LayerNorm norm, float[] sum, float[] out, int rows) {
        int d = config.dModel();
        if (config.normPlacement() == NormPlacement.POST_NORM) {
            g.add(prefix + "_res", NormLaunch.residualLayerNorm(options.norm(), f, in, norm.gamma(), norm.beta(), sum, out, rows, d, LAYER_NORM_EPS));
        } else {
            g.add(prefix + "_res", NormLaunch.residualAdd(f, in, out, rows * d));
        }
    }

    void layerNorm(GraphBuilder g, String prefix, float[] x, ModelWeights.LayerNorm norm, float[] out, int rows) {
        g.add(prefix, NormLaunch.layerNorm(options.norm(), x, norm.gamma(), norm.beta(), out, rows, config.dModel(), LAYER_NORM_EPS));
    }

    /** out = act(x w1 + b1) w2 + b2, the activation fused into the first GEMM's epilogue. */
    void feedForward(GraphBuilder g, String prefix, ModelWeights.Ffn f, float[] x, float[] hidden, float[] out, int rows) {
        int d = config.dModel(), dff = config.dFF();
        linear(g, prefix + "_up", x, rows, d, f.w1(), f.b1(), hidden, dff, kernelActivation());
        linear(g, prefix + "_down", hidden, rows, dff, f.w2(), f.b2(), out, d, hetero.kernels.Activation.NONE);
    }

    /** The model's GELU is the exact (erf) one, as in the reference. */
    int kernelActivation() {
        return switch (config.activation()) {
            case RELU -> hetero.kernels.Activation.RELU;
            case GELU -> hetero.kernels.Activation.GELU_ERF;
        };
    }

    /**
     * Where sub-layer {@code i} of {@code count} writes: the last one back to the layer's hidden array x (the next
     * layer's input), the others alternately to a and b, so no sub-layer ever writes the array it reads.
     */
    static float[] sublayerOutput(int i, int count, float[] x, float[] a, float[] b) {
        return i == count - 1 ? x : (i % 2 == 0 ? a : b);
    }
}
