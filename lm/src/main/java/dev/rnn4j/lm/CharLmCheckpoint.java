package dev.rnn4j.lm;

import dev.rnn4j.io.CheckpointDirectory;
import dev.rnn4j.io.Json;
import dev.rnn4j.io.SafeTensors;
import dev.rnn4j.io.SafeTensorsFile;
import dev.rnn4j.nn.Parameter;
import dev.rnn4j.optim.OptimizerState;
import dev.rnn4j.optim.ReduceLrOnPlateau;
import dev.rnn4j.tensor.Tensor;
import dev.rnn4j.text.Vocabulary;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Saves and loads a character model's checkpoint: {@code model.safetensors} holds the weights under
 * PyTorch {@code state_dict} names with the model config, vocabulary and training config in its metadata
 * (loadable by PyTorch's safetensors as is); {@code training.safetensors} holds what exact resume needs.
 *
 * <pre>{@code
 * CharLmCheckpoint.save(runDir, model, vocab, trainConfig, trainer.snapshot(), "tinyshakespeare", best);
 * CharLmCheckpoint.Loaded c = CharLmCheckpoint.load(runDir);   // follows runDir/latest
 * }</pre>
 */
public final class CharLmCheckpoint {
    public static final String MODEL_FILE = "model.safetensors";
    public static final String TRAINING_FILE = "training.safetensors";
    /**
     * In {@link #TRAINING_FILE} of a run that averages its weights: the flat weights, in the order of the model's
     * {@code parameters()}, that training goes on from, while {@link #MODEL_FILE} holds their moving average.
     */
    static final String TRAINING_WEIGHTS = "weights.training";
    private static final String FORMAT = "rnn4j-charlm/1";
    private static final String CHECKSUM_KEY = "data_crc32";

    /**
     * A loaded checkpoint; {@code snapshot} is null for a weights-only one (e.g. an average of checkpoints),
     * {@code trainConfig} when the checkpoint does not say how it was trained (see {@link #readTrainConfig}).
     */
    public record Loaded(Path dir, CharLanguageModel model, Vocabulary vocabulary, String dataName,
                         TrainConfig trainConfig, TrainingSnapshot snapshot, TextSource text) {
        public Loaded(Path dir, CharLanguageModel model, Vocabulary vocabulary, String dataName,
                      TrainConfig trainConfig, TrainingSnapshot snapshot) {
            this(dir, model, vocabulary, dataName, trainConfig, snapshot, null);
        }
    }

    /**
     * The text a run was trained on: the file's absolute path (null for text that came from no file, such as the
     * embedded corpus) and the SHA-256 of the text as UTF-8, so that a later command can tell whether the file
     * at that path is still the same text.
     */
    public record TextSource(String path, String sha256) {
        public TextSource {
            if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits, got " + sha256);
            }
        }
    }

    private CharLmCheckpoint() {}

    public static Path save(Path runDir, CharLanguageModel model, Vocabulary vocabulary, TrainConfig trainConfig,
                            TrainingSnapshot snapshot, String dataName, boolean best) {
        return save(runDir, model, vocabulary, trainConfig, snapshot, dataName, best, false);
    }

    /** As above; {@code keepAll} keeps every earlier step directory (for {@code average}), not just latest and best. */
    public static Path save(Path runDir, CharLanguageModel model, Vocabulary vocabulary, TrainConfig trainConfig,
                            TrainingSnapshot snapshot, String dataName, boolean best, boolean keepAll) {
        return save(runDir, model, vocabulary, trainConfig, snapshot, dataName, null, best, keepAll);
    }

    /** As above, recording which text the run trains on ({@code text} may be null). */
    public static Path save(Path runDir, CharLanguageModel model, Vocabulary vocabulary, TrainConfig trainConfig,
                            TrainingSnapshot snapshot, String dataName, TextSource text, boolean best,
                            boolean keepAll) {
        return CheckpointDirectory.commit(runDir, snapshot.step(), dir -> {
            writeModel(dir.resolve(MODEL_FILE), model, vocabulary, dataName, trainConfig, text);
            writeTraining(dir.resolve(TRAINING_FILE), trainConfig, snapshot);
        }, best, keepAll);
    }

    /** Writes the weights; refuses NaN or infinite values, so a diverged model never replaces a good one. */
    public static void writeModel(Path file, CharLanguageModel model, Vocabulary vocabulary, String dataName) {
        writeModel(file, model, vocabulary, dataName, null);
    }

    /**
     * Writes the weights with the training config they came from ({@code trainConfig} may be null), so that
     * the model file alone says which part of the text was held out for validation.
     */
    public static void writeModel(Path file, CharLanguageModel model, Vocabulary vocabulary, String dataName,
                                  TrainConfig trainConfig) {
        writeModel(file, model, vocabulary, dataName, trainConfig, null);
    }

    /** As above, with the text the weights were trained on ({@code text} may be null). */
    public static void writeModel(Path file, CharLanguageModel model, Vocabulary vocabulary, String dataName,
                                  TrainConfig trainConfig, TextSource text) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((name, p) -> tensors.put(name, p.value()));
        tensors.forEach((name, t) -> {
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) {
                if (!Float.isFinite(d[i])) {
                    throw new IllegalArgumentException("refusing to save " + file + ": " + name + "[" + i
                            + "] is " + d[i]);
                }
            }
        });
        CharLmConfig c = model.config();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("config", Json.write(CheckpointConfigs.modelConfigJson(c)));
        meta.put("vocabulary", Json.write(toList(vocabulary.codePoints())));
        meta.put("data", dataName);
        if (trainConfig != null) meta.put("train_config", Json.write(CheckpointConfigs.trainConfigJson(trainConfig)));
        if (text != null) {
            if (text.path() != null) meta.put("data_path", text.path());
            meta.put("data_sha256", text.sha256());
        }
        meta.put(CHECKSUM_KEY, checksum(tensors));
        SafeTensors.write(file, tensors, meta);
    }

    private static void writeTraining(Path file, TrainConfig t, TrainingSnapshot s) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("state.h", s.carriedH());
        if (s.carriedC() != null) tensors.put("state.c", s.carriedC());
        s.optimizer().buffers().forEach((k, v) -> tensors.put("optim." + k, new Tensor(v.clone(), v.length)));
        float[] training = s.trainingWeights();   // the snapshot's own copy: no second one
        if (training != null) tensors.put(TRAINING_WEIGHTS, new Tensor(training, training.length));
        Map<String, Object> snap = new LinkedHashMap<>();
        snap.put("step", s.step());
        snap.put("epoch", s.epoch());
        snap.put("batch_index", s.batchIndex());
        snap.put("dropout_rng", Long.toString(s.dropoutRng()));
        snap.put("best_val_loss", Double.toString(s.bestValLoss()));   // strings keep doubles bit-exact
        snap.put("elapsed_seconds", Double.toString(s.elapsedSeconds()));
        snap.put("patience_best_val_loss", Double.toString(s.patience().bestValLoss()));
        snap.put("validations_since_best", s.patience().validationsSinceBest());
        if (s.plateau() != null) {
            ReduceLrOnPlateau.State p = s.plateau();
            snap.put("plateau_lr", Double.toString(p.lr()));
            snap.put("plateau_best", Double.toString(p.best()));
            snap.put("plateau_bad", p.badEvaluations());
            snap.put("plateau_cooldown", p.cooldownLeft());
        }
        snap.put("optimizer", s.optimizer().optimizer());
        snap.put("optimizer_step", s.optimizer().step());
        snap.put("optimizer_lr", Double.toString(s.optimizer().lr()));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("snapshot", Json.write(snap));
        meta.put("train_config", Json.write(CheckpointConfigs.trainConfigJson(t)));
        meta.put(CHECKSUM_KEY, checksum(tensors));
        SafeTensors.write(file, tensors, meta);
    }

    /**
     * Loads the checkpoint in {@code path} (a step directory, or a run directory's {@code latest}) with its
     * training state, as resuming needs. A damaged file fails with one message naming it and what to try.
     */
    public static Loaded load(Path path) {
        Loaded weights = loadModel(path);
        Path tf = weights.dir().resolve(TRAINING_FILE);
        if (!Files.exists(tf)) return weights;
        try {
            SafeTensorsFile t = SafeTensors.read(tf);
            verifyChecksum(t, tf);
            Map<String, Object> snap = Json.parseObject(t.metadata().get("snapshot"));
            Map<String, float[]> buffers = new LinkedHashMap<>();
            for (String name : t.names()) {
                if (name.startsWith("optim.")) buffers.put(name.substring(6), t.tensor(name).data());
            }
            OptimizerState opt = new OptimizerState(Json.getString(snap, "optimizer"),
                    Json.getLong(snap, "optimizer_step"),
                    Double.parseDouble(Json.getString(snap, "optimizer_lr")), buffers);
            TrainingSnapshot s = new TrainingSnapshot(Json.getLong(snap, "step"), (int) Json.getLong(snap, "epoch"),
                    (int) Json.getLong(snap, "batch_index"), opt, t.tensor("state.h"),
                    t.has("state.c") ? t.tensor("state.c") : null, Long.parseLong(Json.getString(snap, "dropout_rng")),
                    Double.parseDouble(Json.getString(snap, "best_val_loss")),
                    Double.parseDouble(Json.getString(snap, "elapsed_seconds")),
                    t.has(TRAINING_WEIGHTS) ? t.tensor(TRAINING_WEIGHTS).data() : null,
                    patience(snap), plateau(snap));
            TrainConfig tc = CheckpointConfigs.trainConfig(Json.parseObject(t.metadata().get("train_config")));
            return new Loaded(weights.dir(), weights.model(), weights.vocabulary(), weights.dataName(), tc, s,
                    weights.text());
        } catch (RuntimeException e) {
            throw damaged(weights.dir(), tf, e, "its weights still sample and evaluate, but resuming needs an intact "
                    + TRAINING_FILE);
        }
    }

    /** Where early stopping stood; in a checkpoint written before it: the best loss so far, counting from there. */
    private static TrainingSnapshot.Patience patience(Map<String, Object> snap) {
        if (!snap.containsKey("validations_since_best")) {
            return new TrainingSnapshot.Patience(Double.parseDouble(Json.getString(snap, "best_val_loss")), 0);
        }
        return new TrainingSnapshot.Patience(Double.parseDouble(Json.getString(snap, "patience_best_val_loss")),
                (int) Json.getLong(snap, "validations_since_best"));
    }

    /** Where a plateau schedule stood, or null for a run without one. */
    private static ReduceLrOnPlateau.State plateau(Map<String, Object> snap) {
        if (!snap.containsKey("plateau_lr")) return null;
        return new ReduceLrOnPlateau.State(Double.parseDouble(Json.getString(snap, "plateau_lr")),
                Double.parseDouble(Json.getString(snap, "plateau_best")), (int) Json.getLong(snap, "plateau_bad"),
                (int) Json.getLong(snap, "plateau_cooldown"));
    }

    /** Loads only the weights, vocabulary and model config (what sampling and evaluation need). */
    public static Loaded loadModel(Path path) {
        Path dir = locate(path);
        Path file = dir.resolve(MODEL_FILE);
        SafeTensorsFile mf;
        Map<String, String> meta;
        try {
            mf = SafeTensors.read(file);
            meta = mf.metadata();
        } catch (RuntimeException e) {
            throw damaged(dir, file, e, null);
        }
        if (!FORMAT.equals(meta.get("format"))) {
            throw new IllegalArgumentException(file + " is not an rnn4j character model (format "
                    + meta.get("format") + ", expected " + FORMAT + ")");
        }
        try {
            verifyChecksum(mf, file);
            CharLmConfig config = CheckpointConfigs.modelConfig(Json.parseObject(meta.get("config")));
            Vocabulary vocabulary = Vocabulary.fromCodePoints(fromList(Json.parseList(meta.get("vocabulary"))));
            if (vocabulary.size() != config.vocabSize()) {
                throw new IllegalArgumentException("vocabulary has " + vocabulary.size()
                        + " characters but the config says " + config.vocabSize());
            }
            CharLanguageModel model = new CharLanguageModel(config);
            if (config.regularization().tieWeights()) requireTied(mf);
            for (Map.Entry<String, Parameter> e : model.stateDict().entrySet()) {
                if (!mf.has(e.getKey())) throw new IllegalArgumentException("no tensor " + e.getKey());
                e.getValue().set(mf.tensor(e.getKey()));
            }
            String trained = meta.get("train_config");
            TrainConfig tc = trained == null ? null : CheckpointConfigs.trainConfig(Json.parseObject(trained));
            String sha = meta.get("data_sha256");
            TextSource text = sha == null ? null : new TextSource(meta.get("data_path"), sha);
            return new Loaded(dir, model, vocabulary, meta.get("data"), tc, null, text);
        } catch (RuntimeException e) {
            throw damaged(dir, file, e, null);
        }
    }

    /** A tied model's two keys hold one matrix: different values mean the file was altered or mislabelled. */
    private static void requireTied(SafeTensorsFile mf) {
        for (String key : new String[] {"embedding.weight", "head.weight"}) {
            if (!mf.has(key)) throw new IllegalArgumentException("no tensor " + key);
        }
        float[] e = mf.tensor("embedding.weight").data(), h = mf.tensor("head.weight").data();
        int differs = Arrays.mismatch(e, h);
        if (differs >= 0) {
            throw new IllegalArgumentException("its config says tie_weights, but embedding.weight and head.weight "
                    + (e.length != h.length ? "differ in size" : "differ at element " + differs + " (" + e[differs]
                    + " vs " + h[differs] + ")") + "; a tied model stores one matrix under both keys");
        }
    }

    /** The checkpoint directory {@code path} stands for, or one line saying why there is none. */
    private static Path locate(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such checkpoint directory: " + path + "; check the path");
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(path + " is a file, not a checkpoint: "
                    + "pass the --out directory of a training run");
        }
        boolean hasModel = Files.isRegularFile(path.resolve(MODEL_FILE))
                || Files.isRegularFile(path.resolve(CheckpointDirectory.LATEST).resolve(MODEL_FILE));
        if (!hasModel && Files.exists(path.resolve("metrics.jsonl"))) {
            throw new IllegalArgumentException(path + " is a training run with no checkpoint yet (train writes one at "
                    + "each validation, every --eval-every steps, and when it stops): try again after its first, "
                    + "or pass another run");
        }
        if (!hasModel) {
            throw new IllegalArgumentException(path + " has no checkpoint (neither " + MODEL_FILE + " nor "
                    + CheckpointDirectory.LATEST + "/" + MODEL_FILE + "): pass the --out directory of a training run");
        }
        return CheckpointDirectory.resolve(path, MODEL_FILE);
    }

    /**
     * How the checkpoint in {@code weights} was trained, for what needs only the recipe (which part of the
     * text it held out): the model file's copy, else (checkpoints written before the model file kept one)
     * the metadata of {@code training.safetensors}; null when neither says. The optimizer state is not read.
     */
    public static TrainConfig readTrainConfig(Loaded weights) {
        if (weights.trainConfig() != null) return weights.trainConfig();
        Path tf = weights.dir().resolve(TRAINING_FILE);
        if (!Files.exists(tf)) return null;
        try {
            String trained = SafeTensors.read(tf).metadata().get("train_config");
            return trained == null ? null : CheckpointConfigs.trainConfig(Json.parseObject(trained));
        } catch (RuntimeException e) {
            throw damaged(weights.dir(), tf, e, "its weights still sample and evaluate, but its training config "
                    + "(which part of the text was held out) is unreadable: pass --val-frac");
        }
    }

    /**
     * One message for any inconsistency in a checkpoint file: which file, what is wrong, and which other
     * checkpoint of the run may still load. Everything in the file is untrusted input, so any runtime
     * failure while decoding it is the file's fault, not a bug to show as a stack trace.
     */
    private static IllegalArgumentException damaged(Path dir, Path file, RuntimeException cause, String note) {
        String problem = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        String where = file.toString();
        if (problem.startsWith(where)) problem = problem.substring(where.length()).replaceFirst("^[:,]?\\s*", "");
        problem = problem.replaceFirst("^is ", "");
        StringBuilder m = new StringBuilder("checkpoint file ").append(file).append(" is damaged (")
                .append(problem).append(")");
        if (note != null) m.append("; ").append(note);
        Path other = otherCheckpoint(dir);
        m.append(other != null ? "; try the run's other checkpoint: " + other
                : "; retrain, or restore the file from a copy");
        return new IllegalArgumentException(m.toString(), cause);
    }

    /** The run's {@code best} checkpoint when {@code dir} is its {@code latest} and they differ (or the reverse). */
    private static Path otherCheckpoint(Path dir) {
        Path run = dir.toAbsolutePath().getParent();
        if (run == null) return null;
        try {
            Path self = dir.toRealPath();
            for (String link : new String[] {CheckpointDirectory.BEST, CheckpointDirectory.LATEST}) {
                Path candidate = run.resolve(link);
                if (Files.isRegularFile(candidate.resolve(MODEL_FILE)) && !candidate.toRealPath().equals(self)) {
                    return candidate;
                }
            }
        } catch (java.io.IOException e) {
            return null;
        }
        return null;
    }

    /** CRC-32 of every tensor's bytes in file order; stored in the metadata, it catches flipped or cut data. */
    private static String checksum(Map<String, Tensor> tensors) {
        CRC32 crc = new CRC32();
        for (Tensor t : tensors.values()) {
            ByteBuffer b = ByteBuffer.allocate(t.numel() * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(t.data());
            crc.update(b.array());
        }
        return Long.toHexString(crc.getValue());
    }

    private static void verifyChecksum(SafeTensorsFile f, Path file) {
        String expected = f.metadata().get(CHECKSUM_KEY);
        if (expected == null) return;   // written before checksums; the format checks still hold
        CRC32 crc = new CRC32();
        for (String name : f.names()) crc.update(f.rawBytes(name));
        String found = Long.toHexString(crc.getValue());
        if (!found.equals(expected)) {
            throw new IllegalArgumentException("tensor data checksum " + found
                    + " does not match the stored " + expected);
        }
    }

    private static List<Object> toList(int[] values) {
        List<Object> l = new ArrayList<>(values.length);
        for (int v : values) l.add((long) v);
        return l;
    }

    private static int[] fromList(List<Object> values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) values.get(i)).intValue();
        return out;
    }
}
