package dev.rnn4j.keras.io;

import dev.rnn4j.keras.KerasOptimizers;
import dev.rnn4j.keras.Loss;
import dev.rnn4j.keras.Metric;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.optim.Optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A saved model's compile settings (Keras 3's {@code compile_config}, Keras 2's {@code training_config}) applied
 * with a model's {@code compile}: the loss ({@code binary_crossentropy}, {@code sparse_categorical_crossentropy},
 * {@code categorical_crossentropy}, {@code mse}, by name or class), the {@code accuracy} metric, and the optimizer
 * (RMSprop, Adam, AdamW, SGD, Adagrad with its learning rate). When any part is something else the model stays
 * uncompiled, as {@code keras.models.load_model(..., compile=False)} would leave it.
 */
final class CompileConfigs {
    private CompileConfigs() {}

    /** A model's {@code compile(optimizer, loss, metrics)}: {@code model::compile}. */
    @FunctionalInterface
    interface Compiler {
        void compile(Function<List<Parameter>, Optimizer> optimizer, Loss loss, Metric... metrics);
    }

    @SuppressWarnings("unchecked")
    static void apply(Compiler model, Object compileConfig) {
        if (!(compileConfig instanceof Map<?, ?> m)) return;
        Map<String, Object> c = (Map<String, Object>) m;
        compile(model, c.get("loss"), c.get("metrics"), c.get("optimizer"));
    }

    static void applyLegacy(Compiler model, Map<String, Object> training) {
        compile(model, training.get("loss"), training.get("metrics"), training.get("optimizer_config"));
    }

    private static void compile(Compiler model, Object lossSpec, Object metricSpec, Object optimizerSpec) {
        Loss loss = loss(lossSpec);
        List<Metric> metrics = metrics(metricSpec);
        Function<List<Parameter>, Optimizer> optimizer = optimizer(optimizerSpec);
        if (loss == null || metrics == null || optimizer == null) return;
        model.compile(optimizer, loss, metrics.toArray(Metric[]::new));
    }

    private static Loss loss(Object spec) {
        String name = name(spec);
        if (name == null) return null;
        if (spec instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> cfg
                && Boolean.TRUE.equals(cfg.get("from_logits"))) {
            return null;   // the loss would apply to logits, not to the model's probabilities
        }
        return switch (name) {
            case "binary_crossentropy", "BinaryCrossentropy" -> Loss.BINARY_CROSSENTROPY;
            case "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy"
                    -> Loss.SPARSE_CATEGORICAL_CROSSENTROPY;
            case "categorical_crossentropy", "CategoricalCrossentropy" -> Loss.CATEGORICAL_CROSSENTROPY;
            case "mse", "mean_squared_error", "MeanSquaredError" -> Loss.MSE;
            default -> null;
        };
    }

    private static List<Metric> metrics(Object spec) {
        List<Metric> metrics = new ArrayList<>();
        if (spec == null) return metrics;
        if (!(spec instanceof List<?> list)) return null;
        for (Object entry : list) {
            // Keras 3 may nest the metrics of each output in a list.
            List<?> items = entry instanceof List<?> inner ? inner : List.of(entry);
            for (Object item : items) {
                String name = name(item);
                if (name == null) return null;
                switch (name) {
                    case "accuracy", "acc", "binary_accuracy", "BinaryAccuracy", "sparse_categorical_accuracy",
                         "SparseCategoricalAccuracy", "categorical_accuracy", "CategoricalAccuracy"
                                 -> { if (!metrics.contains(Metric.ACCURACY)) metrics.add(Metric.ACCURACY); }
                    default -> { return null; }
                }
            }
        }
        return metrics;
    }

    private static Function<List<Parameter>, Optimizer> optimizer(Object spec) {
        String name = name(spec);
        if (name == null) return null;
        double lr = Double.NaN;
        if (spec instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> cfg) {
            Object v = cfg.get("learning_rate") != null ? cfg.get("learning_rate") : cfg.get("lr");
            if (v instanceof Number n) lr = n.doubleValue();
            else if (v != null) return null;   // a schedule: not supported
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "rmsprop" -> Double.isNaN(lr) ? KerasOptimizers.rmsprop() : KerasOptimizers.rmsprop(lr);
            case "adam" -> Double.isNaN(lr) ? KerasOptimizers.adam() : KerasOptimizers.adam(lr);
            case "adamw" -> KerasOptimizers.adamw(Double.isNaN(lr) ? 1e-3 : lr);
            case "sgd" -> Double.isNaN(lr) ? KerasOptimizers.sgd() : KerasOptimizers.sgd(lr);
            case "adagrad" -> Double.isNaN(lr) ? KerasOptimizers.adagrad() : KerasOptimizers.adagrad(lr);
            default -> null;
        };
    }

    /** A name, or a class name of a serialised object. */
    private static String name(Object spec) {
        if (spec instanceof String s) return s;
        if (spec instanceof Map<?, ?> m && m.get("class_name") instanceof String s) return s;
        return null;
    }
}
