package uk.ac.manchester.tornado.api.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a kernel parameter (an array) that a {@code @Parallel} loop reduces into, as in
 * {@code void sum(float[] in, @Reduce float[] out)} with {@code out[0] += in[i]}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
public @interface Reduce {
}
