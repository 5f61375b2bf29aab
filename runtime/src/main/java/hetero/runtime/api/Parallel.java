package hetero.runtime.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a loop variable whose iterations are independent, as in TornadoVM:
 * {@code for (@Parallel int i = 0; i < n; i++)}.
 *
 * <p>It is a TYPE_USE annotation with runtime retention, so javac records it in the method's
 * RuntimeVisibleTypeAnnotations attribute (target: local variable, with slot and pc range).
 * The JIT reads it from there. Up to three nested parallel loops map to work dimensions; the
 * innermost parallel loop is dimension 0 (the fastest-varying one on GPUs, so that consecutive
 * work-items touch consecutive addresses).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.LOCAL_VARIABLE})
public @interface Parallel {
}
