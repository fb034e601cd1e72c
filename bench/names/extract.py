#!/usr/bin/env python3
"""Extracts real enterprise names from the word lists of three public packages into
enterprises.tsv (see README.md beside this file for the sources, versions and licences).

    python3 bench/names/extract.py JIEBA_DICT FRISO_LEX SEGMENT_DICT BANKCARDINFO_INDEX > bench/names/enterprises.tsv

Only organisation entries are read (jieba tag nt/nz/n with an enterprise ending, friso entries with an
enterprise ending, segment entries flagged A_NT = 0x20, bankcardinfo's bank names); of those, only names
that end like an enterprise (公司, 集团, 银行, 厂, 店, ...) and that name one (a generic word such as
纸业公司 or 网上银行 is dropped by the GENERIC rule below and the EXCLUDE list). No personal names are read.
"""
import re
import sys

ENDINGS = re.compile(
    r"(股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|银行|分行|支行|总厂|制片厂|厂|书店|商店|商场|"
    r"饭店|酒店|宾馆|超市|百货大楼|证券|保险|药业|控股|实业|电器|钢铁|制药|汽车|航空|出版社|报社|"
    r"酒业|乳业|石化|电力|电信|移动|联通)$")
# a name must say whose it is: a place, a brand or a person-free proper part before its ending
GENERIC_HEAD = re.compile(
    r"^(有限|股份|集团|中外合资|合资|独资|国有|民营|私营|外资|跨国|子|母|总|分|大|小|本|该|此|原|新|老|"
    r"网上|地方|商业|投资|贸易|进出口|国际贸易|国际|工业|农业|建筑|房地产|电子|机械|化工|食品|服装|"
    r"家具|陶瓷|塑胶|礼品|酒业|自动化设备|保健品|材料|餐饮|传媒|广告|物业|物流|运输|咨询|调查|"
    r"经纪|财务|证券|保险|信托|基金|金融|软件|网络|装饰|装修|设计|策划|航空|钢铁|电力|电信|"
    r"出版|文艺|少儿|文学|美术|音乐|科技|教育|人民|青年|妇女|儿童|工人|百货|纸业|零售|批发|"
    r"制造|加工|机床|仪器|模具|印刷|纺织|织造|染|绣花|罐头|制糖|组装|代|出|农具|刃量具|结构|纸板|"
    r"连锁|外贸|中资|港资|台资|日资|美资|欧资|上市|控股|合作|联营|集体|乡镇|街道|村办|校办)")
EXCLUDE = set("""
基本医疗保险 社会保险 商业保险 人寿保险 财产保险 医疗保险 养老保险 失业保险 工伤保险 生育保险
中国家用电器 集团股份有限公司 上海市分行 中央银行 商业银行 投资银行 世界银行 储备银行 开发银行
五星级酒店 双层公共汽车 混合型汽车 可转让证券 债务担保证券 资产担保证券 全资附属公司 因特网联通
七十七国集团 七大工业国集团 利库德集团 安第斯集团 地热发电厂 火力发电厂 污水处理厂 无缝钢管厂
寿保险公司 美洲开发银行 亚洲开发银行 非洲开发银行 欧洲中央银行 纽约联邦储备银行 东印度公司
荷兰东印度公司 国家航空公司 石化总公司 广而告之广告公司 建行河南省分行 南航河南分公司
""".split())
# names written with a foreign country first are how Chinese text names a foreign company, not a
# registry name
FOREIGN = re.compile(
    r"^(美国|日本|英国|德国|法国|韩国|荷兰|瑞士|瑞典|意大利|加拿大|澳大利亚|印度|肯尼亚|俄罗斯|欧洲|"
    r"美洲|非洲|亚洲|世界|国际|全美|北欧|阿联酋)")


def ok(name):
    name = name.strip().lstrip("\ufeff")
    if len(name) < 5 or len(name) > 40 or not ENDINGS.search(name):
        return None
    if name in EXCLUDE or GENERIC_HEAD.match(name) or FOREIGN.match(name) or re.search(r"[A-Za-z0-9]", name):
        return None
    return name


def main(jieba, friso, segment, bankcardinfo):
    found = {}
    with open(jieba, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) == 3 and p[2] in ("nt", "nz", "n"):
                n = ok(p[0])
                if n:
                    found.setdefault(n, "jieba")
    with open(friso, encoding="utf-8") as f:
        for line in f:
            n = ok(line.split("/")[0])
            if n:
                found.setdefault(n, "friso")
    with open(segment, encoding="utf-8-sig") as f:
        for line in f:
            p = line.strip().split("|")
            if len(p) >= 2 and int(p[1], 16) & 0x20:
                n = ok(p[0])
                if n:
                    found.setdefault(n, "segment")
    with open(bankcardinfo, encoding="utf-8") as f:
        for n in re.findall(r"[\u4e00-\u9fff（）]+银行(?:股份有限公司|有限公司)?", f.read()):
            n = ok(n)
            if n:
                found.setdefault(n, "bankcardinfo")
    print("name\tsource")
    for n in sorted(found):
        print(n + "\t" + found[n])


if __name__ == "__main__":
    main(*sys.argv[1:5])
