package io.hirestream.schemas;

import org.apache.avro.Schema;
import org.apache.avro.AvroRuntimeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads a folder of {@code .avsc} files whose schemas may name each other's types. */
public final class SchemaFiles {

    private SchemaFiles() {
    }

    /** Every named schema in the folder, by full name; files are parsed in whatever order resolves their references. */
    public static Map<String, Schema> read(Path folder) {
        List<Path> pending;
        try (Stream<Path> files = Files.list(folder)) {
            pending = new ArrayList<>(files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list schemas in " + folder, e);
        }
        Map<String, Schema> parsed = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            List<Path> unresolved = new ArrayList<>();
            AvroRuntimeException lastError = null;
            for (Path file : pending) {
                Schema.Parser parser = new Schema.Parser();
                parser.addTypes(parsed.values());
                try {
                    Schema schema = parser.parse(file.toFile());
                    parser.getTypes().forEach(parsed::putIfAbsent);
                    parsed.putIfAbsent(schema.getFullName(), schema);
                } catch (AvroRuntimeException e) {
                    unresolved.add(file);
                    lastError = e;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
            if (unresolved.size() == pending.size()) {
                throw new IllegalArgumentException("cannot parse " + unresolved + ": " + lastError.getMessage(), lastError);
            }
            pending = unresolved;
        }
        return parsed;
    }
}
