package hetero.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One spelling rule for the kernel library's variant enums ({@link GemmLaunch.Variant}, {@link AttentionLaunch.Variant},
 * ...), shared by the model's options, sweep presets and tuning files: the name of {@code FLASH_TILED} is
 * {@code flashTiled}, and parsing accepts {@code flashTiled}, {@code flash-tiled}, {@code flash_tiled} or
 * {@code FLASH_TILED} in any case. Because names come from the enums, a constant added to the library is
 * reachable by name with no other change.
 */
public final class VariantNames {
    private VariantNames() {
    }

    /** {@code FLASH_TILED} -> {@code flashTiled}, {@code STRIP} -> {@code strip}. */
    public static String of(Enum<?> variant) {
        String[] words = variant.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder b = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            if (!words[i].isEmpty()) b.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
        }
        return b.toString();
    }

    /** Every constant's name, in declaration order. */
    public static List<String> all(Class<? extends Enum<?>> type) {
        List<String> names = new ArrayList<>();
        for (Enum<?> e : type.getEnumConstants()) names.add(of(e));
        return List.copyOf(names);
    }

    /** The constant named {@code text} (any case, '-' and '_' ignored), or null. */
    public static <E extends Enum<E>> E find(Class<E> type, String text) {
        String wanted = squash(text);
        for (E e : type.getEnumConstants()) if (squash(e.name()).equals(wanted)) return e;
        return null;
    }

    /** Like {@link #find}, but an unknown name is an {@link IllegalArgumentException} listing the known ones. */
    public static <E extends Enum<E>> E parse(Class<E> type, String text) {
        E e = find(type, text);
        if (e == null) throw new IllegalArgumentException("unknown " + kind(type) + " '" + text + "'; known: " + String.join(", ", all(type)));
        return e;
    }

    /** {@code GemmLaunch.Variant} -> "GemmLaunch.Variant", for messages. */
    public static String kind(Class<?> type) {
        return type.getEnclosingClass() == null ? type.getSimpleName() : type.getEnclosingClass().getSimpleName() + "." + type.getSimpleName();
    }

    private static String squash(String s) {
        return s.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
