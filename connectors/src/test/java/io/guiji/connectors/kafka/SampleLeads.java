package io.guiji.connectors.kafka;

import io.guiji.schemas.Lead;
import java.util.List;

/** A lead for the tests of the output topics' readers. */
final class SampleLeads {
    private SampleLeads() {}

    /** An open unlicensed-operation lead {@code id-1} of the subject {@code name}. */
    static Lead named(String name) {
        return Lead.newBuilder()
                .setLeadId("id-1")
                .setKind("UNREGISTERED")
                .setKindLabel("无照")
                .setStatus("OPEN")
                .setRule("unregistered")
                .setReason("NOT_IN_REGISTRY")
                .setSubjectName(name)
                .setDepartment("市场监督管理部门")
                .setReferenceDate("2026-11-25")
                .setEvidence(List.of())
                .build();
    }
}
