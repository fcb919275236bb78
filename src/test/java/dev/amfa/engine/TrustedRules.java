package dev.amfa.engine;

import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Compiles DRL without RuleSandbox, for tests of the engine itself with rules the sandbox would refuse (a
 * declared type, a throw, unbounded recursion): what the engine does with them must hold whatever got compiled.
 */
final class TrustedRules {
    private TrustedRules() {
    }

    static RuleSet compile(String name, String drl) {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8)), ResourceType.DRL);
        if (builder.hasErrors()) throw new AssertionError(builder.getErrors().toString());
        KieBase kieBase = builder.newKieBase();
        int rules = kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
        boolean declaresDecision = kieBase.getKiePackages().stream().anyMatch(p -> p.getGlobalVariables().stream()
                .anyMatch(g -> g.getName().equals(RuleCompiler.DECISION_GLOBAL)));
        return new RuleSet(name, ContentHash.of(java.util.Map.of(name, drl)), kieBase, List.of(name + ".drl"), rules,
                declaresDecision);
    }
}
