package hetero.kernels;

import hetero.runtime.backend.jvm.KernelContextEmulator;
import org.junit.jupiter.api.Test;
import uk.ac.manchester.tornado.api.KernelContext;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every KernelContext kernel of the library runs on the jvm backend as loops or barrier-split regions, never on the
 * thread-per-work-item fallback (30-100x slower). A kernel edit that leaves a value on the operand stack across a
 * barrier helper (e.g. {@code 1f / sqrt(groupSum(...))}) falls back silently otherwise.
 */
class JvmFastPathTest {
    @Test
    void everyKernelContextKernelRunsOnTheFastPath() {
        Class<?>[] libraries = {Attention.class, Softmax.class, Gemm.class, Norms.class, FeedForward.class, Embedding.class,
                HeadLayout.class, LinearAttention.class, LocalAttention.class, Activation.class};
        List<String> slow = new ArrayList<>();
        int checked = 0;
        for (Class<?> c : libraries) {
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isStatic(m.getModifiers()) || !Modifier.isPublic(m.getModifiers())) continue;
                if (java.util.Arrays.stream(m.getParameterTypes()).noneMatch(KernelContext.class::isAssignableFrom)) continue;
                checked++;
                String why = KernelContextEmulator.slowPathReason(m);
                if (why != null) slow.add(c.getSimpleName() + "." + m.getName() + ": " + why);
            }
        }
        assertTrue(checked >= 10, "only " + checked + " KernelContext kernels found");
        assertTrue(slow.isEmpty(), "kernels on the jvm's slow path:\n" + String.join("\n", slow));
    }
}
