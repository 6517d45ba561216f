package dev.rnn4j.torch;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values a {@link RestrictedUnpickler} builds, as Java sees them: Python's {@code str}, {@code int},
 * {@code float}, {@code bool} and {@code bytes} become {@link String}, {@link Long} (or {@link BigInteger}),
 * {@link Double}, {@link Boolean} and {@code byte[]}; {@code dict}, {@code list} and {@code set} become
 * {@link Map}, {@link List} and {@link Set}; the rest are the records and markers here. {@link #kind} names any
 * of them for messages.
 */
final class PickleValues {
    /** Python's {@code None} (the stack and the memo hold no Java null). */
    static final Object NONE = new Marker("None");
    /** In the checking pass, the result of a call that is not made there (see {@link RestrictedUnpickler}). */
    static final Object PENDING = new Marker("the result of a call");

    /** A global named by GLOBAL or STACK_GLOBAL, e.g. {@code collections.OrderedDict}. */
    record Global(String module, String name) {
        String qualified() { return module + "." + name; }
    }

    /** A Python tuple. */
    record Tuple(List<Object> items) {}

    private record Marker(String kind) {}

    private PickleValues() {}

    /** What {@code o} is, as a Python user would say it: "a dict", "an integer", "torch.FloatStorage". */
    static String kind(Object o) {
        return switch (o) {
            case null -> "nothing";
            case Marker m -> m.kind();
            case Global g -> g.qualified();
            case Tuple t -> "a tuple of " + t.items().size();
            case RestrictedUnpickler.TensorRef t -> "a tensor";
            case RestrictedUnpickler.StorageRef s -> "a storage";
            case Map<?, ?> m -> "a dict";
            case List<?> l -> "a list";
            case Set<?> s -> "a set";
            case String s -> "a string";
            case Long l -> "an integer";
            case BigInteger l -> "an integer";
            case Double d -> "a float";
            case Boolean x -> "a bool";
            case byte[] x -> "bytes";
            default -> o.getClass().getSimpleName();
        };
    }

    static String kinds(List<Object> items) {
        List<String> k = new ArrayList<>();
        for (Object o : items) k.add(kind(o));
        return k.toString();
    }
}
