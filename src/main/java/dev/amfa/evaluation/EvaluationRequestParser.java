package dev.amfa.evaluation;

import dev.amfa.externalrisk.ExternalRiskSignal;
import dev.amfa.facts.Assessment;
import dev.amfa.facts.Confidence;
import dev.amfa.facts.Factor;
import dev.amfa.facts.Transaction;
import dev.amfa.ip.IpAddress;
import dev.amfa.signals.ImpossibleTravelSignal;
import dev.amfa.signals.NewDeviceSignal;
import dev.amfa.signals.UntrustedIpSignal;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Turns a POST /v1/evaluate body into an {@link EvaluationRequest}, or says which field is wrong and why. */
public final class EvaluationRequestParser {
    /** Flows the API accepts; which of them adaptive MFA covers is the rules' business (flows.drl). */
    public static final List<String> FLOWS = List.of(
            "authorization_code", "saml", "wsfed", "ldap", "form", "password_grant", "device_code", "refresh_token");
    public static final String DEFAULT_FLOW = "authorization_code";

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    public static final int ID_LENGTH = InputLimits.ID_LENGTH;
    private static final int LIST_ITEMS = 64;

    private static final int MAX_SIGNALS = 16;
    private static final Pattern SIGNAL_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final List<String> BUILT_IN_SIGNALS = List.of(
            NewDeviceSignal.NAME, ImpossibleTravelSignal.NAME, UntrustedIpSignal.NAME, ExternalRiskSignal.NAME);
    private static final List<String> CONFIDENCES = List.of("high", "medium", "low", "neutral");

    private final Clock clock;
    private final RequestTime time;

    /** A parser that takes any timestamp: policy test cases and decisions read back from the log. */
    public EvaluationRequestParser(Clock clock) {
        this(clock, null);
    }

    /** @param time how far a live request's timestamp may be from {@code clock}; null for no bound */
    public EvaluationRequestParser(Clock clock, RequestTime time) {
        this.clock = clock;
        this.time = time;
    }

    public EvaluationRequest parse(JsonObject body) {
        JsonFields top = new JsonFields(body, "");
        String org = top.requiredOrg();

        JsonFields user = top.requiredObject("user");
        String userId = user.requiredId("id");
        String email = user.optionalId("email");
        List<String> roles = user.stringList("roles", LIST_ITEMS, ID_LENGTH);
        for (int i = 0; i < roles.size(); i++) InputLimits.id(user.path("roles") + "[" + i + "]", roles.get(i));
        var attributes = user.freeForm("attributes", InputLimits.ATTRIBUTES_SIZE);
        List<String> enrolled = factors(user, "enrolled_factors");

        String ipText = top.requiredString("ip", 64);
        InetAddress ip;
        try {
            ip = IpAddress.parse(ipText);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("ip", "must be an IPv4 or IPv6 address: " + e.getMessage());
        }

        String userAgent = top.optionalString("user_agent", InputLimits.TEXT_LENGTH);
        JsonFields device = top.optionalObject("device");
        String deviceId = device == null ? null : device.optionalId("id");
        String fingerprint = device == null ? null : device.optionalId("fingerprint");

        Instant timestamp = top.optionalTimestamp("timestamp");
        if (timestamp != null && time != null) time.check(timestamp, clock.instant());
        String flow = top.optionalString("flow", 64);
        flow = JsonFields.oneOf("flow", flow == null ? DEFAULT_FLOW : flow, FLOWS);
        String application = top.optionalId("application");

        JsonFields mfaSession = top.optionalObject("mfa_session");
        List<String> passed = mfaSession == null ? List.of() : factors(mfaSession, "factors");

        return new EvaluationRequest(org, userId, email, roles, attributes, enrolled, ip, userAgent, deviceId,
                fingerprint, timestamp == null ? clock.instant() : timestamp, flow, application,
                transaction(top.optionalObject("transaction")), passed, signals(top.optionalObject("signals")));
    }

    /**
     * Signals the caller assessed itself (a bot detector, a fraud score), inserted beside the built-in ones:
     * {"BotCheck": {"confidence": "low", "code": "bot_detected", "details": {...}}}.
     */
    private static List<Assessment> signals(JsonFields signals) {
        if (signals == null) return List.of();
        if (signals.json().size() > MAX_SIGNALS) {
            throw new InvalidInputException("signals", "must have at most " + MAX_SIGNALS + " signals");
        }
        List<Assessment> reported = new ArrayList<>();
        for (String name : signals.json().fieldNames()) {
            if (!SIGNAL_NAME.matcher(name).matches()) {
                throw new InvalidInputException("signals." + name, "a signal name must be a letter then letters, digits or _ (at most 64)");
            }
            if (BUILT_IN_SIGNALS.contains(name)) {
                throw new InvalidInputException("signals." + name, "is a built-in signal the service assesses itself");
            }
            reported.add(assessment(name, signals.requiredObject(name)));
        }
        return reported;
    }

    /**
     * One signal's result as JSON gives it, {"confidence": ..., "code": ..., "details": {...}}: a caller's own
     * signal here, and the signal results a policy test case assumes.
     */
    public static Assessment assessment(String signal, JsonFields json) {
        String confidence = json.requiredString("confidence", 16);
        if (!CONFIDENCES.contains(confidence)) {
            throw new InvalidInputException(json.path("confidence"), "must be one of " + CONFIDENCES);
        }
        String code = InputLimits.id(json.path("code"), json.requiredString("code", 64));
        return new Assessment(signal, Confidence.fromJson(confidence), code,
                new JsonObject(json.freeForm("details", InputLimits.DETAILS_SIZE)).copy());
    }

    private static List<String> factors(JsonFields object, String name) {
        List<String> factors = object.stringList(name, Factor.ALL.size(), 64);
        for (int i = 0; i < factors.size(); i++) {
            if (!Factor.isKnown(factors.get(i))) {
                throw new InvalidInputException(object.path(name) + "[" + i + "]", "must be one of " + Factor.ALL);
            }
        }
        return factors.stream().distinct().toList();
    }

    private static Transaction transaction(JsonFields tx) {
        if (tx == null) return null;
        String type = tx.optionalId("type");
        Number amountValue = tx.optionalNumber("amount");
        BigDecimal amount = null;
        if (amountValue != null) {
            try {
                amount = new BigDecimal(amountValue.toString());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(tx.path("amount"), "must be a finite number");
            }
            if (amount.signum() < 0) throw new InvalidInputException(tx.path("amount"), "must not be negative");
        }
        String currency = tx.optionalString("currency", 3);
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            throw new InvalidInputException(tx.path("currency"), "must be an ISO 4217 code such as EUR");
        }
        if (amount != null && currency == null) {
            throw new InvalidInputException(tx.path("currency"), "is required with an amount");
        }
        return new Transaction(type, amount, currency);
    }
}
