package org.hrmtext.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaSparkContext;
import org.hrmtext.inference.tokenizer.TokenizerCatalog;
import org.hrmtext.ports.Tokenizer;

/**
 * How an executor opens the driver's tokenizer: its file (shipped with
 * {@link JavaSparkContext#addFile} and found there with {@link SparkFiles#get}; none for the
 * built-in byte tokenizer) and every special-token name, so that both sides resolve the same ids.
 */
record TokenizerShipment(String fileName, Map<String, String> names) implements Serializable {
    private static final long serialVersionUID = 1L;

    static TokenizerShipment ship(Tokenizer tokenizer, JavaSparkContext sc) {
        String file = null;
        if (tokenizer.file().isPresent()) {
            Path path = tokenizer.file().get().toAbsolutePath();
            sc.addFile(path.toString());
            file = path.getFileName().toString();
        }
        return new TokenizerShipment(file, new LinkedHashMap<>(tokenizer.layout().names().byKey()));
    }

    /** Opens the tokenizer on an executor with the tokenizer readers installed there. */
    Tokenizer open() {
        TokenizerCatalog catalog = new TokenizerCatalog(Set.copyOf(TokenizerCatalog.discover()));
        return catalog.open(fileName == null ? "byte" : SparkFiles.get(fileName), names);
    }
}
