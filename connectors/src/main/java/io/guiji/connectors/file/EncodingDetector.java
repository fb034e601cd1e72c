package io.guiji.connectors.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Decides per file whether its bytes are UTF-8 (with or without BOM) or GB18030/GBK
 * (docs/contract.md §3).
 *
 * <p>Rules, in order:
 *
 * <ol>
 *   <li>A UTF-8 byte order mark: UTF-8, without looking further.
 *   <li>Strictly valid UTF-8 (pure ASCII included): UTF-8.
 *   <li>Clearly UTF-8 with a few corrupt bytes — at least {@value #CLEAR_UTF8_RATIO} valid
 *       multi-byte sequences per invalid one: UTF-8. Only the records holding the bad bytes become
 *       error rows. GBK text read as UTF-8 gives far fewer valid sequences than invalid ones (about
 *       one in four on Chinese prose, never above one in two per line), so the ratio separates the
 *       two with a wide margin. This check comes before the GB18030 one because UTF-8 Chinese text
 *       is often structurally valid GB18030 as well.
 *   <li>Structurally valid GB18030 (GBK is a subset): GB18030.
 *   <li>Neither: whichever has fewer invalid sequences; the records with bad bytes become error
 *       rows.
 * </ol>
 *
 * <p>The whole stream is scanned (a GBK file may be ASCII for its first megabytes), in fixed-size
 * chunks, so memory stays constant for files of any size. Decoding happens in a second pass by the
 * caller. The detector never closes the stream.
 */
public final class EncodingDetector {

    /** Valid multi-byte UTF-8 sequences needed per invalid one to call a file corrupt UTF-8. */
    static final int CLEAR_UTF8_RATIO = 8;

    private static final Charset GB18030 = Charset.forName("GB18030");

    /** The outcome for one file: the charset to decode with and whether to skip a 3-byte BOM. */
    public record Detection(Charset charset, boolean bom) {
        /** "UTF-8" or "GB18030", the value of {@link RawRow#encoding}. */
        public String name() {
            return charset.name();
        }
    }

    private EncodingDetector() {}

    /** Reads {@code in} to its end and decides; does not close it. */
    public static Detection detect(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        int n = in.readNBytes(buf, 0, buf.length);
        if (n >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
            return new Detection(StandardCharsets.UTF_8, true);
        }
        Scan scan = new Scan();
        while (n > 0) {
            scan.feed(buf, n);
            n = in.readNBytes(buf, 0, buf.length);
        }
        scan.finish();
        return new Detection(scan.decide(), false);
    }

    /**
     * Two byte-level validators over the same bytes. The GB18030 one only starts with the first
     * chunk that holds invalid UTF-8: a UTF-8 file never pays for it, and in a GBK file the bytes
     * before that chunk are valid UTF-8, i.e. in practice ASCII, which is valid GB18030 too.
     */
    static final class Scan {
        // UTF-8: continuation bytes still expected, and the allowed range of the next one (the
        // first continuation byte's range excludes overlongs and surrogates, Unicode table 3-7).
        private int utf8Need;
        private int utf8Lo;
        private int utf8Hi;
        long utf8Multi;
        long utf8Invalid;

        // GB18030: 0 = between characters, 1 = after a lead byte, 2 and 3 = inside a 4-byte code.
        private int gbState;
        long gbInvalid;

        void feed(byte[] buf, int n) {
            feedUtf8(buf, n);
            if (utf8Invalid > 0) {
                feedGb(buf, n);
            }
        }

        private void feedUtf8(byte[] buf, int n) {
            int i = 0;
            while (utf8Need > 0 && i < n) {
                utf8(buf[i++] & 0xFF); // a sequence begun in the previous chunk
            }
            // Whole sequences inside the chunk are checked in place, without a state machine:
            // this loop is where the time goes on Chinese text.
            int end = n - 3;
            while (i < end) {
                int b = buf[i];
                if (b >= 0) {
                    i++;
                } else {
                    i = utf8Sequence(buf, i, b & 0xFF);
                }
            }
            while (i < n) {
                utf8(buf[i++] & 0xFF);
            }
        }

        /** Checks the sequence led by {@code b} at {@code i}; returns where the next one starts. */
        private int utf8Sequence(byte[] buf, int i, int b) {
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                if (b == 0xE0) {
                    lo = 0xA0;
                } else if (b == 0xED) {
                    hi = 0x9F;
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                if (b == 0xF0) {
                    lo = 0x90;
                } else if (b == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                utf8Invalid++;
                return i + 1;
            }
            int c = buf[i + 1] & 0xFF;
            if (c < lo || c > hi) {
                utf8Invalid++;
                return i + 1;
            }
            for (int k = 2; k <= need; k++) {
                c = buf[i + k] & 0xFF;
                if (c < 0x80 || c > 0xBF) {
                    utf8Invalid++;
                    return i + k; // the byte that broke the sequence may start the next one
                }
            }
            utf8Multi++;
            return i + need + 1;
        }

        private void feedGb(byte[] buf, int n) {
            int i = 0;
            while (gbState != 0 && i < n) {
                gb(buf[i++] & 0xFF);
            }
            int end = n - 3;
            while (i < end) {
                int b = buf[i];
                if (b >= 0) {
                    i++;
                    continue;
                }
                b &= 0xFF;
                int c = buf[i + 1] & 0xFF;
                if (b == 0x80 || b == 0xFF) {
                    gbInvalid++;
                    i++;
                } else if ((c >= 0x40 && c <= 0x7E) || (c >= 0x80 && c <= 0xFE)) {
                    i += 2;
                } else if (c >= 0x30 && c <= 0x39) {
                    int d = buf[i + 2] & 0xFF;
                    int e = buf[i + 3] & 0xFF;
                    if (d < 0x81 || d > 0xFE) {
                        gbInvalid++;
                        i += 2;
                    } else if (e < 0x30 || e > 0x39) {
                        gbInvalid++;
                        i += 3;
                    } else {
                        i += 4;
                    }
                } else {
                    gbInvalid++;
                    i++;
                }
            }
            while (i < n) {
                gb(buf[i++] & 0xFF);
            }
        }

        private void utf8(int b) {
            if (utf8Need > 0) {
                if (b >= utf8Lo && b <= utf8Hi) {
                    utf8Lo = 0x80;
                    utf8Hi = 0xBF;
                    if (--utf8Need == 0) {
                        utf8Multi++;
                    }
                    return;
                }
                utf8Invalid++; // truncated sequence; the byte may start the next one
                utf8Need = 0;
            }
            if (b < 0x80) {
                return;
            }
            utf8Lo = 0x80;
            utf8Hi = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                utf8Need = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                utf8Need = 2;
                if (b == 0xE0) {
                    utf8Lo = 0xA0;
                } else if (b == 0xED) {
                    utf8Hi = 0x9F;
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                utf8Need = 3;
                if (b == 0xF0) {
                    utf8Lo = 0x90;
                } else if (b == 0xF4) {
                    utf8Hi = 0x8F;
                }
            } else {
                utf8Invalid++;
            }
        }

        private void gb(int b) {
            switch (gbState) {
                case 1:
                    if ((b >= 0x40 && b <= 0x7E) || (b >= 0x80 && b <= 0xFE)) {
                        gbState = 0;
                        return;
                    }
                    if (b >= 0x30 && b <= 0x39) {
                        gbState = 2;
                        return;
                    }
                    break;
                case 2:
                    if (b >= 0x81 && b <= 0xFE) {
                        gbState = 3;
                        return;
                    }
                    break;
                case 3:
                    if (b >= 0x30 && b <= 0x39) {
                        gbState = 0;
                        return;
                    }
                    break;
                default:
                    break;
            }
            if (gbState != 0) {
                gbInvalid++; // broken sequence; the byte may start the next one
                gbState = 0;
            }
            if (b >= 0x81 && b <= 0xFE) {
                gbState = 1;
            } else if (b >= 0x80) {
                gbInvalid++; // 0x80 and 0xFF are not bytes of GB18030
            }
        }

        void finish() {
            if (utf8Need > 0) {
                utf8Invalid++;
                utf8Need = 0;
            }
            if (gbState != 0) {
                gbInvalid++;
                gbState = 0;
            }
        }

        Charset decide() {
            if (utf8Invalid == 0 || utf8Multi >= CLEAR_UTF8_RATIO * utf8Invalid) {
                return StandardCharsets.UTF_8;
            }
            return gbInvalid <= utf8Invalid ? GB18030 : StandardCharsets.UTF_8;
        }
    }
}
