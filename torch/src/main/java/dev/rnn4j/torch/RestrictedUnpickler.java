package dev.rnn4j.torch;

import dev.rnn4j.torch.PickleValues.Global;
import dev.rnn4j.torch.PickleValues.Tuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.rnn4j.torch.PickleValues.NONE;
import static dev.rnn4j.torch.PickleValues.PENDING;
import static dev.rnn4j.torch.PickleValues.kind;
import static dev.rnn4j.torch.PickleValues.kinds;

/**
 * Reads the pickle of a {@code torch.save} file ({@code data.pkl}; pickle protocols 2 to 5) without running any
 * code. It builds plain values (dicts, lists, tuples, sets, strings, numbers, None, bools) and tensor views; the
 * only globals it knows are {@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2},
 * {@code torch._utils._rebuild_parameter} and the storage classes, each applied by Java code here, as PyTorch's
 * {@code weights_only=True} loader does. A first pass runs the pickle's stack machine without making any call,
 * so every global, whether GLOBAL names it or STACK_GLOBAL takes its names from the stack, is checked before
 * anything is built: a pickle naming {@code os.system}, {@code builtins.eval} or a class of its own is refused
 * whole, with the name and its byte offset in the message.
 *
 * <pre>{@code
 * Object checkpoint = RestrictedUnpickler.load(zip.read("m/data.pkl"), 0, "m.pt").value();
 * }</pre>
 */
final class RestrictedUnpickler {
    /** A storage named by a persistent id: its element type and archive key ({@code data/<key>}). */
    record StorageRef(TorchDType dtype, String key, long numel) {}

    /** A tensor view of a storage, as {@code _rebuild_tensor_v2(storage, offset, size, stride, ...)} describes it. */
    record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {}

    /** A pickle's value, the storages it names by key, and the byte after its STOP. */
    record Unpickled(Object value, Map<String, StorageRef> storages, int end) {}

    private static final Set<String> CALLABLE = Set.of("collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
            "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state");
    
    private final PickleBytes in;
    private final String source;
    /** False in the checking pass: calls, persistent ids and BUILD leave {@link PickleValues#PENDING} instead. */
    private final boolean building;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private final Map<String, StorageRef> storages = new LinkedHashMap<>();

    private RestrictedUnpickler(byte[] pickle, int start, String source, boolean building) {
        this.in = new PickleBytes(pickle, start, source);
        this.source = source;
        this.building = building;
    }

    /** The pickle starting at byte {@code start}: checked whole ({@link #check}), then built. */
    static Unpickled load(byte[] pickle, int start, String source) {
        check(pickle, start, source);
        return build(pickle, start, source);
    }

    /** Pass 1: every opcode known, every global allowed, the stack consistent; nothing is called or built.
     * Returns the byte after STOP. */
    static int check(byte[] pickle, int start, String source) {
        RestrictedUnpickler u = new RestrictedUnpickler(pickle, start, source, false);
        u.run();
        return u.in.pos();
    }

    /** Pass 2, for a pickle {@link #check} accepted: the allowed calls are made here, in Java. */
    static Unpickled build(byte[] pickle, int start, String source) {
        RestrictedUnpickler u = new RestrictedUnpickler(pickle, start, source, true);
        Object value = u.run();
        return new Unpickled(value, Collections.unmodifiableMap(u.storages), u.in.pos());
    }

    private Object run() {
        while (true) {
            int at = in.pos();
            int op = in.u8();
            switch (op) {
                case '.' -> { return result(); }
                case 0x80 -> protocol(in.u8());
                case 0x95 -> in.skip(8);   // FRAME: a length hint for buffered readers
                case 'c' -> push(allowed(new Global(in.line(), in.line()), at));
                case 0x93 -> {   // STACK_GLOBAL: module and name from the stack
                    Object name = pop(), module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw fail("names a global by " + kind(module) + " and " + kind(name) + " at byte " + at
                                + ", not two strings");
                    }
                    push(allowed(new Global(m, n), at));
                }
                case '(' -> marks.add(stack.size());
                case ')' -> push(new Tuple(List.of()));
                case 't' -> push(new Tuple(popMark()));
                case 0x85, 0x86, 0x87 -> push(new Tuple(popN(op - 0x84)));
                case ']' -> push(new ArrayList<>());
                case 'l' -> push(new ArrayList<>(popMark()));
                case 'a' -> {
                    Object item = pop();
                    list(peek(0)).add(item);
                }
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
                case 0x8f -> push(new LinkedHashSet<>());
                case 0x90 -> {
                    List<Object> items = popMark();
                    addItems(set(peek(0)), items);
                }
                case 0x91 -> {
                    Set<Object> s = new LinkedHashSet<>();
                    addItems(s, popMark());
                    push(Collections.unmodifiableSet(s));
                }
                case 'N' -> push(NONE);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'K' -> push((long) in.u8());
                case 'M' -> push((long) in.u16());
                case 'J' -> push((long) in.i32());
                case 0x8a -> push(in.long1());
                case 'G' -> push(in.float64());
                case 0x8c -> push(in.utf8(in.u8()));
                case 'X' -> push(in.utf8(in.count(in.u32(), "string length")));
                case 0x8d -> push(in.utf8(in.count(in.u64(), "string length")));
                case 'C' -> push(in.bytes(in.u8()));
                case 'B' -> push(in.bytes(in.count(in.u32(), "bytes length")));
                case 0x8e -> push(in.bytes(in.count(in.u64(), "bytes length")));
                case 'q' -> memo.put((long) in.u8(), peek(0));
                case 'r' -> memo.put(in.u32(), peek(0));
                case 0x94 -> memo.put((long) memo.size(), peek(0));
                case 'h' -> push(memoGet(in.u8()));
                case 'j' -> push(memoGet(in.u32()));
                case 'Q' -> {
                    Object pid = pop();
                    push(building ? storage(pid) : PENDING);
                }
                case 'R' -> {
                    Object args = pop();
                    Global g = callable(pop());
                    push(building ? call(g, args) : PENDING);
                }
                case 'b' -> {
                    Object state = pop();
                    if (building) build(peek(0), state);
                    else peek(0);
                }
                case '0' -> pop();
                case '1' -> popMark();
                default -> throw fail("uses pickle opcode " + opcodeName(op) + " at byte " + at
                        + ", which a torch.save checkpoint of tensors and plain values never contains; "
                        + "refused before running anything");
            }
        }
    }

    private void protocol(int version) {
        if (version < 2 || version > 5) throw fail("is pickle protocol " + version + "; torch.save writes 2 to 5");
    }

    private Object result() {
        Object top = pop();
        if (!stack.isEmpty() || !marks.isEmpty()) throw fail("is damaged: its pickle ends with values left over");
        return top;
    }

    private Global allowed(Global g, int at) {
        if (CALLABLE.contains(g.qualified()) || g.module().equals("torch")
                && TorchDType.ofStorageClass(g.name()) != null) {
            return g;
        }
        if (g.module().equals("__main__") || g.module().startsWith("torch.nn.")) {
            throw fail("holds a whole model object (" + g.qualified() + ", at byte " + at + "): loading it would "
                    + "run its classes' code, so it is refused before running anything. Save the weights "
                    + "instead: torch.save(model.state_dict(), FILE)");
        }
        throw fail("refers to " + g.qualified() + " (at byte " + at + "), which a checkpoint of tensors never "
                + "needs: refused before running anything. Only tensors and plain values (numbers, strings, "
                + "lists, tuples, dicts) are loaded; save model.state_dict(), or a dict of it and plain values, "
                + "not the model or other objects");
    }

    private Global callable(Object o) {
        if (!(o instanceof Global g) || !CALLABLE.contains(g.qualified())) {
            throw fail("calls " + kind(o) + ", which is not one of the calls a state_dict needs");
        }
        return g;
    }

    /** A persistent id: {@code ('storage', torch.<T>Storage, key, location, numel)}; the legacy format adds a
     * sixth item, the view it is of, which PyTorch 1.x always writes as None. */
    private StorageRef storage(Object pid) {
        if (!(pid instanceof Tuple(List<Object> t)) || t.size() < 5 || t.size() > 6 || !"storage".equals(t.get(0))) {
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
        if (t.size() == 6 && t.get(5) != NONE) {
            throw fail("has a storage " + key + " that is a view of another (PyTorch before 1.0): load it in a "
                    + "newer PyTorch and save it again");
        }
        StorageRef s = new StorageRef(TorchDType.ofStorageClass(g.name()), key, numel);
        StorageRef before = storages.putIfAbsent(key, s);
        if (before != null && !before.equals(s)) throw fail("names storage " + key + " twice, with different types "
                + "or sizes");
        return s;
    }

    private Object call(Global g, Object args) {
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
        for (int i = 0; i < items.size(); i += 2) d.put(plainKey(items.get(i), "a dict key"), items.get(i + 1));
    }

    private void addItems(Set<Object> s, List<Object> items) {
        for (Object item : items) s.add(plainKey(item, "a set item"));
    }

    /** Only plain values are hashed: a container of pickle objects could hold itself and never finish. */
    private Object plainKey(Object key, String what) {
        if (key instanceof String || key instanceof Long || key instanceof Boolean || key instanceof Double) {
            return key;
        }
        throw fail("uses " + kind(key) + " as " + what);
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o) {
        if (o == PENDING) return new ArrayList<>();   // checking pass: a call's result, not built there
        if (!(o instanceof ArrayList<?>)) throw fail("appends to " + kind(o) + ", not a list");
        return (List<Object>) o;
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o) {
        if (o == PENDING) return new LinkedHashMap<>();
        if (!(o instanceof LinkedHashMap<?, ?>)) throw fail("sets an item of " + kind(o) + ", not a dict");
        return (Map<Object, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private Set<Object> set(Object o) {
        if (o == PENDING) return new LinkedHashSet<>();
        if (!(o instanceof LinkedHashSet<?>)) throw fail("adds to " + kind(o) + ", not a set");
        return (Set<Object>) o;
    }

    private Object memoGet(long key) {
        Object o = memo.get(key);
        if (o == null) throw fail("is damaged: it reads memo entry " + key + " that was never stored");
        return o;
    }

    private void push(Object o) { stack.add(o); }

    private Object pop() {
        int floor = marks.isEmpty() ? 0 : marks.getLast();
        if (stack.size() <= floor) {
            throw fail("is damaged: its pickle pops from an empty stack at byte " + (in.pos() - 1));
        }
        return stack.removeLast();
    }

    private Object peek(int depth) {
        if (stack.size() <= depth) throw fail("is damaged: its pickle reads an empty stack at byte " + (in.pos() - 1));
        return stack.get(stack.size() - 1 - depth);
    }

    private List<Object> popN(int n) {
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.addFirst(pop());
        return out;
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) throw fail("is damaged: its pickle has no mark at byte " + (in.pos() - 1));
        int at = marks.removeLast();
        if (at > stack.size()) throw fail("is damaged: its pickle pops below a mark at byte " + (in.pos() - 1));
        List<Object> sub = stack.subList(at, stack.size());
        List<Object> out = new ArrayList<>(sub);
        sub.clear();
        return out;
    }

    private TorchFormatException fail(String problem) { return new TorchFormatException(source + " " + problem); }

    private static String opcodeName(int op) {
        return op >= 0x21 && op < 0x7f ? "'" + (char) op + "' (0x" + Integer.toHexString(op) + ")" : "0x"
                + Integer.toHexString(op);
    }
}
