/**
 * Transformer model: configuration ({@link hetero.model.TransformerConfig}), layer-sharing schemes
 * ({@link hetero.model.SharingScheme}), aliased float32 weights ({@link hetero.model.ModelWeights}, laid out by
 * {@link hetero.model.WeightLayout}) and parameter / KV-cache accounting ({@link hetero.model.ParameterAccounting}).
 * Sub-packages: {@code io} (safetensors checkpoints), {@code reference} (float64 forward pass, the ground truth).
 *
 * <p>Not yet here: {@code DeviceForward}, the forward pass on a device. It will take a {@code ModelWeights} and
 * build {@code hetero.runtime.api.TaskGraph}s from tornado-kernels kernels (embedding, GEMM + bias, attention with
 * kvHeads, LayerNorm, FFN), passing the weight arrays as they are so shared blocks map to one device buffer, and
 * will be tested against {@link hetero.model.reference.ReferenceTransformer} (decode path against
 * {@link hetero.model.reference.IncrementalDecoder}).
 *
 * <p>To add a sharing scheme: add a record to {@code SharingScheme}, its case in {@code blockFor} (or
 * {@code layerPattern}), {@code checkFits} if it constrains layer counts, and its name in {@code parse}; weights,
 * accounting and checkpoints follow from the block map.
 */
package hetero.model;
