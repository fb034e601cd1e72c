package io.guiji.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guiji.jobs.ingest.FieldAliases;
import io.guiji.jobs.link.fuzzy.NameParts;
import io.guiji.jobs.normalize.Uscc;
import io.guiji.schemas.RegistryEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Another enterprise made from a registry entry, for registries larger than {@link GenerateData}
 * makes: copy {@code c} (1…30) has the organization-code part of the USCC (characters 9–17) and the
 * registration number's serial digits rotated, and each trade-name character (字号, as {@link
 * NameParts} finds it) replaced by another common one, so that its exact and fuzzy keys are its
 * own, as a distinct enterprise's would be (two copies may still meet, as trade names do).
 */
final class Copies {
    private static final String TRADE_CHARS =
            "华盛兴达鑫源宏昌隆泰丰恒通顺利信诚祥瑞福金银宝海天龙凤东方新远航博创嘉汇聚德润康健安平和美佳优益众合力成发"
                    + "旺富荣辉光明星辰春秋松柏林森山峰川江湖泉清正永长久立中民家园城邦联友君志腾飞跃凯旋胜捷迅广大高精鼎晟昊晶锦"
                    + "绣颐逸雅韵馨怡悦欣乐喜庆吉祺泽沃硕卓越尚品誉浩翔宇轩鹏坤乾亿万千百佰仟圣恩惠怀文武宁静";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Copies() {}

    /**
     * Copy {@code c} of a registry message as {@link StreamBench} sends it (a JSON object of the
     * registry file's columns, under any of their aliases); null for a message that is not such an
     * object (a damaged row is sent once, as copy 0).
     */
    static byte[] message(byte[] json, int c) {
        ObjectNode n;
        try {
            if (!(JSON.readTree(json) instanceof ObjectNode o)) {
                return null;
            }
            n = o;
        } catch (java.io.IOException e) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String field = FieldAliases.registryField(f.getKey());
            String v = f.getValue().isTextual() ? f.getValue().asText() : null;
            if (field == null || v == null || v.isBlank()) {
                continue;
            }
            switch (field) {
                case "uscc" -> f.setValue(n.textNode(uscc(v.trim(), c)));
                case "reg_no" -> f.setValue(n.textNode(regNo(v.trim(), c)));
                case "name" -> f.setValue(n.textNode(name(v, c)));
                case "former_names" -> {
                    List<String> former = new ArrayList<>();
                    for (String s : v.split("[;；]")) {
                        former.add(s.isBlank() ? s : name(s, c));
                    }
                    f.setValue(n.textNode(String.join(";", former)));
                }
                default -> {}
            }
        }
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    static RegistryEntry of(RegistryEntry e, int c) {
        String uscc = e.getUscc() == null ? null : uscc(e.getUscc(), c);
        String regNo = e.getRegNo() == null ? null : regNo(e.getRegNo(), c);
        String id =
                e.getEnterpriseId().equals(e.getUscc())
                        ? uscc
                        : e.getEnterpriseId().equals(e.getRegNo())
                                ? regNo
                                : e.getEnterpriseId() + "#" + c;
        List<String> former = new ArrayList<>();
        for (String f : e.getFormerNames()) {
            former.add(name(f, c));
        }
        return RegistryEntry.newBuilder(e)
                .setEnterpriseId(id)
                .setUscc(uscc)
                .setRegNo(regNo)
                .setName(name(e.getName(), c))
                .setFormerNames(former)
                .build();
    }

    private static String uscc(String u, int c) {
        if (!Uscc.hasShape(u)) {
            return u + "#" + c;
        }
        char[] cs = u.toCharArray();
        for (int i = 8; i < 17; i++) {
            int v = Uscc.ALPHABET.indexOf(cs[i]);
            cs[i] = Uscc.ALPHABET.charAt((v + c * (i - 5)) % Uscc.ALPHABET.length());
        }
        return new String(cs);
    }

    private static String regNo(String r, int c) {
        char[] cs = r.toCharArray();
        for (int i = 6; i < cs.length; i++) {
            if (cs[i] >= '0' && cs[i] <= '9') {
                cs[i] = (char) ('0' + (cs[i] - '0' + c * (i - 3)) % 10);
            }
        }
        return new String(cs);
    }

    private static String name(String name, int c) {
        NameParts p = NameParts.parse(name);
        String trade = p == null ? null : p.trade();
        int at = trade == null || trade.isEmpty() ? -1 : name.indexOf(trade);
        if (at < 0) {
            return name + c; // no trade name to be found as written: the name made distinct
        }
        StringBuilder b = new StringBuilder(name.length());
        b.append(name, 0, at);
        for (int i = 0; i < trade.length(); i++) {
            char ch = trade.charAt(i);
            b.append(
                    TRADE_CHARS.charAt(
                            Math.floorMod(ch * 31 + c * 131 + i * 17, TRADE_CHARS.length())));
        }
        return b.append(name, at + trade.length(), name.length()).toString();
    }
}
