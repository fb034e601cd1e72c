package io.guiji.connectors.file;

import static io.guiji.connectors.file.TestInput.BOM;
import static io.guiji.connectors.file.TestInput.GBK;
import static io.guiji.connectors.file.TestInput.concat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncodingDetectorTest {

    private static final String PENALTY =
            "行政相对人名称,统一社会信用代码,行政处罚决定书文号,处罚决定日期\n"
                    + "朝阳市某某商贸有限公司,91211300MA0XXXXX1A,朝市监罚〔2021〕12号,2021-05-06\n";

    private static EncodingDetector.Detection detect(byte[] bytes) throws IOException {
        return EncodingDetector.detect(new ByteArrayInputStream(bytes));
    }

    @Test
    void utf8WithoutBomIsUtf8() throws IOException {
        assertThat(detect(PENALTY.getBytes(UTF_8)))
                .isEqualTo(new EncodingDetector.Detection(UTF_8, false));
    }

    @Test
    void byteOrderMarkMeansUtf8AndIsReported() throws IOException {
        assertThat(detect(concat(BOM, PENALTY.getBytes(UTF_8))))
                .isEqualTo(new EncodingDetector.Detection(UTF_8, true));
    }

    @Test
    void asciiAndEmptyInputAreUtf8() throws IOException {
        assertThat(detect("a,b\n1,2\n".getBytes(UTF_8)).name()).isEqualTo("UTF-8");
        assertThat(detect(new byte[0]).name()).isEqualTo("UTF-8");
    }

    @Test
    void gbkIsGb18030() throws IOException {
        assertThat(detect(PENALTY.getBytes(GBK)).name()).isEqualTo("GB18030");
        assertThat(detect(PENALTY.getBytes(Charset.forName("GB18030"))).name())
                .isEqualTo("GB18030");
    }

    @Test
    void gbkWhoseFirstChineseByteIsFarIntoTheFileIsGb18030() throws IOException {
        byte[] ascii = "x".repeat(300 * 1024).getBytes(UTF_8);
        assertThat(detect(concat(ascii, "处罚\n".getBytes(GBK))).name()).isEqualTo("GB18030");
    }

    @Test
    void utf8WithAFewCorruptBytesStaysUtf8() throws IOException {
        byte[] good = PENALTY.repeat(3).getBytes(UTF_8);
        byte[] corrupt = {'x', (byte) 0xE5, (byte) 0x8F, ',', (byte) 0xFF, '\n'};
        assertThat(detect(concat(good, corrupt, good)).name()).isEqualTo("UTF-8");
    }

    @Test
    void undecodableAsEitherPicksTheLessBrokenReading() throws IOException {
        byte[] gbkWithJunk = concat(PENALTY.getBytes(GBK), new byte[] {(byte) 0xFF, '\n'});
        assertThat(detect(gbkWithJunk).name()).isEqualTo("GB18030");
    }

    /**
     * The in-place fast paths must count exactly like the byte-at-a-time state machines, wherever
     * the chunk boundaries fall.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42})
    void countsDoNotDependOnChunkBoundaries(long seed) {
        Random random = new Random(seed);
        String text = "朝阳市场监督管理局 a,b 𠀀é\n";
        byte[][] pieces = {
            text.getBytes(UTF_8),
            text.getBytes(GBK),
            text.getBytes(Charset.forName("GB18030")),
            {(byte) 0x81, 0x30, (byte) 0x81, 0x30},
            {(byte) 0xE0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90}
        };
        byte[] bytes = {(byte) 0xFF}; // invalid in both, so both validators run from the first byte
        for (int i = 0; i < 400; i++) {
            byte[] piece = pieces[random.nextInt(pieces.length)];
            if (random.nextInt(5) == 0) {
                piece = new byte[] {(byte) random.nextInt(256)};
            }
            bytes = concat(bytes, piece);
        }

        EncodingDetector.Scan whole = scan(bytes, bytes.length);
        for (int chunk : new int[] {1, 2, 3, 5, 7, 64}) {
            EncodingDetector.Scan pieceWise = scan(bytes, chunk);
            assertThat(pieceWise.utf8Multi).as("multi, chunk %d", chunk).isEqualTo(whole.utf8Multi);
            assertThat(pieceWise.utf8Invalid)
                    .as("utf8 invalid, chunk %d", chunk)
                    .isEqualTo(whole.utf8Invalid);
            assertThat(pieceWise.gbInvalid)
                    .as("gb invalid, chunk %d", chunk)
                    .isEqualTo(whole.gbInvalid);
        }
    }

    private static EncodingDetector.Scan scan(byte[] bytes, int chunk) {
        EncodingDetector.Scan scan = new EncodingDetector.Scan();
        for (int off = 0; off < bytes.length; off += chunk) {
            int n = Math.min(chunk, bytes.length - off);
            byte[] part = new byte[n];
            System.arraycopy(bytes, off, part, 0, n);
            scan.feed(part, n);
        }
        scan.finish();
        return scan;
    }
}
