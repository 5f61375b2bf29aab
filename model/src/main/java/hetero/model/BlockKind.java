package hetero.model;

/**
 * The parameter blocks a layer is made of. ATTENTION is the layer's self-attention (causal in the decoder);
 * CROSS_ATTENTION exists only in decoder layers of a model with an encoder; NORMS is all LayerNorms of the layer
 * (two per encoder layer, three per decoder layer with cross-attention, two without).
 */
public enum BlockKind { ATTENTION, CROSS_ATTENTION, FFN, NORMS }
