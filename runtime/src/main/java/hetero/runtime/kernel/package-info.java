/**
 * Value types and helpers that every runtime layer shares (a launch's {@link hetero.runtime.kernel.WorkerGrid},
 * facts about host arrays). The layers depend one way: {@code api -> backend -> jit -> kernel}
 * ({@code api} may also use {@code jit} and {@code kernel} directly; {@code tornado}, the TornadoVM
 * adapter, sits on top). This package imports none of them; RuntimeLayersTest checks it.
 */
package hetero.runtime.kernel;
