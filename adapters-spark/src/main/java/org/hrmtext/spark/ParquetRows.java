package org.hrmtext.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.hrmtext.app.io.InputLine;
import org.hrmtext.app.io.ParquetTables;
import org.hrmtext.domain.InvalidInputException;
import org.hrmtext.formats.json.JsonWriter;

/**
 * Parquet rows as JSON objects and result tables as Parquet, with the Parquet library Spark ships
 * (its example {@link Group} model; no Spark session needed, so local runs use it too). Integers
 * read as integers, floating point as numbers, booleans, strings, and lists (Parquet's LIST
 * layout or a repeated field) as arrays; any other column as its text.
 */
public final class ParquetRows implements ParquetTables {

    @Override
    public List<InputLine> read(Path file, String part) {
        return read(new LocalInputFile(file), file.toString(), part);
    }

    /** The rows of {@code in} ({@code file}: its name in messages). */
    static List<InputLine> read(InputFile in, String file, String part) {
        List<InputLine> out = new ArrayList<>();
        try (ParquetReader<Group> reader = new GroupReader(in).withConf(new Configuration()).build()) {
            int n = 0;
            for (Group row = reader.read(); row != null; row = reader.read()) {
                out.add(InputLine.of(file, part, ++n, jsonOf(row)));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException) {
                throw (InvalidInputException) e;
            }
            throw new InvalidInputException(file + ": cannot read as Parquet: " + e.getMessage(), e);
        }
        return out;
    }

    /** A reader of any input file into the example {@link Group} model. */
    private static final class GroupReader extends ParquetReader.Builder<Group> {
        GroupReader(InputFile in) {
            super(in);
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }

    /** One row as the compact JSON text of an object of its non-null columns. */
    static String jsonOf(Group row) {
        Map<String, Object> m = new LinkedHashMap<>();
        GroupType type = row.getType();
        for (int i = 0; i < type.getFieldCount(); i++) {
            Type field = type.getType(i);
            int n = row.getFieldRepetitionCount(i);
            if (field.isRepetition(Type.Repetition.REPEATED)) {
                List<Object> values = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    values.add(value(row, i, k));
                }
                m.put(field.getName(), values);
            } else if (n > 0) {
                m.put(field.getName(), isList(field) ? list(row.getGroup(i, 0)) : value(row, i, 0));
            }
        }
        return JsonWriter.compact(m);
    }

    private static boolean isList(Type field) {
        return !field.isPrimitive() && field.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
                && field.asGroupType().getFieldCount() == 1;
    }

    /** A LIST column: its repeated group's elements (the element field, or the repeated field itself). */
    private static List<Object> list(Group list) {
        List<Object> values = new ArrayList<>();
        Type repeated = list.getType().getType(0);
        for (int k = 0; k < list.getFieldRepetitionCount(0); k++) {
            if (repeated.isPrimitive()) {
                values.add(value(list, 0, k));
            } else {
                Group element = list.getGroup(0, k);
                values.add(element.getFieldRepetitionCount(0) > 0 ? value(element, 0, 0) : null);
            }
        }
        return values;
    }

    private static Object value(Group g, int field, int index) {
        Type type = g.getType().getType(field);
        if (!type.isPrimitive()) {
            return g.getGroup(field, index).toString();
        }
        return switch (type.asPrimitiveType().getPrimitiveTypeName()) {
            case INT32 -> (long) g.getInteger(field, index);
            case INT64 -> g.getLong(field, index);
            case DOUBLE -> g.getDouble(field, index);
            case FLOAT -> (double) g.getFloat(field, index);
            case BOOLEAN -> g.getBoolean(field, index);
            default -> g.getValueToString(field, index);
        };
    }

    @Override
    public void write(Path file, List<Map<String, Object>> rows) {
        MessageType schema = schemaOf(rows);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
                .withConf(new Configuration()).build()) {
            for (Map<String, Object> r : rows) {
                Group g = groups.newGroup();
                for (Type column : schema.getFields()) {
                    Object v = r.get(column.getName());
                    if (v != null) {
                        add(g, column, v);
                    }
                }
                writer.write(g);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void add(Group g, Type column, Object v) {
        String name = column.getName();
        if (isList(column)) {
            Group list = g.addGroup(name);
            for (Object e : (List<?>) v) {
                Group element = list.addGroup(0);
                if (e != null) {
                    element.add(0, String.valueOf(e));
                }
            }
            return;
        }
        switch (column.asPrimitiveType().getPrimitiveTypeName()) {
            case INT64 -> g.add(name, ((Number) v).longValue());
            case DOUBLE -> g.add(name, ((Number) v).doubleValue());
            case BOOLEAN -> g.add(name, (Boolean) v);
            default -> g.add(name, String.valueOf(v));
        }
    }

    /** One optional column per key of the first row, typed by what every row holds there. */
    private static MessageType schemaOf(List<Map<String, Object>> rows) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (String column : rows.isEmpty() ? List.<String>of() : rows.get(0).keySet()) {
            boolean integers = true;
            boolean numbers = true;
            boolean booleans = true;
            boolean lists = true;
            for (Map<String, Object> r : rows) {
                Object v = r.get(column);
                if (v != null) {
                    integers &= v instanceof Long || v instanceof Integer;
                    numbers &= v instanceof Number;
                    booleans &= v instanceof Boolean;
                    lists &= v instanceof List;
                }
            }
            if (integers) {
                b.optional(PrimitiveType.PrimitiveTypeName.INT64).named(column);
            } else if (numbers) {
                b.optional(PrimitiveType.PrimitiveTypeName.DOUBLE).named(column);
            } else if (booleans) {
                b.optional(PrimitiveType.PrimitiveTypeName.BOOLEAN).named(column);
            } else if (lists) {
                b.optionalList().optionalElement(PrimitiveType.PrimitiveTypeName.BINARY)
                        .as(LogicalTypeAnnotation.stringType()).named(column);
            } else {
                b.optional(PrimitiveType.PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(column);
            }
        }
        return b.named("results");
    }
}
