package org.slaplatform.ticket.mapping;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.slaplatform.ticket.domain.Category;
import org.slaplatform.ticket.domain.IntakeRules;
import org.slaplatform.ticket.domain.ProfessionalService;
import org.slaplatform.ticket.domain.ReleaseVersion;

/**
 * A ticket filed through the API.
 *
 * @param accountId   the account it is for: customers may leave it out (their token's account is
 *                    used); agents, admins and partners acting for a customer name it
 * @param subject     one line; a subject holding the policy's claim marker makes a credit claim (QNT-TKT-10)
 * @param description the problem in full
 * @param severity    a level of the policy's severity scale (IS-TKT-2; 1 is the most severe)
 * @param category    DEFECT (default), QUESTION or FEATURE_REQUEST
 * @param priority    INF-TKT-3, defects only, a value of the policy's priority scale
 * @param risk        INF-TKT-3, defects only, a value of the policy's risk scale
 * @param productId   the product the ticket is about, with {@code version}: checked against the
 *                    contract's licences and the policy's version support (IS-TKT-5)
 * @param platform    the platform the installation runs on, with {@code productId}: checked against the
 *                    product's supported platforms (IS-TKT-5)
 * @param language    the language the customer wants support in, a BCP 47 tag ({@code en}, {@code de-AT});
 *                    absent: English. Another language than English is handled as the policy's
 *                    {@code notCovered} says for {@code non-english-language} (IS-TKT-5: InfoStretch flags it)
 * @param thirdPartyApplication the third-party application the issue concerns, if any (IS-TKT-5
 *                    {@code third-party-application})
 * @param professionalService the Professional Service asked for, if any (IS-TKT-5 {@code professional-services})
 */
public record NewTicket(
        @Pattern(regexp = AccountRequest.ID, message = "must be an account id: lower-case letters, digits and '-'")
        String accountId,
        @NotBlank @Size(max = 200) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String subject,
        @Size(max = 20_000) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String description,
        @NotNull @Min(1) Integer severity,
        Category category,
        @Pattern(regexp = "[A-Z_]{1,32}", message = "must be a value of the policy's priority scale") String priority,
        @Pattern(regexp = "[A-Z_]{1,32}", message = "must be a value of the policy's risk scale") String risk,
        @Pattern(regexp = AccountRequest.ID, message = "must be a product id") String productId,
        @Pattern(regexp = ReleaseVersion.PATTERN, message = ReleaseVersion.MESSAGE) String version,
        @Pattern(regexp = PLATFORM, message = PLATFORM_MESSAGE) String platform,
        @Pattern(regexp = LANGUAGE, message = LANGUAGE_MESSAGE) String language,
        @Size(max = 200) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String thirdPartyApplication,
        ProfessionalService professionalService) {

    /** A BCP 47 language tag: a primary language subtag and optional subtags (en, de-AT, zh-Hant-TW). */
    public static final String LANGUAGE = "[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}";
    public static final String LANGUAGE_MESSAGE = "must be a BCP 47 language tag, e.g. en or de-AT";

    /** IS-TKT-5: the topics of this ticket that support may not include (policy {@code entitlements.notCovered}). */
    public java.util.List<String> notCoveredTopics() {
        java.util.List<String> topics = new java.util.ArrayList<>();
        if (thirdPartyApplication != null && !thirdPartyApplication.isBlank()) {
            topics.add(IntakeRules.THIRD_PARTY_APPLICATION);
        }
        if (language != null && !language.toLowerCase(java.util.Locale.ROOT).matches("en(-.*)?")) {
            topics.add(IntakeRules.NON_ENGLISH_LANGUAGE);
        }
        if (professionalService != null) {
            topics.add(IntakeRules.PROFESSIONAL_SERVICES);
        }
        return topics;
    }

    /** IS-TKT-5 a platform id, e.g. linux-x86_64, windows-server-2022. */
    public static final String PLATFORM = "[a-z0-9][a-z0-9._+-]{0,63}";
    public static final String PLATFORM_MESSAGE = "must be a platform id: lower-case letters, digits and . _ + -, up to 64";

    /**
     * PostgreSQL text cannot hold NUL; refuse it as input rather than fail on write. A negated class
     * matches line breaks without Java's {@code (?s)} flag, which the OpenAPI document's (ECMA-262)
     * patterns do not know.
     */
    public static final String NO_NUL = "[^\\x00]*";
    public static final String NO_NUL_MESSAGE = "must not contain NUL characters";

    /**
     * One line of text: no C0 or C1 control characters (CR, LF, NUL, TAB, ESC, NEL ..) and no Unicode
     * line or paragraph separators. A subject ends up in a mail Subject header (notifications, replies),
     * where a line break would let the sender add headers of their own. Written for both Java and
     * ECMA-262 (the OpenAPI document).
     */
    public static final String ONE_LINE = "[^\\x00-\\x1F\\x7F-\\x9F\\u2028\\u2029]*";
    public static final String ONE_LINE_MESSAGE = "must be one line: no control characters (CR, LF, TAB, NUL ..)";
}
