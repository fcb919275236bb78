package dev.amfa.challenges;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.amfa.TestService;
import dev.amfa.totp.Base32;
import dev.amfa.totp.Totp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static dev.amfa.challenges.ChallengeFlows.challengedLogin;
import static dev.amfa.challenges.ChallengeFlows.start;
import static dev.amfa.challenges.ChallengeFlows.verify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TOTP enrolment and challenges, recovery codes, over HTTP. */
class FactorApiTest {
    private static final JsonArray OTP_RECOVERY = new JsonArray().add("otp").add("recovery-code");
    private static TestService service;

    @BeforeAll
    static void startService() {
        service = TestService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static JsonObject enrol(String user) {
        var response = service.post("/v1/users/" + user + "/factors/otp", new JsonObject().put("org", "acme"));
        assertEquals(201, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject();
    }

    private static int confirm(String user, String code) {
        return service.post("/v1/users/" + user + "/factors/otp/confirm", new JsonObject().put("org", "acme").put("code", code))
                .statusCode();
    }

    private static String code(JsonObject enrolment, long step) {
        return Totp.code(Base32.decode(enrolment.getString("secret")), step, Totp.DIGITS, Totp.SHA1);
    }

    @Test
    void enrolmentAnswersSecretUriScannableQrCodeAndTenRecoveryCodes() throws Exception {
        JsonObject enrolment = enrol("olga");
        String uri = enrolment.getString("otpauth_uri");
        assertTrue(uri.startsWith("otpauth://totp/amfa:olga?secret=" + enrolment.getString("secret")), uri);
        assertEquals(32, enrolment.getString("secret").length(), "160 bits in base32");
        String png = enrolment.getString("qr_code");
        assertTrue(png.startsWith("data:image/png;base64,"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png.substring(png.indexOf(',') + 1))));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        // A generated image is a pure barcode: telling the reader so avoids its occasional misreads of
        // finder patterns in a clean image (a ChecksumException on one random secret in a few dozen).
        String scanned = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))),
                java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        assertEquals(uri, scanned);
        List<String> codes = enrolment.getJsonArray("recovery_codes").stream().map(String::valueOf).toList();
        assertEquals(10, codes.size());
        assertEquals(10, codes.stream().distinct().count());
    }

    @Test
    void anUnconfirmedEnrolmentPassesNothingAndACodeIsNeverAcceptedTwice() {
        JsonObject enrolment = enrol("pia");
        long now = Totp.step(Instant.now());
        String evaluationId = challengedLogin(service, "pia", OTP_RECOVERY).getString("evaluation_id");
        String before = start(service, evaluationId, "otp", 201).getString("challenge_id");
        assertEquals("failed", verify(service, before, code(enrolment, now)).getString("status"), "not confirmed yet");

        assertEquals(422, confirm("pia", "000000".equals(code(enrolment, now)) ? "111111" : "000000"));
        assertEquals(200, confirm("pia", code(enrolment, now - 1)));
        assertEquals(422, confirm("pia", code(enrolment, now - 1)), "the confirming code is used");

        String challengeId = start(service, evaluationId, "otp", 201).getString("challenge_id");
        assertEquals("failed", verify(service, challengeId, code(enrolment, now - 1)).getString("status"), "replayed");
        JsonObject passed = verify(service, challengeId, code(enrolment, now));
        assertEquals("passed", passed.getString("status"), passed.encode());
        assertTrue(passed.containsKey("token"));

        String next = start(service, challengedLogin(service, "pia", OTP_RECOVERY, "pia-phone").getString("evaluation_id"), "otp", 201)
                .getString("challenge_id");
        assertEquals("failed", verify(service, next, code(enrolment, now)).getString("status"), "the same code twice");
        assertEquals("passed", verify(service, next, code(enrolment, now + 1)).getString("status"), "the next step's code");
    }

    @Test
    void eachRecoveryCodeWorksOnceAndRegeneratingRetiresTheOldOnes() {
        List<String> codes = enrol("quinn").getJsonArray("recovery_codes").stream().map(String::valueOf).toList();
        String first = start(service, challengedLogin(service, "quinn", OTP_RECOVERY).getString("evaluation_id"),
                "recovery-code", 201).getString("challenge_id");
        // People type them in lower case and without the dash.
        assertEquals("passed", verify(service, first, codes.get(0).toLowerCase().replace("-", " ")).getString("status"));
        String second = start(service, challengedLogin(service, "quinn", OTP_RECOVERY, "quinn-phone").getString("evaluation_id"),
                "recovery-code", 201).getString("challenge_id");
        assertEquals("failed", verify(service, second, codes.get(0)).getString("status"), "used once already");

        var regenerated = service.post("/v1/users/quinn/factors/recovery-code", new JsonObject().put("org", "acme"));
        assertEquals(201, regenerated.statusCode());
        List<String> fresh = regenerated.bodyAsJsonObject().getJsonArray("recovery_codes").stream().map(String::valueOf).toList();
        assertEquals(10, fresh.size());
        assertEquals("failed", verify(service, second, codes.get(1)).getString("status"), "retired by regeneration");
        assertEquals("passed", verify(service, second, fresh.get(0)).getString("status"));
    }

    @Test
    void aUserWithoutTheFactorIsAnsweredLikeAWrongCode() {
        String evaluationId = challengedLogin(service, "nobody-enrolled", OTP_RECOVERY).getString("evaluation_id");
        JsonObject otp = start(service, evaluationId, "otp", 201);
        JsonObject recovery = start(service, evaluationId, "recovery-code", 201);
        assertEquals(otp.fieldNames(), recovery.fieldNames());
        JsonObject verdict = verify(service, otp.getString("challenge_id"), "123456");
        assertEquals(new JsonObject().put("challenge_id", otp.getString("challenge_id")).put("status", "failed")
                .put("attempts_left", 4), verdict);
        assertEquals(422, confirm("nobody-enrolled", "123456"));
    }

    @Test
    void withoutKeysAConfirmedTotpIsReplacedOnlyWithProofOrTheAdminToken() {
        JsonObject enrolment = enrol("rita");
        assertEquals(200, confirm("rita", code(enrolment, Totp.step(Instant.now()) - 1)));
        var refused = service.post("/v1/users/rita/factors/otp", new JsonObject().put("org", "acme"));
        assertEquals(403, refused.statusCode(), "a loopback caller acts for any org, but needs proof like a key");
        assertEquals("reauthentication_required", refused.bodyAsJsonObject().getString("error"));
        assertEquals(201, service.call(io.vertx.core.http.HttpMethod.POST, "/v1/users/rita/factors/otp", TestService.ADMIN_TOKEN,
                new JsonObject().put("org", "acme")).statusCode(), "the admin token counts on this host too");
    }

    @Test
    void enrolmentRequiresAValidOrg() {
        var missing = service.post("/v1/users/x/factors/otp", new JsonObject());
        assertEquals(400, missing.statusCode());
        assertEquals("org", missing.bodyAsJsonObject().getString("field"));
        assertEquals(400, service.post("/v1/users/x/factors/otp", new JsonObject().put("org", "../etc")).statusCode());
        assertFalse(service.post("/v1/users/x/factors/otp/confirm", new JsonObject().put("org", "acme"))
                .bodyAsJsonObject().getString("field").isEmpty());
    }
}
