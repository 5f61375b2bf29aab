/**
 * Transformer model: configuration ({@link hetero.model.TransformerConfig}), layer-sharing schemes
 * ({@link hetero.model.SharingScheme}), aliased float32 weights ({@link hetero.model.ModelWeights}, laid out by
 * {@link hetero.model.WeightLayout}) and parameter / KV-cache accounting ({@link hetero.model.ParameterAccounting}).
 * Sub-packages: {@code io} (safetensors checkpoints), {@code reference} (float64 forward pass, the ground truth).
 *
 * <p>Device execution lives in {@code hetero.model.device}: {@link hetero.model.device.DeviceForward} (the forward
 * pass as task graphs of tornado-kernels launches, weights passed as they are so shared blocks are one device buffer),
 * {@link hetero.model.device.DeviceDecoder} (decode steps over a device KV cache) and
 * {@link hetero.model.device.DeviceMemory} (device bytes by role: weights, KV cache, activations). Both are tested
 * against {@link hetero.model.reference.ReferenceTransformer} and {@link hetero.model.reference.IncrementalDecoder}.
 *
 * <p>To add a sharing scheme: add a record to {@code SharingScheme}, its case in {@code blockFor} (or
 * {@code layerPattern}), {@code checkFits} if it constrains layer counts, and its name in {@code parse}; weights,
 * accounting and checkpoints follow from the block map.
 */
package hetero.model;
