package hetero.model;

/** The two layer stacks of an encoder-decoder Transformer. */
public enum Stack { ENCODER, DECODER }
