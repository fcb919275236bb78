package dev.amfa.engine;

import dev.amfa.facts.FactTypes;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every name DRL may use: the fact model (dev.amfa.facts), the decision global, and a short list of java.lang
 * string, number and math basics. Anything else is refused by {@link RuleSandbox} before the DRL is compiled.
 * It is an allow-list of NAMES, not of types: a method name is allowed on any receiver, so every name here must
 * be harmless whatever object it is called on, and none may hand out an object whose own methods are not here
 * (no getClass, no reflection, no class loaders, no threads, no files, no regular expressions: a pattern can
 * backtrack for minutes and nothing can interrupt it).
 */
final class RuleVocabulary {
    static final String FACTS_PACKAGE = "dev.amfa.facts";

    /** The fact model. A test checks this is every public class of the package. */
    static final List<Class<?>> FACT_TYPES = FactTypes.named();

    /** java.lang classes a rule may name: for casts, locals, static helpers and pattern types of accumulate results. */
    static final Set<String> JAVA_LANG_TYPES = Set.of("String", "Math", "Integer", "Long", "Double", "Boolean",
            "Number", "Object");

    /** Methods of strings, numbers, Math and the fact model's collections; no regex, no repeat (memory). */
    private static final Set<String> BASIC_METHODS = Set.of(
            "length", "isEmpty", "isBlank", "charAt", "startsWith", "endsWith", "contains", "equals",
            "equalsIgnoreCase", "compareTo", "compareToIgnoreCase", "indexOf", "lastIndexOf", "substring",
            "toLowerCase", "toUpperCase", "trim", "strip", "concat", "valueOf", "toString", "hashCode",
            "intValue", "longValue", "doubleValue", "booleanValue", "parseInt", "parseLong", "parseDouble",
            "parseBoolean", "compare", "abs", "min", "max", "round", "floor", "ceil", "signum", "sqrt", "pow",
            "size", "get", "getOrDefault", "containsKey", "containsValue", "name", "ordinal");

    /** Constants after a class name: Math.PI, Integer.MAX_VALUE; the fact model's own come from reflection. */
    private static final Set<String> BASIC_CONSTANTS = Set.of("PI", "E", "MAX_VALUE", "MIN_VALUE", "length",
            "empty");

    /** Drools' helpers in a consequence. {@code drools} and {@code kcontext} themselves are not allowed. */
    static final Set<String> CONSEQUENCE_HELPERS = Set.of("insert", "insertLogical", "update", "modify",
            "delete", "retract");

    /** Words of Java, MVEL and DRL constraints that reach nothing by themselves. */
    static final Set<String> KEYWORDS = Set.of("true", "false", "null", "this", "instanceof", "in", "not",
            "memberOf", "contains", "excludes", "str", "if", "else", "return", "final", "var", "int", "long",
            "double", "float", "boolean", "short", "byte", "char", "void");

    /** Keywords that may stand before "(" (an if, a return of a parenthesised value, "not in (...)"). */
    static final Set<String> KEYWORDS_BEFORE_PARENTHESIS = Set.of("if", "return", "in", "not", "memberOf",
            "contains", "excludes", "instanceof");

    /** Accumulate functions with no code of their own. */
    static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("count", "sum", "min", "max", "average",
            "collectList", "collectSet", "countDistinct");

    /** Rule attributes with a meaning here; timers, calendars and durations have none in a stateless run. */
    static final Set<String> RULE_ATTRIBUTES = Set.of("salience", "no-loop", "lock-on-active", "agenda-group",
            "activation-group", "ruleflow-group", "auto-focus", "dialect", "enabled", "date-effective",
            "date-expires");

    static final Set<String> FACT_TYPE_NAMES = new HashSet<>();
    /** Method names of the fact model (its public methods, minus Object's) and the basics. */
    static final Set<String> METHODS = new HashSet<>(BASIC_METHODS);
    /** Bean properties (getX / isX), record components, enum constants and public constants of the fact model. */
    static final Set<String> PROPERTIES = new HashSet<>(BASIC_CONSTANTS);

    static {
        Set<String> objectMethods = Set.of("getClass", "wait", "notify", "notifyAll", "clone", "finalize");
        for (Class<?> type : FACT_TYPES) {
            FACT_TYPE_NAMES.add(type.getSimpleName());
            for (Method method : type.getDeclaredMethods()) {
                if (!Modifier.isPublic(method.getModifiers()) || method.isSynthetic()
                        || objectMethods.contains(method.getName())) continue;
                METHODS.add(method.getName());
                if (method.getParameterCount() == 0) PROPERTIES.add(property(method.getName()));
            }
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isPublic(field.getModifiers())) PROPERTIES.add(field.getName());
            }
        }
    }

    private RuleVocabulary() {
    }

    static boolean isType(String name) {
        return FACT_TYPE_NAMES.contains(name) || JAVA_LANG_TYPES.contains(name);
    }

    /** A fact type named simply ("Risk") or fully ("dev.amfa.facts.Risk"). */
    static boolean isFactType(String name) {
        String simple = name.startsWith(FACTS_PACKAGE + ".") ? name.substring(FACTS_PACKAGE.length() + 1) : name;
        return FACT_TYPE_NAMES.contains(simple);
    }

    /** getScore -> score, isKnown -> known, days -> days. */
    private static String property(String method) {
        for (String prefix : List.of("get", "is")) {
            if (method.length() > prefix.length() && method.startsWith(prefix)
                    && Character.isUpperCase(method.charAt(prefix.length()))) {
                return Character.toLowerCase(method.charAt(prefix.length())) + method.substring(prefix.length() + 1);
            }
        }
        return method;
    }
}
