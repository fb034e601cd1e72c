package io.guiji.generator;

/**
 * What kind of supervising body a department is, with the words its records use (docs/domain.md §2,
 * §5): licence names, violations ({@code 违法行为|法律|条款}), inspection matters, list entries ({@code
 * 名单类型|列入原因}) and coercive measures ({@code 措施类型|内容}).
 */
enum DeptKind {
    MARKET(
            new String[] {"食品经营许可证", "食品生产许可证", "药品经营许可证", "医疗器械经营许可证", "特种设备使用登记证"},
            new String[] {
                "销售超过保质期的食品|《中华人民共和国食品安全法》|第一百二十四条第一款第（五）项",
                "未取得食品经营许可从事食品经营活动|《中华人民共和国食品安全法》|第一百二十二条第一款",
                "发布虚假广告|《中华人民共和国广告法》|第五十五条第一款",
                "销售不合格产品|《中华人民共和国产品质量法》|第四十九条",
                "使用未经定期检验的特种设备|《中华人民共和国特种设备安全法》|第八十四条第（一）项"
            },
            new String[] {"食品经营许可事项检查", "企业公示信息抽查", "产品质量监督抽查", "特种设备安全监督检查", "广告发布行为检查"},
            new String[] {
                "经营异常名录|通过登记的住所或者经营场所无法联系",
                "经营异常名录|未按规定期限公示年度报告",
                "经营异常名录|公示企业信息隐瞒真实情况、弄虚作假",
                "严重违法失信名单|被列入经营异常名录届满3年仍未履行相关义务"
            },
            new String[] {"查封场所、设施或者财物|查封涉嫌生产假冒伪劣产品的场所", "扣押财物|扣押涉嫌侵权商品"}),
    ENVIRONMENT(
            new String[] {"排污许可证"},
            new String[] {
                "超标排放大气污染物|《中华人民共和国大气污染防治法》|第九十九条第（二）项",
                "未依法报批建设项目环境影响报告表擅自开工建设|《中华人民共和国环境影响评价法》|第三十一条第一款",
                "未按规定设置危险废物识别标志|《中华人民共和国固体废物污染环境防治法》|第一百一十二条第一款第（一）项"
            },
            new String[] {"排污许可执行情况检查", "建设项目环境保护\"三同时\"检查", "危险废物规范化管理检查"},
            new String[0],
            new String[] {"查封场所、设施或者财物|查封超标排放污染物的设施"}),
    EMERGENCY(
            new String[] {"安全生产许可证", "危险化学品经营许可证", "烟花爆竹经营（零售）许可证"},
            new String[] {
                "未按规定对从业人员进行安全生产教育和培训|《中华人民共和国安全生产法》|第九十七条第（三）项",
                "未建立事故隐患排查治理制度|《中华人民共和国安全生产法》|第一百零一条第（五）项"
            },
            new String[] {"安全生产监督检查", "危险化学品经营单位检查"},
            new String[0],
            new String[] {"查封场所、设施或者财物|查封存在重大事故隐患的场所"}),
    TRANSPORT(
            new String[] {"道路运输经营许可证", "道路运输证"},
            new String[] {"未取得道路运输经营许可擅自从事道路运输经营|《中华人民共和国道路运输条例》|第六十三条", "车辆超限运输|《公路安全保护条例》|第六十四条"},
            new String[] {"道路运输企业安全生产检查"},
            new String[0],
            new String[] {"扣押财物|暂扣车辆"}),
    HOUSING(
            new String[] {"建筑工程施工许可证", "建筑业企业资质证书", "房地产开发企业资质证书"},
            new String[] {"未取得施工许可证擅自施工|《建筑工程施工许可管理办法》|第十二条", "违反工程建设强制性标准|《建设工程质量管理条例》|第六十四条"},
            new String[] {"建筑施工安全检查", "建筑市场行为检查"},
            new String[0],
            new String[0]),
    HEALTH(
            new String[] {"公共场所卫生许可证", "医疗机构执业许可证"},
            new String[] {"未取得卫生许可证擅自营业|《公共场所卫生管理条例》|第十四条", "使用非卫生技术人员从事医疗卫生技术工作|《医疗机构管理条例》|第四十七条"},
            new String[] {"公共场所卫生监督检查"},
            new String[0],
            new String[0]),
    HR(
            new String[] {"劳务派遣经营许可证", "人力资源服务许可证"},
            new String[] {"未按规定缴纳社会保险费|《中华人民共和国社会保险法》|第八十六条", "拖欠劳动者工资|《保障农民工工资支付条例》|第五十四条"},
            new String[] {"劳动保障书面审查", "根治欠薪专项检查"},
            new String[0],
            new String[0]),
    URBAN(
            new String[] {"城市建筑垃圾处置核准", "临时占用城市道路许可"},
            new String[] {"占道经营|《城市市容和环境卫生管理条例》|第三十六条", "未取得建设工程规划许可证进行建设|《中华人民共和国城乡规划法》|第六十四条"},
            new String[] {"市容环境卫生检查"},
            new String[0],
            new String[] {"扣押财物|扣押占道经营物品", "查封场所、设施或者财物|查封违法建设施工现场"}),
    LAND(
            new String[] {"采矿许可证", "建设用地规划许可证"},
            new String[] {"非法占用土地|《中华人民共和国土地管理法》|第七十七条", "未取得采矿许可证擅自采矿|《中华人民共和国矿产资源法》|第三十九条"},
            new String[] {"矿产资源开发利用检查"},
            new String[0],
            new String[0]),
    AGRICULTURE(
            new String[] {"农药经营许可证", "种子生产经营许可证", "兽药经营许可证"},
            new String[] {"经营假农药|《农药管理条例》|第五十五条", "销售未经审定的农作物品种种子|《中华人民共和国种子法》|第七十七条"},
            new String[] {"农资市场检查"},
            new String[0],
            new String[0]),
    CULTURE(
            new String[] {"娱乐经营许可证", "网络文化经营许可证", "旅行社业务经营许可证"},
            new String[] {"擅自从事娱乐场所经营活动|《娱乐场所管理条例》|第四十一条", "接纳未成年人进入营业性网吧|《互联网上网服务营业场所管理条例》|第三十一条"},
            new String[] {"文化市场综合执法检查"},
            new String[0],
            new String[0]),
    POLICE(
            new String[] {"旅馆业特种行业许可证", "公章刻制业特种行业许可证"},
            new String[] {"未按规定登记住宿旅客信息|《旅馆业治安管理办法》|第十五条"},
            new String[] {"治安检查"},
            new String[0],
            new String[0]),
    WATER(
            new String[] {"取水许可证"},
            new String[] {"未经批准擅自取水|《中华人民共和国水法》|第六十九条"},
            new String[] {"取水许可监督检查"},
            new String[0],
            new String[0]),
    COMMERCE(
            new String[] {"成品油零售经营批准证书", "拍卖经营批准证书"},
            new String[] {"未按规定备案从事单用途预付卡业务|《单用途商业预付卡管理办法（试行）》|第三十六条"},
            new String[] {"商贸流通领域检查"},
            new String[0],
            new String[0]),
    FIRE(
            new String[] {"公众聚集场所投入使用、营业前消防安全检查合格证"},
            new String[] {
                "消防设施、器材未保持完好有效|《中华人民共和国消防法》|第六十条第一款第（一）项",
                "占用、堵塞、封闭疏散通道、安全出口|《中华人民共和国消防法》|第六十条第一款第（三）项"
            },
            new String[] {"消防监督检查"},
            new String[0],
            new String[] {"查封场所、设施或者财物|临时查封存在重大火灾隐患的场所"}),
    TAX(
            new String[0],
            new String[] {"未按照规定期限办理纳税申报|《中华人民共和国税收征收管理法》|第六十二条", "逃避缴纳税款|《中华人民共和国税收征收管理法》|第六十三条"},
            new String[] {"纳税评估检查"},
            new String[] {"重大税收违法失信主体|逃避缴纳税款金额100万元以上且占应纳税额10%以上"},
            new String[0]),
    CREDIT(
            new String[0],
            new String[0],
            new String[0],
            new String[] {"严重失信主体名单|拒不履行法定义务，严重影响行政机关公信力", "严重失信主体名单|被人民法院判定为失信被执行人且情节严重"},
            new String[0]),
    COURT(new String[0], new String[0], new String[0], new String[0], new String[0]),
    TOBACCO(
            new String[] {"烟草专卖零售许可证"},
            new String[] {"无烟草专卖零售许可证经营烟草制品零售业务|《中华人民共和国烟草专卖法实施条例》|第五十七条"},
            new String[] {"卷烟零售户检查"},
            new String[0],
            new String[0]),
    FORESTRY(
            new String[] {"林木采伐许可证"},
            new String[] {"非法占用林地|《中华人民共和国森林法》|第七十三条"},
            new String[] {"林草资源检查"},
            new String[0],
            new String[0]);

    final String[] licenses;
    final String[] violations;
    final String[] inspections;
    final String[] lists;
    final String[] measures;

    DeptKind(
            String[] licenses,
            String[] violations,
            String[] inspections,
            String[] lists,
            String[] measures) {
        this.licenses = licenses.length > 0 ? licenses : new String[] {"行政许可决定书"};
        this.violations =
                violations.length > 0 ? violations : new String[] {"违反法定义务|《中华人民共和国行政处罚法》|第二十八条"};
        this.inspections = inspections.length > 0 ? inspections : new String[] {"日常监督检查"};
        this.lists = lists.length > 0 ? lists : new String[] {"严重违法失信名单|违反法定义务情节严重"};
        this.measures = measures.length > 0 ? measures : new String[] {"其他|责令暂停相关活动"};
    }
}
