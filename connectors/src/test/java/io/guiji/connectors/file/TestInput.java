package io.guiji.connectors.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.util.CloseableIterator;

/** Writes input files under a temporary input root and reads them back as rows. */
final class TestInput {

    static final Charset GBK = Charset.forName("GBK");
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path root;

    TestInput(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path write(String relative, String content, Charset charset) {
        return write(relative, content.getBytes(charset));
    }

    /** Writes {@code content}, gzip-compressed when the name ends with .gz. */
    Path write(String relative, byte[] content) {
        return write(relative, content, relative.endsWith(".gz"));
    }

    Path write(String relative, byte[] content, boolean compress) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            if (compress) {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                    out.write(content);
                }
            } else {
                Files.write(file, content);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<RawRow> read(String relative) {
        return read(root.resolve(relative));
    }

    List<RawRow> read(Path file) {
        return read(file, ReadLimits.DEFAULTS);
    }

    List<RawRow> read(String relative, ReadLimits limits) {
        return read(root.resolve(relative), limits);
    }

    List<RawRow> read(Path file, ReadLimits limits) {
        List<RawRow> rows = new ArrayList<>();
        try (CloseableIterator<RawRow> it = TabularFiles.open(file, root, limits)) {
            it.forEachRemaining(rows::add);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
