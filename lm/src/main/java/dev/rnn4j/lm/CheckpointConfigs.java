package dev.rnn4j.lm;

import dev.rnn4j.io.Json;
import dev.rnn4j.nn.Nonlinearity;
import dev.rnn4j.nn.RecurrentKind;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A character model's config and its training config as the JSON objects a checkpoint's metadata holds
 * ({@code config} and {@code train_config}), and back, including the defaults of checkpoints written before a
 * setting existed.
 *
 * <pre>{@code
 * meta.put("config", Json.write(CheckpointConfigs.modelConfigJson(model.config())));
 * CharLmConfig c = CheckpointConfigs.modelConfig(Json.parseObject(meta.get("config")));
 * }</pre>
 */
final class CheckpointConfigs {
    private CheckpointConfigs() {}

    static Map<String, Object> modelConfigJson(CharLmConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cell", c.recurrentName());
        m.put("vocab_size", c.vocabSize());
        m.put("embedding_size", c.embeddingSize());
        m.put("hidden_size", c.hiddenSize());
        m.put("num_layers", c.numLayers());
        m.put("proj_size", c.projSize());
        m.put("nonlinearity", c.nonlinearity().name().toLowerCase(Locale.ROOT));
        m.put("dropout", (double) c.dropout());
        m.put("seed", c.seed());
        CharLmConfig.Regularization r = c.regularization();
        m.put("tie_weights", r.tieWeights());
        m.put("dropout_mode", r.dropoutMode().name().toLowerCase(Locale.ROOT));
        m.put("weight_drop", (double) r.weightDrop());
        String extra = (c.projSize() > 0 ? ", proj_size" : "")
                + (c.cell() == RecurrentKind.RNN ? ", nonlinearity" : "");
        String head = c.projSize() > 0 ? "proj_size" : "hidden_size";
        m.put("module", "Embedding(vocab_size, embedding_size) -> " + c.cell() + "(embedding_size, hidden_size, "
                + "num_layers, batch_first=True, dropout" + extra + ") -> Linear(" + head + ", vocab_size) named "
                + "embedding, " + c.recurrentName() + ", head"
                + (r.tieWeights() ? "; head.weight is embedding.weight" : ""));
        return m;
    }

    /**
     * Checkpoints written before embedding_size, proj_size and nonlinearity were settings had E = H, none, tanh;
     * those written before tie_weights, dropout_mode and weight_drop had none of them.
     */
    static CharLmConfig modelConfig(Map<String, Object> m) {
        RecurrentKind kind = RecurrentKind.valueOf(Json.getString(m, "cell").toUpperCase(Locale.ROOT));
        int hidden = (int) Json.getLong(m, "hidden_size");
        int embedding = m.containsKey("embedding_size") ? (int) Json.getLong(m, "embedding_size") : hidden;
        int proj = m.containsKey("proj_size") ? (int) Json.getLong(m, "proj_size") : 0;
        Nonlinearity nonlinearity = m.containsKey("nonlinearity")
                ? Nonlinearity.valueOf(Json.getString(m, "nonlinearity").toUpperCase(Locale.ROOT)) : Nonlinearity.TANH;
        CharLmConfig.Regularization r = new CharLmConfig.Regularization(
                m.containsKey("tie_weights") && Json.getBoolean(m, "tie_weights"),
                m.containsKey("dropout_mode") ? CharLmConfig.DropoutMode.valueOf(
                        Json.getString(m, "dropout_mode").toUpperCase(Locale.ROOT)) : CharLmConfig.DropoutMode.STANDARD,
                m.containsKey("weight_drop") ? (float) Json.getDouble(m, "weight_drop") : 0f);
        return new CharLmConfig(kind, (int) Json.getLong(m, "vocab_size"), embedding, hidden,
                (int) Json.getLong(m, "num_layers"), proj, nonlinearity, (float) Json.getDouble(m, "dropout"),
                Json.getLong(m, "seed"), r);
    }

    static Map<String, Object> trainConfigJson(TrainConfig t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("batch_size", t.batchSize());
        m.put("seq_length", t.seqLength());
        m.put("optimizer", t.optimizer());
        m.put("lr", Double.toString(t.lr()));
        m.put("lr_decay", Double.toString(t.lrDecay()));
        m.put("lr_decay_after", t.lrDecayAfter());
        m.put("grad_clip", Double.toString(t.gradClip()));
        m.put("max_epochs", t.maxEpochs());
        m.put("max_steps", t.maxSteps());
        m.put("time_limit_seconds", t.timeLimit().toSeconds());
        m.put("val_frac", Double.toString(t.valFrac()));
        m.put("eval_every", t.evalEvery());
        m.put("checkpoint_every", t.checkpointEvery());
        m.put("seed", t.seed());
        m.put("lr_schedule", t.schedule().name());
        m.put("min_lr", Double.toString(t.schedule().minLr()));
        m.put("warmup_steps", t.schedule().warmupSteps());
        m.put("schedule_total_steps", t.schedule().totalSteps());
        if (t.schedule().isTimed()) m.put("schedule_total_seconds", Double.toString(t.schedule().totalSeconds()));
        if (t.schedule().isPlateau()) m.put("plateau_patience", t.schedule().plateauPatience());
        m.put("weight_decay", Double.toString(t.weightDecay()));
        if (t.averagesWeights()) m.put("ema_decay", Double.toString(t.emaDecay()));
        if (t.patience() > 0) m.put("patience", t.patience());
        return m;
    }

    static TrainConfig trainConfig(Map<String, Object> m) {
        TrainConfig t = new TrainConfig((int) Json.getLong(m, "batch_size"), (int) Json.getLong(m, "seq_length"),
                Json.getString(m, "optimizer"), Double.parseDouble(Json.getString(m, "lr")),
                Double.parseDouble(Json.getString(m, "lr_decay")), (int) Json.getLong(m, "lr_decay_after"),
                Double.parseDouble(Json.getString(m, "grad_clip")), (int) Json.getLong(m, "max_epochs"),
                Json.getLong(m, "max_steps"), Duration.ofSeconds(Json.getLong(m, "time_limit_seconds")),
                Double.parseDouble(Json.getString(m, "val_frac")), (int) Json.getLong(m, "eval_every"),
                (int) Json.getLong(m, "checkpoint_every"), Json.getLong(m, "seed"));
        // Checkpoints written before schedules and weight decay were settings trained with char-rnn's step
        // schedule and the optimizer's default weight decay, which is what the constructor above gives.
        if (m.containsKey("lr_schedule")) {
            t = t.withSchedule(new TrainConfig.Schedule(Json.getString(m, "lr_schedule"),
                    Double.parseDouble(Json.getString(m, "min_lr")), Json.getLong(m, "warmup_steps"),
                    Json.getLong(m, "schedule_total_steps"), m.containsKey("schedule_total_seconds")
                            ? Double.parseDouble(Json.getString(m, "schedule_total_seconds")) : 0,
                    m.containsKey("plateau_patience") ? (int) Json.getLong(m, "plateau_patience") : 0));
        }
        if (m.containsKey("weight_decay")) t = t.withWeightDecay(Double.parseDouble(Json.getString(m, "weight_decay")));
        if (m.containsKey("ema_decay")) t = t.withEmaDecay(Double.parseDouble(Json.getString(m, "ema_decay")));
        if (m.containsKey("patience")) t = t.withPatience((int) Json.getLong(m, "patience"));
        return t;
    }
}
