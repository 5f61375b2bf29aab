package uk.ac.manchester.tornado.api.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the induction variable of a loop whose iterations are independent:
 * {@code for (@Parallel int i = 0; i < n; i++)}. Nested parallel loops map to grid dimensions in
 * TornadoVM's order: the outermost parallel loop is dimension 0.
 *
 * <p>Runtime-retained TYPE_USE annotation, so javac records it in the method's
 * RuntimeVisibleTypeAnnotations, where the JIT finds it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.LOCAL_VARIABLE})
public @interface Parallel {
}
