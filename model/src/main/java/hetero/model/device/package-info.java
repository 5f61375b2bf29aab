/**
 * The Transformer on a device. {@link hetero.model.device.DeviceForward} builds one task graph per stack from the
 * tornado-kernels launchers (GEMM projections, a head-layout split to [batch, heads, seq, dHead], attention with
 * kvHeads and masks, merge, output projection, fused residual + LayerNorm or pre-norm residual add, FFN with the
 * activation fused into the first GEMM, embeddings with sinusoidal positions, logits = h E_out^T).
 * {@link hetero.model.device.DeviceDecoder} runs decode steps over per-layer KV caches on the device.
 * {@link hetero.model.device.ForwardOptions} picks kernel variants; {@link hetero.model.device.DeviceMemory} splits
 * the plan's device bytes into weights, KV cache and activations.
 *
 * <p>Activation workspaces are per stack and reused by every layer, so activation memory does not grow with depth;
 * weights are what sharing changes. Tolerance against the float64 reference in the tests: 1e-3 absolute.
 */
package hetero.model.device;
