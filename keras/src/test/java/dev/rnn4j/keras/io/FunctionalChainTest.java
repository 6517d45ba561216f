package dev.rnn4j.keras.io;

import dev.rnn4j.io.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Functional model configs in both layouts: chains come back in order, anything else gets one message naming the
 * file, the layer and what is supported. (Whole files: KerasModelsTest loads functional-chain.keras and
 * keras2-functional.h5; unsupported-functional-branch.keras is refused here.)
 */
class FunctionalChainTest {
    private static final String SOURCE = "m.keras";

    @Test
    void keras3ChainInOrderWithUnusedStatesDropped() {
        String config = """
                {"name": "functional", "layers": [
                 {"class_name": "Dense", "name": "dense", "config": {"name": "dense", "units": 1},
                  "inbound_nodes": [{"args": [%s], "kwargs": {}}]},
                 {"class_name": "InputLayer", "name": "input_layer", "config": {"name": "input_layer"},
                  "inbound_nodes": []},
                 {"class_name": "LSTM", "name": "lstm", "config": {"name": "lstm", "units": 2, "return_state": true},
                  "inbound_nodes": [{"args": [%s], "kwargs": {"training": false, "mask": null}}]}],
                 "input_layers": ["input_layer", 0, 0], "output_layers": ["dense", 0, 0]}
                """.formatted(tensor("lstm", 0), tensor("input_layer", 0));
        List<Map<String, Object>> chain = FunctionalChain.layers(Json.parseObject(config), SOURCE);
        assertEquals(List.of("input_layer", "lstm", "dense"), chain.stream().map(l -> l.get("name")).toList());
        assertEquals(false, ((Map<?, ?>) chain.get(1).get("config")).get("return_state"));
    }

    @Test
    void keras2ChainInOrder() {
        String config = """
                {"name": "model", "layers": [
                 {"class_name": "InputLayer", "name": "input_1", "config": {"name": "input_1"}, "inbound_nodes": []},
                 {"class_name": "GRU", "name": "gru", "config": {"name": "gru"},
                  "inbound_nodes": [[["input_1", 0, 0, {}]]]},
                 {"class_name": "Dense", "name": "dense", "config": {"name": "dense"},
                  "inbound_nodes": [[["gru", 0, 0, {}]]]}],
                 "input_layers": [["input_1", 0, 0]], "output_layers": [["dense", 0, 0]]}
                """;
        List<Map<String, Object>> chain = FunctionalChain.layers(Json.parseObject(config), SOURCE);
        assertEquals(List.of("input_1", "gru", "dense"), chain.stream().map(l -> l.get("name")).toList());
    }

    @Test
    void aLayerTakingAStateIsRefused() {
        String config = """
                {"name": "model", "layers": [
                 {"class_name": "InputLayer", "name": "input_1", "config": {"name": "input_1"}, "inbound_nodes": []},
                 {"class_name": "LSTM", "name": "lstm", "config": {"name": "lstm", "return_state": true},
                  "inbound_nodes": [[["input_1", 0, 0, {}]]]},
                 {"class_name": "Dense", "name": "dense", "config": {"name": "dense"},
                  "inbound_nodes": [[["lstm", 0, 2, {}]]]}],
                 "input_layers": [["input_1", 0, 0]], "output_layers": [["dense", 0, 0]]}
                """;
        assertRefused(config, "'dense' (Dense) takes output 2 of 'lstm' (a returned state");
    }

    @Test
    void aBranchingFileIsRefusedNamingTheLayer() {
        KerasFileException e = assertThrows(KerasFileException.class,
                () -> KerasModels.load(KerasModelsTest.DIR.resolve("unsupported-functional-branch.keras")));
        assertMessage(e, "unsupported-functional-branch.keras", "'concatenate' (Concatenate) takes 2 inputs",
                "only functional models whose layers form one chain");
    }

    @Test
    void sharedLayersStatesLambdasAndSeveralOutputsAreRefused() {
        assertRefused(chain("{\"args\": [" + tensor("input_layer", 0) + "], \"kwargs\": {}}, "
                + "{\"args\": [" + tensor("input_layer", 0) + "], \"kwargs\": {}}", "LSTM", "[\"lstm\", 0, 0]"),
                "'lstm' (LSTM) is shared: called 2 times");
        assertRefused(chain("{\"args\": [" + tensor("input_layer", 0) + "], \"kwargs\": {}}", "Lambda",
                "[\"lstm\", 0, 0]"), "'lstm' (Lambda) holds Python code");
        assertRefused(chain("{\"args\": [" + tensor("input_layer", 0) + "], \"kwargs\": {}}", "LSTM",
                "[\"lstm\", 0, 1]"), "the model's output is output 1 of 'lstm' (a returned state");
        assertRefused(chain("{\"args\": [" + tensor("input_layer", 0) + "], \"kwargs\": {}}", "LSTM",
                "[[\"lstm\", 0, 0], [\"input_layer\", 0, 0]]"), "the model has 2 outputs");
        assertRefused(chain("{\"args\": [" + tensor("input_layer", 0) + "], \"kwargs\": {\"initial_state\": ["
                + tensor("input_layer", 0) + "]}}", "LSTM", "[\"lstm\", 0, 0]"),
                "'lstm' (LSTM) takes 'initial_state' from layer 'input_layer'");
        assertRefused(chain("{\"args\": [" + tensor("input_layer", 0) + "], \"kwargs\": {\"training\": true}}",
                "Dropout", "[\"lstm\", 0, 0]"), "is called with training=true, which is not supported");
    }

    @Test
    void anEncoderDecoderIsReadAsTwoChainsAndItsOddShapesAreRefused() {
        String decoderNode = "[[\"dec_in\", 0, 0, {}], [\"enc\", 0, 1, {}], [\"enc\", 0, 2, {}]]";
        String inputs = "[[\"enc_in\", 0, 0], [\"dec_in\", 0, 0]]";
        FunctionalChain.Graph g = FunctionalChain.graph(Json.parseObject(seq2seq(decoderNode, inputs, "LSTM")), SOURCE);
        assertEquals(List.of("enc_in", "enc"), g.encoder().stream().map(l -> l.get("name")).toList());
        assertEquals(List.of("dec_in", "dec", "dense"), g.decoder().stream().map(l -> l.get("name")).toList());
        assertEquals(List.of(new dev.rnn4j.keras.StateLink(0, 0)), g.links());
        assertEquals(true, ((Map<?, ?>) g.encoder().get(1).get("config")).get("return_state"), "the encoder keeps it");
        KerasFileException one = assertThrows(KerasFileException.class,
                () -> FunctionalChain.layers(Json.parseObject(seq2seq(decoderNode, inputs, "LSTM")), SOURCE));
        assertMessage(one, "KerasModels.loadModel");
        assertRefused(seq2seq(decoderNode, "[[\"dec_in\", 0, 0], [\"enc_in\", 0, 0]]", "LSTM"),
                "inputs must be [encoder input, decoder input]");
        assertRefused(seq2seq("[[\"dec_in\", 0, 0, {}], [\"enc\", 0, 2, {}], [\"enc\", 0, 1, {}]]", inputs, "LSTM"),
                "the final states of one recurrent layer");
        assertRefused(seq2seq("[[\"dec_in\", 0, 0, {}]]", inputs, "LSTM"),
                "no recurrent layer on the way to its output takes initial states");
        assertRefused(seq2seq(decoderNode, inputs, "Dense"), "supported: a SimpleRNN, LSTM or GRU with return_state");
    }

    @Test
    void aStackedEncoderDecoderLinksEachGiverAndRefusesAGiverOffTheChain() {
        // Keras 2's multi-layer seq2seq: enc1 -> enc2 on the encoder input, dec1 from enc1's states, dec2 from enc2's
        String stacked = "{\"name\": \"model\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"name\": \"enc_in\", \"config\": {}, \"inbound_nodes\": []},"
                + "{\"class_name\": \"InputLayer\", \"name\": \"dec_in\", \"config\": {}, \"inbound_nodes\": []},"
                + "{\"class_name\": \"LSTM\", \"name\": \"enc1\", \"config\": {\"return_state\": true, "
                + "\"return_sequences\": true}, \"inbound_nodes\": [[[\"enc_in\", 0, 0, {}]]]},"
                + "{\"class_name\": \"LSTM\", \"name\": \"enc2\", \"config\": {\"return_state\": true}, "
                + "\"inbound_nodes\": [[[\"%s\", 0, 0, {}]]]},"
                + "{\"class_name\": \"LSTM\", \"name\": \"dec1\", \"config\": {}, \"inbound_nodes\": "
                + "[[[\"dec_in\", 0, 0, {}], [\"enc1\", 0, 1, {}], [\"enc1\", 0, 2, {}]]]},"
                + "{\"class_name\": \"LSTM\", \"name\": \"dec2\", \"config\": {}, \"inbound_nodes\": "
                + "[[[\"dec1\", 0, 0, {}], [\"enc2\", 0, 1, {}], [\"enc2\", 0, 2, {}]]]}],"
                + "\"input_layers\": [[\"enc_in\", 0, 0], [\"dec_in\", 0, 0]], \"output_layers\": [[\"dec2\", 0, 0]]}";
        FunctionalChain.Graph g = FunctionalChain.graph(Json.parseObject(stacked.formatted("enc1")), SOURCE);
        assertEquals(List.of("enc_in", "enc1", "enc2"), g.encoder().stream().map(l -> l.get("name")).toList());
        assertEquals(List.of(new dev.rnn4j.keras.StateLink(0, 0), new dev.rnn4j.keras.StateLink(1, 1)), g.links());
        assertEquals(true, ((Map<?, ?>) g.encoder().get(1).get("config")).get("return_state"), "both givers keep it");
        // enc2 on the encoder input too: two branches, enc1 not on enc2's chain
        assertRefused(stacked.formatted("enc_in"), "'enc1' (LSTM) gives initial states but is not on the encoder's "
                + "chain");
    }

    /** Keras 2's seq2seq: enc_in -> enc (class {@code encoderClass}), dec_in -> dec (LSTM) -> dense. */
    private static String seq2seq(String decoderNode, String inputs, String encoderClass) {
        return "{\"name\": \"model\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"name\": \"enc_in\", \"config\": {\"name\": \"enc_in\"}, "
                + "\"inbound_nodes\": []},"
                + "{\"class_name\": \"InputLayer\", \"name\": \"dec_in\", \"config\": {\"name\": \"dec_in\"}, "
                + "\"inbound_nodes\": []},"
                + "{\"class_name\": \"" + encoderClass + "\", \"name\": \"enc\", \"config\": {\"name\": \"enc\", "
                + "\"return_state\": true}, \"inbound_nodes\": [[[\"enc_in\", 0, 0, {}]]]},"
                + "{\"class_name\": \"LSTM\", \"name\": \"dec\", \"config\": {\"name\": \"dec\"}, \"inbound_nodes\": ["
                + decoderNode + "]},"
                + "{\"class_name\": \"Dense\", \"name\": \"dense\", \"config\": {\"name\": \"dense\"}, "
                + "\"inbound_nodes\": [[[\"dec\", 0, 0, {}]]]}],"
                + "\"input_layers\": " + inputs + ", \"output_layers\": [[\"dense\", 0, 0]]}";
    }

    /** An input and one layer named lstm of class {@code cls} with the given inbound nodes. */
    private static String chain(String nodes, String cls, String outputs) {
        return """
                {"name": "functional", "layers": [
                 {"class_name": "InputLayer", "name": "input_layer", "config": {"name": "input_layer"},
                  "inbound_nodes": []},
                 {"class_name": "%s", "name": "lstm", "config": {"name": "lstm"}, "inbound_nodes": [%s]}],
                 "input_layers": ["input_layer", 0, 0], "output_layers": %s}
                """.formatted(cls, nodes, outputs);
    }

    private static void assertRefused(String config, String expected) {
        KerasFileException e = assertThrows(KerasFileException.class,
                () -> FunctionalChain.layers(Json.parseObject(config), SOURCE));
        assertMessage(e, SOURCE, expected);
    }

    private static void assertMessage(Exception e, String... parts) {
        for (String p : parts) assertTrue(e.getMessage().contains(p), e.getMessage());
    }

    private static String tensor(String layer, int index) {
        return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": [null, 3], \"dtype\": \"float32\", "
                + "\"keras_history\": [\"" + layer + "\", 0, " + index + "]}}";
    }
}
