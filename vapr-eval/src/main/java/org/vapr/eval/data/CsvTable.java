package org.vapr.eval.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vapr.core.InputException;
import org.vapr.core.InputProblem;

/**
 * A CSV file as written by pandas ({@code to_csv}) and most spreadsheets (RFC 4180): comma-separated fields,
 * fields in double quotes may hold commas, newlines and doubled quotes; the first row names the columns.
 *
 * @param file   the file
 * @param header the column names
 * @param rows   the data rows (each as long as the header; blank lines skipped)
 * @param lines  the line each data row starts on (1-based), for messages
 */
public record CsvTable(Path file, List<String> header, List<List<String>> rows, List<Long> lines) {

    /** Reads a CSV file; a row with a different number of fields, or an unclosed quote, is an {@link InputException}. */
    public static CsvTable read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).replace("\uFEFF", "");
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file or directory");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> records = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        long line = 1;
        long start = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || !field.isEmpty()) {
                    row.add(field.toString());
                    records.add(row);
                    starts.add(start);
                }
                row = new ArrayList<>();
                field.setLength(0);
                any = false;
                line++;
                start = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new InputException(new InputProblem(file.toString(), start, -1, "", "unclosed quote", true));
        }
        if (any || !field.isEmpty()) {
            row.add(field.toString());
            records.add(row);
            starts.add(start);
        }
        if (records.isEmpty()) {
            throw new InputException(file + ": empty CSV file (expected a header row)");
        }
        List<String> header = List.copyOf(records.get(0));
        for (int r = 1; r < records.size(); r++) {
            if (records.get(r).size() != header.size()) {
                throw new InputException(new InputProblem(file.toString(), starts.get(r), -1, "",
                        "expected " + header.size() + " fields, got " + records.get(r).size(), true));
            }
        }
        return new CsvTable(file, header, List.copyOf(records.subList(1, records.size())),
                List.copyOf(starts.subList(1, starts.size())));
    }

    /** The index of a column, or −1. */
    public int column(String name) {
        return header.indexOf(name);
    }
}
