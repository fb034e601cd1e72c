package io.guiji.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.guiji.schemas.RecordType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The small pure pieces of ingest: record ids, header keys, source paths, citizen IDs in raw text.
 */
class IngestKeysTest {

    @Test
    void aRecordIdIsTheFirst128BitsOfSha256OverTheIdentity() {
        // computed independently: sha256("penalty\u001FSCJG01\u001F朝市监罚〔2023〕12号"), first 16 bytes
        // in hex
        assertThat(RecordIds.of(RecordType.penalty, "SCJG01", "朝市监罚〔2023〕12号"))
                .isEqualTo("b702f4d353522c4445da8eb74eb0cc96");
        assertThat(RecordIds.of(RecordType.license, "SCJG01", "A"))
                .isEqualTo("d134b0a6628cd7ad1d5cd3c80e776de3");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "   ", "*", "***", " * * "})
    void aHeaderOfOnlySpacesOrMarkersHasNoKey(String header) {
        assertThat(FieldAliases.key(header)).isNull();
        assertThat(FieldAliases.recordField(header)).isNull();
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource({"*罚款金额*, 罚款金额", "**Subject_Name, subject_name", "ＵＳＣＣ *, uscc"})
    void aHeaderKeyDropsMarkersSpacesAndCase(String header, String key) {
        assertThat(FieldAliases.key(header)).isEqualTo(key);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"/", "", "x.csv", "records/x.csv"})
    void aPathWithoutFoldersNamesNoDepartmentOrType(String file) {
        assertThat(SourcePath.of(file)).isEqualTo(new SourcePath(null, null, null));
    }

    @Test
    void aPathOutsideRecordsStillNamesDepartmentAndType() {
        assertThat(SourcePath.of("scjg01/penalty/2023.csv"))
                .isEqualTo(new SourcePath("SCJG01", RecordType.penalty, "penalty"));
        assertThat(SourcePath.of("records/scjg01/2023.csv"))
                .isEqualTo(new SourcePath("SCJG01", null, null));
    }

    @Test
    void rawTextWithoutACitizenIdIsLeftAlone() {
        String raw = "朝阳市某某商贸有限公司,91110000600037341L,2023-05-06";

        assertThat(io.guiji.jobs.normalize.CitizenId.maskInText(raw)).isSameAs(raw);
        assertThat(
                        io.guiji.jobs.normalize.CitizenId.maskInText(
                                "a 211302198001011234, b 211322197506154565"))
                .isEqualTo("a 211302********1234, b 211322********4565");
    }
}
