package hetero.model;

/** How a tensor is initialized. Deterministic given the seed and the tensor's storage key. */
public sealed interface Init {
    /** Xavier/Glorot uniform on (-a, a), a = sqrt(6 / (fanIn + fanOut)): keeps activations O(1) through layers. */
    record XavierUniform(int fanIn, int fanOut) implements Init { }
    /** Biases uniform on (-1/sqrt(fanIn), 1/sqrt(fanIn)), as PyTorch's nn.Linear; non-zero so bias bugs show. */
    record BiasUniform(int fanIn) implements Init { }
    /** Normal(0, std); embeddings use std = d^-1/2 (fairseq), so embedding * sqrt(d) has unit scale. */
    record Normal(double std) implements Init { }
    /** A constant (LayerNorm gamma = 1, beta = 0). */
    record Constant(float value) implements Init { }
}
