package dev.rnn4j.viz;

import dev.rnn4j.io.Json;
import dev.rnn4j.lm.MetricsLog;
import dev.rnn4j.tool.InputFiles;
import dev.rnn4j.tool.OutputPaths;
import dev.rnn4j.tool.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./rnn4j viz training}: the curves of one or more {@code train} runs from their {@code metrics.jsonl},
 * against steps or wall time. The JSON lines of {@code bench/pytorch_charlm_quality.py} ({@code seconds},
 * {@code step}, {@code val_loss}) are read as validations too, so PyTorch's run overlays on the time axis.
 */
@Command(name = "training", mixinStandardHelpOptions = true,
        description = {"Plot train runs' loss, bits per char, learning rate, gradient norm and speed, overlaid.",
                "Against steps or minutes. A --run may also be a file of bench/pytorch_charlm_quality.py output."})
final class TrainingCommand implements Runnable {
    /** The per-step fields of metrics.jsonl that get a series each (validation lines add val_loss, val_bpc). */
    static final List<String> STEP_FIELDS = List.of("train_loss", "train_bpc", "lr", "grad_norm", "chars_per_s");
    static final List<String> VALIDATION_FIELDS = List.of("val_loss", "val_bpc");

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "a run directory written by train (repeat to compare runs)")
    List<Path> runs;
    @Option(names = "--out", defaultValue = "training.html", paramLabel = "FILE",
            description = "the page to write (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public void run() {
        OutputPaths.requireWritableFile("--out", out);
        List<Object> series = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Path run : runs) {
            Map<String, Object> r = read(run);
            // two runs named alike: show the paths
            if (!names.add((String) r.get("name"))) r.put("name", run.toString());
            series.add(r);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("title", "Training: " + String.join(", ", runs.stream().map(TrainingCommand::runName).toList()));
        d.put("runs", series);
        HtmlPage.write(out, "Training curves", d, "training.js");
        System.out.println("wrote " + out + " (" + runs.size() + " run" + (runs.size() == 1 ? "" : "s") + ")");
    }

    static String runName(Path run) {
        Path name = run.toAbsolutePath().normalize().getFileName();
        return name == null ? run.toString() : name.toString();
    }

    /**
     * One run as {name, series: {field: [[step, value, minutes or null], …]}}; lines that are not JSON objects
     * name the file and line. A line without a type that has {@code val_loss} (or {@code final_val_loss}) and
     * {@code seconds} is a validation of PyTorch's quality script.
     */
    static Map<String, Object> read(Path run) {
        if (!Files.exists(run)) {
            throw new UserError("no such run directory: --run " + run
                    + "; give a run directory written by ./rnn4j train");
        }
        Path file = Files.isDirectory(run) ? run.resolve(MetricsLog.FILE) : run;
        if (!Files.exists(file)) {
            throw new UserError("no " + MetricsLog.FILE + " in --run " + run
                    + " (no step has finished there yet?): give a run "
                    + "directory written by ./rnn4j train");
        }
        List<String> lines = InputFiles.lines("--run", file);
        Map<String, List<Object>> fields = new LinkedHashMap<>();
        for (String f : STEP_FIELDS) fields.put(f, new ArrayList<>());
        for (String f : VALIDATION_FIELDS) fields.put(f, new ArrayList<>());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            Map<String, Object> m;
            try {
                m = Json.parseObject(line);
            } catch (IllegalArgumentException e) {
                // a run killed mid-write may leave a torn last line; anything else is not a metrics file
                if (i == lines.size() - 1) break;
                throw new UserError(file + " line " + (i + 1) + " is not a JSON object (" + e.getMessage()
                        + "): give a metrics.jsonl written by ./rnn4j train");
            }
            if (!(m.get("step") instanceof Number step)) continue;
            if (m.get("type") == null && m.get("final_val_loss") != null) m.put("val_loss", m.get("final_val_loss"));
            boolean validation = "validation".equals(m.get("type"))
                    || (m.get("type") == null && m.get("val_loss") != null);
            if (validation && !m.containsKey("val_bpc") && m.get("val_loss") instanceof Number v) {
                m.put("val_bpc", v.doubleValue() / Math.log(2));
            }
            Object seconds = m.containsKey("elapsed_s") ? m.get("elapsed_s") : m.get("seconds");
            Double minutes = seconds instanceof Number t ? t.doubleValue() / 60 : null;
            for (String f : validation ? VALIDATION_FIELDS : STEP_FIELDS) {
                if (m.get(f) instanceof Number v && Double.isFinite(v.doubleValue())) {
                    // minutes may be null
                    fields.get(f).add(java.util.Arrays.asList(step.longValue(), v.doubleValue(), minutes));
                }
            }
        }
        if (fields.get("train_loss").isEmpty() && fields.get("val_loss").isEmpty()) {
            throw new UserError(file + " has no step or validation lines yet: give a run that has trained a step");
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", runName(run));
        r.put("series", fields);
        return r;
    }
}
