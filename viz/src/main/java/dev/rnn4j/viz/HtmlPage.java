package dev.rnn4j.viz;

import dev.rnn4j.io.Json;
import dev.rnn4j.tool.UserError;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Assembles one self-contained HTML file: the shared stylesheet, the small plotting script and the
 * page's own script are inlined with the data as a JSON literal, so the page works offline and can be
 * mailed around as one file.
 *
 * <pre>{@code
 * HtmlPage.write(Path.of("cells.html"), "Cells", data, "cells.js");
 * }</pre>
 */
final class HtmlPage {
    private static final String RESOURCES = "/dev/rnn4j/viz/";

    private HtmlPage() {}

    /** The page: {@code data} (maps, lists, strings, numbers) becomes {@code const DATA = …} for {@code script}. */
    static String render(String title, Object data, String script) {
        // "</" inside a JSON string would end the <script> element early; "<\/" means the same to JSON.
        String json = Json.write(data).replace("</", "<\\/");
        return resource("page.html")
                .replace("{{title}}", escape(title))
                .replace("{{style}}", resource("page.css"))
                .replace("{{scripts}}", resource("plot.js") + "\n" + resource(script))
                .replace("{{data}}", json);   // last: the text shown may itself contain "{{…}}"
    }

    static void write(Path out, String title, Object data, String script) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(out, render(title, data, script), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot write " + out + ": " + e.getMessage());
        }
    }

    /** Bytes as base64, for large numeric arrays the page decodes into typed arrays. */
    static String base64(byte[] bytes) { return Base64.getEncoder().encodeToString(bytes); }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlPage.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) throw new IllegalStateException("page resource " + name + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read page resource " + name, e);
        }
    }
}
