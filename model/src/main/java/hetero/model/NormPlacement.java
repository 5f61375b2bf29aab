package hetero.model;

/**
 * Where LayerNorm sits relative to each residual sub-layer.
 * POST_NORM: x = LN(x + f(x)), as in Vaswani et al. 2017.
 * PRE_NORM: x = x + f(LN(x)), with one extra final LayerNorm at the end of each stack
 * (the usual practice, e.g. fairseq normalize_before), because otherwise the stack output is unnormalized.
 */
public enum NormPlacement { POST_NORM, PRE_NORM }
