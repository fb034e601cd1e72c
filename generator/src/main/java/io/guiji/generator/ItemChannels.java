package io.guiji.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guiji.generator.Decision.Channel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The channel files of one department and record type, {@code records/<dept>/<type>/}: which
 * channels exist and how each writes (layout, encoding, line ends, quoting), decided when the item
 * starts; the files themselves are created on first use, so a channel that receives nothing leaves
 * no file. Also plans the item's file-level rejections (a row with undecodable bytes, a last row
 * with an unterminated quote).
 *
 * <ul>
 *   <li>{@code dept_system.csv}: the department's own system, UTF-8, Chinese headers or (licences,
 *       penalties) XK_/CF_ codes;
 *   <li>{@code hlwjg_platform.jsonl}: the 互联网+监管 platform, canonical keys (not for courts);
 *   <li>{@code credit_platform.csv}: the credit platform, Chinese headers or the 2016 layout,
 *       sometimes GBK with CRLF;
 *   <li>{@code resend.csv} / {@code resend.jsonl}: re-sends and later versions, in the format of
 *       the system or the platform file.
 * </ul>
 */
final class ItemChannels implements AutoCloseable {
    /** How a channel file is written. */
    record Spec(
            Channel channel,
            String file,
            boolean jsonl,
            Layouts.Kind layout,
            ChannelWriter.Encoding encoding,
            boolean crlf,
            boolean quoteAll,
            boolean headerVariants,
            boolean shuffled,
            boolean legalRepId) {}

    final Catalog.Item item;
    final boolean badBytes;
    final boolean unterminatedQuote;
    private final Map<Channel, Spec> specs = new EnumMap<>(Channel.class);
    private final Map<Channel, ChannelWriter> writers = new EnumMap<>(Channel.class);
    private final List<ChannelWriter> order = new ArrayList<>();
    private final NoisePlanner planner;
    private final Path root;
    private final ObjectMapper json;
    private long rows;

    private ItemChannels(
            Catalog.Item item,
            NoisePlanner planner,
            Path root,
            ObjectMapper json,
            double fileRejectRate) {
        this.item = item;
        this.planner = planner;
        this.root = root;
        this.json = json;
        String type = item.type();
        String dir = "records/" + item.dept().code() + "/" + type + "/";
        boolean codes = Layouts.hasCodes(type);

        badBytes = planner.chance(Noise.REJECT_BAD_BYTES, fileRejectRate);
        unterminatedQuote = planner.chance(Noise.REJECT_UNTERMINATED_QUOTE, fileRejectRate);
        Layouts.Kind systemLayout =
                codes && planner.chance(Noise.FILE_FIELD_CODES, 0.4)
                        ? Layouts.Kind.CODES
                        : Layouts.Kind.CHINESE;
        boolean legalRepId = systemLayout == Layouts.Kind.CODES && planner.draw(0.5);
        boolean bom = badBytes || planner.chance(Noise.FILE_BOM, 0.2);
        specs.put(
                Channel.SYSTEM,
                new Spec(
                        Channel.SYSTEM,
                        dir + "dept_system.csv",
                        false,
                        systemLayout,
                        bom ? ChannelWriter.Encoding.UTF8_BOM : ChannelWriter.Encoding.UTF8,
                        planner.chance(Noise.FILE_CRLF, 0.15),
                        planner.chance(Noise.FILE_QUOTE_ALL, 0.08),
                        systemLayout == Layouts.Kind.CHINESE
                                && planner.chance(Noise.FILE_HEADER_VARIANTS, 0.25),
                        planner.chance(Noise.FILE_COLUMN_ORDER, 0.1),
                        legalRepId));
        specs.put(
                Channel.RESEND_CSV,
                new Spec(
                        Channel.RESEND_CSV,
                        dir + "resend.csv",
                        false,
                        systemLayout,
                        ChannelWriter.Encoding.UTF8,
                        false,
                        false,
                        false,
                        false,
                        legalRepId));
        if (!type.equals("judicial") && planner.draw(0.7)) {
            specs.put(
                    Channel.PLATFORM,
                    new Spec(
                            Channel.PLATFORM,
                            dir + "hlwjg_platform.jsonl",
                            true,
                            Layouts.Kind.CANONICAL,
                            ChannelWriter.Encoding.UTF8,
                            false,
                            false,
                            false,
                            false,
                            false));
            specs.put(
                    Channel.RESEND_JSONL,
                    new Spec(
                            Channel.RESEND_JSONL,
                            dir + "resend.jsonl",
                            true,
                            Layouts.Kind.CANONICAL,
                            ChannelWriter.Encoding.UTF8,
                            false,
                            false,
                            false,
                            false,
                            false));
        }
        if (planner.draw(0.6)
                || planner.pending(Noise.FILE_GBK)
                || (codes && planner.pending(Noise.FILE_LAYOUT_2016))) {
            Layouts.Kind layout =
                    codes && planner.chance(Noise.FILE_LAYOUT_2016, 0.4)
                            ? Layouts.Kind.LEGACY_2016
                            : Layouts.Kind.CHINESE;
            boolean gbk = planner.chance(Noise.FILE_GBK, 0.35);
            specs.put(
                    Channel.CREDIT,
                    new Spec(
                            Channel.CREDIT,
                            dir + "credit_platform.csv",
                            false,
                            layout,
                            gbk ? ChannelWriter.Encoding.GBK : ChannelWriter.Encoding.UTF8,
                            gbk || planner.draw(0.3),
                            false,
                            false,
                            false,
                            false));
        }
    }

    static ItemChannels plan(
            Catalog.Item item,
            NoisePlanner planner,
            Path root,
            ObjectMapper json,
            double fileRejectRate) {
        return new ItemChannels(item, planner, root, json, fileRejectRate);
    }

    boolean has(Channel c) {
        return specs.containsKey(c);
    }

    Spec spec(Channel c) {
        return specs.get(c);
    }

    /**
     * Whether the credit platform file would show a kind of noise still missing from the sample.
     */
    boolean creditWanted() {
        Spec s = specs.get(Channel.CREDIT);
        if (s == null || writers.containsKey(Channel.CREDIT)) {
            return false;
        }
        return (s.layout() == Layouts.Kind.LEGACY_2016 && planner.pending(Noise.FILE_LAYOUT_2016))
                || (s.encoding() == ChannelWriter.Encoding.GBK && planner.pending(Noise.FILE_GBK))
                || (s.crlf() && planner.pending(Noise.FILE_CRLF));
    }

    /** The channel's writer, created (and its header written) on first use. */
    ChannelWriter writer(Channel c) {
        ChannelWriter w = writers.get(c);
        if (w != null) {
            return w;
        }
        Spec s = specs.get(c);
        if (s == null) {
            throw new IllegalStateException("generator bug: no " + c + " channel for " + item);
        }
        if (s.jsonl()) {
            w = ChannelWriter.jsonl(root, s.file(), c.label, json);
        } else {
            List<Layouts.Column> columns =
                    new ArrayList<>(Layouts.columns(item.type(), s.layout(), s.legalRepId()));
            Random rnd = planner.random();
            if (s.shuffled()) {
                Collections.shuffle(columns, rnd);
                planner.hit(Noise.FILE_COLUMN_ORDER);
            }
            List<String> headers = new ArrayList<>(columns.size());
            for (Layouts.Column col : columns) {
                headers.add(
                        s.headerVariants() && rnd.nextInt(3) == 0
                                ? Layouts.headerVariant(col.header(), rnd)
                                : col.header());
            }
            w =
                    ChannelWriter.csv(
                            root,
                            s.file(),
                            c.label,
                            s.layout(),
                            columns,
                            headers,
                            s.encoding(),
                            s.crlf(),
                            s.quoteAll());
            hitIf(s.layout() == Layouts.Kind.CODES, Noise.FILE_FIELD_CODES);
            hitIf(s.layout() == Layouts.Kind.LEGACY_2016, Noise.FILE_LAYOUT_2016);
            hitIf(s.encoding() == ChannelWriter.Encoding.GBK, Noise.FILE_GBK);
            hitIf(s.encoding() == ChannelWriter.Encoding.UTF8_BOM, Noise.FILE_BOM);
            hitIf(s.crlf(), Noise.FILE_CRLF);
            hitIf(s.quoteAll(), Noise.FILE_QUOTE_ALL);
            hitIf(s.headerVariants(), Noise.FILE_HEADER_VARIANTS);
        }
        writers.put(c, w);
        order.add(w);
        return w;
    }

    private void hitIf(boolean b, Noise n) {
        if (b) {
            planner.hit(n);
        }
    }

    /** Counts a row written to one of the item's files. */
    void counted() {
        rows++;
    }

    long rows() {
        return rows;
    }

    /** Closes the files; returns what was written, in creation order. */
    List<GenerationResult.InputFile> closeAll() {
        List<GenerationResult.InputFile> out = new ArrayList<>(order.size());
        for (ChannelWriter w : order) {
            w.close();
            out.add(w.info());
        }
        writers.clear();
        order.clear();
        return out;
    }

    @Override
    public void close() {
        for (ChannelWriter w : order) {
            w.close();
        }
    }
}
