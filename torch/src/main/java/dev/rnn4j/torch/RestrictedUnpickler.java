package dev.rnn4j.torch;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the pickle of a {@code torch.save(state_dict)} ({@code data.pkl}, protocol 2) without running any
 * code: the only globals it knows are {@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2},
 * {@code torch._utils._rebuild_parameter} and the storage classes, each applied by Java code here, as
 * PyTorch's {@code weights_only=True} loader does. A first pass reads every opcode and global name before
 * anything is built, so a pickle naming {@code os.system}, {@code builtins.eval} or any class of its own is
 * refused whole, with the name and its byte offset in the message.
 *
 * <pre>{@code
 * Map<String, RestrictedUnpickler.TensorRef> refs = RestrictedUnpickler.load(zip.read("m/data.pkl"), "m.pt");
 * }</pre>
 */
final class RestrictedUnpickler {
    /** A storage named by a persistent id: its element type and archive key ({@code data/<key>}). */
    record StorageRef(TorchDType dtype, String key, long numel) {}

    /** A tensor view of a storage, as {@code _rebuild_tensor_v2(storage, offset, size, stride, ...)} describes it. */
    record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {}

    private record Global(String module, String name) {
        String qualified() { return module + "." + name; }
    }

    private record Tuple(List<Object> items) {}

    private static final Set<String> CALLABLE = Set.of("collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
            "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state");
    private static final int MAX_GLOBAL_NAME = 200;
    private static final Object NONE = new Object();   // Python's None (a stack cannot hold Java null in List.of)

    private final byte[] b;
    private final ByteBuffer buf;
    private final String source;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private int pos;

    private RestrictedUnpickler(byte[] pickle, String source) {
        this.b = pickle;
        this.buf = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
        this.source = source;
    }

    /** The state_dict in {@code pickle}: names to tensor views, in the pickle's order. */
    static Map<String, TensorRef> load(byte[] pickle, String source) {
        new RestrictedUnpickler(pickle, source).scan();
        return new RestrictedUnpickler(pickle, source).run();
    }

    /** Pass 1: every opcode known and allowed, every global on the allow-list; nothing is built. */
    private void scan() {
        while (true) {
            int at = pos;
            int op = u8();
            switch (op) {
                case '.' -> { return; }
                case 'c' -> {
                    Global g = new Global(line(), line());
                    if (!allowed(g)) throw refused(g, at);
                }
                case 0x80, 'K', 'q', 'h' -> skip(1);
                case 'M' -> skip(2);
                case 'J', 'r', 'j' -> skip(4);
                case 'G', 0x95 -> skip(8);
                case 'X' -> skip(count(u32(), "string length"));
                case 0x8c -> skip(u8());
                case 0x8a -> skip(u8());
                case '(', ')', 't', 0x85, 0x86, 0x87, ']', 'a', 'e', 'l', '}', 's', 'u', 'd', 'N', 0x88, 0x89,
                     0x94, 'Q', 'R', 'b', '0', '1' -> { }
                case 0x93 -> throw fail("uses pickle protocol 4 (opcode STACK_GLOBAL at byte " + at + "), refused "
                        + "before running anything: save with torch.save's default pickle_protocol=2");
                default -> throw fail("uses pickle opcode " + opcodeName(op) + " at byte " + at
                        + ", which a tensor state_dict saved by torch.save never contains; "
                        + "refused before running anything");
            }
        }
    }

    private static boolean allowed(Global g) {
        return CALLABLE.contains(g.qualified()) || g.module().equals("torch")
                && TorchDType.ofStorageClass(g.name()) != null;
    }

    private TorchFormatException refused(Global g, int at) {
        return fail("refers to " + g.qualified() + " (at byte " + at + "), which a tensor state_dict never needs: "
                + "refused before running anything. Only collections.OrderedDict, torch._utils._rebuild_tensor_v2, "
                + "torch._utils._rebuild_parameter and torch's storage classes are loaded; save model.state_dict(), "
                + "not the model or other objects");
    }

    /** Pass 2: builds the tuples, dicts and tensor views; the allowed calls are done here in Java. */
    private Map<String, TensorRef> run() {
        while (true) {
            int op = u8();
            switch (op) {
                case '.' -> { return result(); }
                case 0x80 -> skip(1);
                case 0x95 -> skip(8);
                case 'c' -> push(new Global(line(), line()));
                case '(' -> marks.add(stack.size());
                case ')' -> push(new Tuple(List.of()));
                case 't' -> push(new Tuple(popMark()));
                case 0x85, 0x86, 0x87 -> push(new Tuple(popN(op - 0x84)));
                case ']' -> push(new ArrayList<>());
                case 'l' -> push(new ArrayList<>(popMark()));
                case 'a' -> list(peek(1)).add(pop());
                case 'e' -> {
                    List<Object> items = popMark();
                    list(peek(0)).addAll(items);
                }
                case '}' -> push(new LinkedHashMap<>());
                case 'd' -> {
                    Map<Object, Object> d = new LinkedHashMap<>();
                    putPairs(d, popMark());
                    push(d);
                }
                case 's' -> {
                    Object value = pop(), key = pop();
                    putPairs(dict(peek(0)), List.of(key, value));
                }
                case 'u' -> {
                    List<Object> items = popMark();
                    putPairs(dict(peek(0)), items);
                }
                case 'N' -> push(NONE);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'K' -> push((long) u8());
                case 'M' -> push((long) u16());
                case 'J' -> push((long) buf.getInt(advance(4)));
                case 0x8a -> push(long1());
                case 'G' -> push(ByteBuffer.wrap(b, advance(8), 8).order(ByteOrder.BIG_ENDIAN).getDouble());
                case 'X' -> push(utf8(count(u32(), "string length")));
                case 0x8c -> push(utf8(u8()));
                case 'q' -> memo.put((long) u8(), peek(0));
                case 'r' -> memo.put(u32(), peek(0));
                case 0x94 -> memo.put((long) memo.size(), peek(0));
                case 'h' -> push(memoGet(u8()));
                case 'j' -> push(memoGet(u32()));
                case 'Q' -> push(storage(pop()));
                case 'R' -> {
                    Object args = pop(), callable = pop();
                    push(call(callable, args));
                }
                case 'b' -> {
                    Object state = pop();
                    build(peek(0), state);
                }
                case '0' -> pop();
                case '1' -> popMark();
                default -> throw fail("uses pickle opcode " + opcodeName(op));   // scan() already refused it
            }
        }
    }

    private Map<String, TensorRef> result() {
        Object top = pop();
        if (!stack.isEmpty() || !marks.isEmpty()) throw fail("is damaged: its pickle ends with values left over");
        if (!(top instanceof Map<?, ?> dict)) {
            throw fail("holds " + kind(top) + ", not a state_dict (a dict of tensor names to tensors)");
        }
        Map<String, TensorRef> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (!(e.getKey() instanceof String name)) throw fail("has a state_dict key that is " + kind(e.getKey())
                    + ", not a name");
            if (!(e.getValue() instanceof TensorRef t)) {
                throw fail("has " + kind(e.getValue()) + " under '" + name
                        + "', not a tensor: save model.state_dict() itself, "
                        + "not a dict holding it and other things");
            }
            out.put(name, t);
        }
        return out;
    }

    /** A persistent id: {@code ('storage', torch.<T>Storage, key, location, numel)}. */
    private StorageRef storage(Object pid) {
        if (!(pid instanceof Tuple(List<Object> t)) || t.size() != 5 || !"storage".equals(t.get(0))) {
            throw fail("has a persistent id that is not ('storage', type, key, location, size): " + kind(pid));
        }
        if (!(t.get(1) instanceof Global g) || !g.module().equals("torch")
                || TorchDType.ofStorageClass(g.name()) == null) {
            throw fail("has a storage whose type is " + kind(t.get(1)) + ", not one of torch's storage classes");
        }
        if (!(t.get(2) instanceof String key) || !key.matches("[A-Za-z0-9_]{1,64}")) {
            throw fail("has a storage key that is not a plain name: " + kind(t.get(2)));
        }
        if (!(t.get(3) instanceof String) || !(t.get(4) instanceof Long numel) || numel < 0) {
            throw fail("has a storage " + key + " without a location and a non-negative size");
        }
        return new StorageRef(TorchDType.ofStorageClass(g.name()), key, numel);
    }

    private Object call(Object callable, Object args) {
        if (!(callable instanceof Global g) || !CALLABLE.contains(g.qualified())) {
            throw fail("calls " + kind(callable) + ", which is not one of the calls a state_dict needs");
        }
        if (!(args instanceof Tuple(List<Object> a))) throw fail("calls " + g.qualified() + " with " + kind(args)
                + ", not a tuple");
        return switch (g.name()) {
            case "OrderedDict" -> {
                if (!a.isEmpty()) throw fail("builds an OrderedDict from arguments; torch.save builds it empty");
                yield new LinkedHashMap<>();
            }
            case "_rebuild_tensor_v2" -> {
                // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
                if (a.size() < 6 || a.size() > 7 || !(a.get(0) instanceof StorageRef s)
                        || !(a.get(1) instanceof Long offset) || offset < 0) {
                    throw fail("calls _rebuild_tensor_v2 with arguments " + kinds(a)
                            + ", not (storage, offset, size, stride, ...)");
                }
                long[] size = longs(a.get(2), "size"), stride = longs(a.get(3), "stride");
                if (size.length != stride.length) throw fail("has a tensor whose size and stride differ in rank");
                yield new TensorRef(s, offset, size, stride);
            }
            default -> {   // _rebuild_parameter(data, requires_grad, backward_hooks[, state])
                if (a.size() < 3 || !(a.get(0) instanceof TensorRef t)) throw fail("calls " + g.name()
                        + " without a tensor");
                yield t;
            }
        };
    }

    /** BUILD: only the attribute dict torch gives a state_dict ({@code _metadata}: module versions), which is
     * ignored. */
    private void build(Object target, Object state) {
        if (!(target instanceof Map<?, ?>) || !(state instanceof Map<?, ?>)) {
            throw fail("sets the state of " + kind(target) + " to " + kind(state)
                    + "; only a state_dict's attributes may be set");
        }
    }

    private long[] longs(Object o, String what) {
        if (!(o instanceof Tuple(List<Object> items))) throw fail("has a tensor " + what + " that is " + kind(o)
                + ", not a tuple");
        long[] out = new long[items.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(items.get(i) instanceof Long v) || v < 0) throw fail("has a tensor " + what + " " + kinds(items)
                    + " that is not sizes");
            out[i] = v;
        }
        return out;
    }

    private void putPairs(Map<Object, Object> d, List<Object> items) {
        if (items.size() % 2 != 0) throw fail("is damaged: a dict is built from an odd number of items");
        for (int i = 0; i < items.size(); i += 2) {
            Object key = items.get(i);
            if (!(key instanceof String || key instanceof Long || key instanceof Boolean)) {
                throw fail("uses " + kind(key) + " as a dict key");   // only plain values: no hashing of pickle objects
            }
            d.put(key, items.get(i + 1));
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o) {
        if (!(o instanceof ArrayList<?>)) throw fail("appends to " + kind(o) + ", not a list");
        return (List<Object>) o;
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o) {
        if (!(o instanceof Map<?, ?>)) throw fail("sets an item of " + kind(o) + ", not a dict");
        return (Map<Object, Object>) o;
    }

    private Object memoGet(long key) {
        Object o = memo.get(key);
        if (o == null) throw fail("is damaged: it reads memo entry " + key + " that was never stored");
        return o;
    }

    private void push(Object o) { stack.add(o); }

    private Object pop() {
        int floor = marks.isEmpty() ? 0 : marks.getLast();
        if (stack.size() <= floor) throw fail("is damaged: its pickle pops from an empty stack at byte " + (pos - 1));
        return stack.removeLast();
    }

    private Object peek(int depth) {
        if (stack.size() <= depth) throw fail("is damaged: its pickle reads an empty stack at byte " + (pos - 1));
        return stack.get(stack.size() - 1 - depth);
    }

    private List<Object> popN(int n) {
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.addFirst(pop());
        return out;
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) throw fail("is damaged: its pickle has no mark at byte " + (pos - 1));
        int at = marks.removeLast();
        List<Object> sub = stack.subList(at, stack.size());
        List<Object> out = new ArrayList<>(sub);
        sub.clear();
        return out;
    }

    /** LONG1: a little-endian two's complement integer of n bytes; torch sizes fit in a long. */
    private Long long1() {
        int n = u8();
        byte[] le = new byte[n];
        System.arraycopy(b, advance(n), le, 0, n);
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) be[i] = le[n - 1 - i];
        BigInteger v = n == 0 ? BigInteger.ZERO : new BigInteger(be);
        if (v.bitLength() > 63) throw fail("has an integer too large for a size: " + v);
        return v.longValue();
    }

    private String line() {
        int start = pos;
        while (pos < b.length && b[pos] != '\n') {
            if (pos - start > MAX_GLOBAL_NAME || b[pos] < 0x20
                    || b[pos] > 0x7e) throw fail("has a damaged global name at byte " + start);
            pos++;
        }
        if (pos >= b.length) throw truncated();
        String s = new String(b, start, pos - start, StandardCharsets.US_ASCII);
        pos++;
        return s;
    }

    private String utf8(int n) {
        int at = advance(n);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, at, n)).toString();
        } catch (CharacterCodingException e) {
            throw fail("has a string that is not valid UTF-8 at byte " + at);
        }
    }

    private int count(long n, String what) {
        if (n > b.length - pos) throw fail("is damaged: a " + what + " of " + n + " runs past the end of its pickle");
        return (int) n;
    }

    private int u8() { return b[advance(1)] & 0xFF; }

    private int u16() { return Short.toUnsignedInt(buf.getShort(advance(2))); }

    private long u32() { return Integer.toUnsignedLong(buf.getInt(advance(4))); }

    private void skip(int n) { advance(n); }

    private int advance(int n) {
        if (n > b.length - pos) throw truncated();
        int at = pos;
        pos += n;
        return at;
    }

    private TorchFormatException truncated() {
        return fail("is truncated or damaged: its pickle ends without STOP");
    }

    private TorchFormatException fail(String problem) { return new TorchFormatException(source + " " + problem); }

    private static String opcodeName(int op) {
        return op >= 0x21 && op < 0x7f ? "'" + (char) op + "' (0x" + Integer.toHexString(op) + ")" : "0x"
                + Integer.toHexString(op);
    }

    private static String kinds(List<Object> items) {
        List<String> k = new ArrayList<>();
        for (Object o : items) k.add(kind(o));
        return k.toString();
    }

    private static String kind(Object o) {
        return switch (o) {
            case null -> "nothing";
            case Global g -> g.qualified();
            case Tuple t -> "a tuple of " + t.items().size();
            case TensorRef t -> "a tensor";
            case StorageRef s -> "a storage";
            case Map<?, ?> m -> "a dict";
            case List<?> l -> "a list";
            case String s -> "a string";
            case Long l -> "an integer";
            case Double d -> "a float";
            case Boolean x -> "a bool";
            default -> o == NONE ? "None" : o.getClass().getSimpleName();
        };
    }
}
