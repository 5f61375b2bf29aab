package hetero.model;

/** Feed-forward activation. GELU is the exact erf form, not the tanh approximation. */
public enum Activation { RELU, GELU }
