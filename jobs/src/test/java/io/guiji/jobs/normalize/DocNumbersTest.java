package io.guiji.jobs.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DocNumbersTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // docs/contract.md §4's example and every bracket kind around the year
                "朝市监罚[2023]12号     | 朝市监罚〔2023〕12号",
                "朝市监罚（2023）12号   | 朝市监罚〔2023〕12号",
                "朝市监罚(2023)12号     | 朝市监罚〔2023〕12号",
                "朝市监罚【2023】12号   | 朝市监罚〔2023〕12号",
                "朝市监罚〔2023〕12号   | 朝市监罚〔2023〕12号",
                "朝市监罚［2023］12号   | 朝市监罚〔2023〕12号",
                "朝市监罚﹝2023﹞12号   | 朝市监罚〔2023〕12号",
                "朝市监罚〈2023〉12号   | 朝市监罚〔2023〕12号",
                "朝市监罚{2023}12号     | 朝市监罚〔2023〕12号",
                "朝市监罚｛2023｝12号   | 朝市监罚〔2023〕12号",
                "朝市监罚〖2023〗12号   | 朝市监罚〔2023〕12号",
                // mismatched pairs are typing slips for the same year
                "朝市监罚(2023〕12号    | 朝市监罚〔2023〕12号",
                "朝市监罚〔2023)12号    | 朝市监罚〔2023〕12号",
                "朝市监罚【2023]12号    | 朝市监罚〔2023〕12号",
                // court case numbers (docs/domain.md §2)
                "（2019）冀0929执1399号 | 〔2019〕冀0929执1399号",
                "(2019)冀0929执1399号   | 〔2019〕冀0929执1399号",
                // full-width digits, white space (incl. U+3000), zero-width characters
                "朝市监罚（２０２３）１２号 | 朝市监罚〔2023〕12号",
                "' 朝市监罚 [ 2023 ] 12 号 ' | 朝市监罚〔2023〕12号",
                "'朝市监罚\u3000〔2023〕\u200B12号' | 朝市监罚〔2023〕12号",
                // ASCII letters upper-cased, full-width ones too (NFKC)
                "zy市监罚字[2023]第12号 | ZY市监罚字〔2023〕第12号",
                "ｚｙ罚(2023)1号        | ZY罚〔2023〕1号",
                // several years: each pair is normalized
                "罚(2022)复(2023)5号    | 罚〔2022〕复〔2023〕5号",
            })
    void bracketsAroundTheYearBecomeTortoiseShellBrackets(String raw, String normalized) {
        assertThat(DocNumbers.normalize(raw)).isEqualTo(normalized);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "朝市监罚[2023]（12）号 | 朝市监罚〔2023〕(12)号",
                "许字（2023A）12号      | 许字(2023A)12号",
                "许字（203）12号        | 许字(203)12号",
                "许字（20231）12号      | 许字(20231)12号",
                "许字[第12号]           | 许字[第12号]",
                "许字(2023              | 许字(2023",
                "许字2023)              | 许字2023)",
                "【朝阳】许字12号        | 【朝阳】许字12号",
            })
    void bracketsNotAroundAYearStayAsNfkcLeftThem(String raw, String normalized) {
        assertThat(DocNumbers.normalize(raw)).isEqualTo(normalized);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\u3000", "\u200B", " \t "})
    void emptyIsNull(String raw) {
        assertThat(DocNumbers.normalize(raw)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"朝市监罚[2023]12号", "（2019）冀0929执1399号", "ab ( 12 ) cd", "x〔2023〕"})
    void normalizingTwiceChangesNothing(String raw) {
        String once = DocNumbers.normalize(raw);
        assertThat(DocNumbers.normalize(once)).isEqualTo(once);
    }
}
