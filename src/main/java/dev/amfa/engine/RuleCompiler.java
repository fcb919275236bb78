package dev.amfa.engine;

import org.drools.drl.parser.ParserError;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Compiles DRL into a KieBase through a plain KnowledgeBuilder: about twice as fast as KieHelper or a
 * KieFileSystem and without their global repository cache (measured when this was chosen; that measurement
 * is not kept in this repository). Blocking and slow
 * (seconds for a thousand rules): never call it on an event-loop thread.
 */
public final class RuleCompiler {
    /** The name every rule file uses for the decision global. */
    public static final String DECISION_GLOBAL = "decision";

    private RuleCompiler() {
    }

    public static RuleSet compile(String name, List<RuleSource> sources) throws RuleCompilationException {
        // Nothing reaches the compiler that names more than the fact model and the basics (RuleSandbox).
        List<CompileError> refused = RuleSandbox.check(sources);
        if (!refused.isEmpty()) throw new RuleCompilationException(name, refused);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (RuleSource source : sources) {
            builder.add(ResourceFactory.newByteArrayResource(source.drl().getBytes(StandardCharsets.UTF_8))
                    .setSourcePath(source.path()), ResourceType.DRL);
        }
        if (builder.hasErrors()) {
            throw new RuleCompilationException(name, builder.getErrors().stream().map(RuleCompiler::toError).toList());
        }
        KieBase kieBase = builder.newKieBase();
        int rules = 0;
        boolean declaresDecision = false;
        for (KiePackage pkg : kieBase.getKiePackages()) {
            rules += pkg.getRules().size();
            declaresDecision |= pkg.getGlobalVariables().stream().anyMatch(g -> g.getName().equals(DECISION_GLOBAL));
        }
        return new RuleSet(name, ContentHash.of(sources.stream()
                .collect(java.util.stream.Collectors.toMap(RuleSource::path, RuleSource::drl))), kieBase, sources.stream().map(RuleSource::path).toList(), rules,
                declaresDecision);
    }

    private static CompileError toError(KnowledgeBuilderError error) {
        String file = error.getResource() == null ? "?" : error.getResource().getSourcePath();
        int[] lines = error.getLines();
        int line = lines != null && lines.length > 0 ? lines[0] : 0;
        int column = error instanceof ParserError parserError ? parserError.getCol() : 0;
        return new CompileError(file, Math.max(line, 0), Math.max(column, 0), error.getMessage().strip());
    }
}
