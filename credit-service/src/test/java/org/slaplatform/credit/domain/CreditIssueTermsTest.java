package org.slaplatform.credit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.policy.Policy;

class CreditIssueTermsTest {

    static final CreditIssueTerms QUANTIVE = CreditIssueTerms.of(CreditCalculatorTest.QUANTIVE.credits());
    static final Duration DAY = Duration.ofDays(1);

    @Test
    @DisplayName("QNT-CRD-3 withinBillingCycles: 1, monthly: a credit confirmed in March 2031 is due by 30 April 23:59:59 UTC (late from 1 May 00:00)")
    void oneMonthlyCycle() {
        assertThat(QUANTIVE.withinBillingCycles()).isEqualTo(1);
        assertThat(QUANTIVE.deadline(YearMonth.of(2031, 3), BillingCycle.MONTHLY, DAY))
                .isEqualTo(Instant.parse("2031-05-01T00:00:00Z"));
    }

    @Test
    @DisplayName("QNT-CRD-3 withinBillingCycles: 1, quarterly: a credit confirmed in February is due by the end of the next quarter, 30 June")
    void oneQuarterlyCycle() {
        assertThat(QUANTIVE.deadline(YearMonth.of(2031, 2), BillingCycle.QUARTERLY, DAY))
                .isEqualTo(Instant.parse("2031-07-01T00:00:00Z"));
    }

    @Test
    @DisplayName("QNT-CRD-3 a policy copy with withinBillingCycles: 2 moves the March deadline to the end of May")
    void twoCyclesFromAnEditedPolicy() {
        Policy two = CreditCalculatorTest.edited("quantive", "withinBillingCycles: 1", "withinBillingCycles: 2");
        assertThat(CreditIssueTerms.of(two.credits()).deadline(YearMonth.of(2031, 3), BillingCycle.MONTHLY, DAY))
                .isEqualTo(Instant.parse("2031-06-01T00:00:00Z"));
    }

    @Test
    @DisplayName("QNT-CRD-3 a policy without credits.issue (InfoStretch) sets no deadline: the platform's, 1 April + overdue-after (1 day), applies")
    void platformDeadlineWithoutIssue() {
        CreditIssueTerms is = CreditIssueTerms.of(CreditCalculatorTest.INFOSTRETCH.credits());
        assertThat(is.withinBillingCycles()).isNull();
        assertThat(is.deadline(YearMonth.of(2031, 3), BillingCycle.MONTHLY, DAY))
                .isEqualTo(Instant.parse("2031-04-02T00:00:00Z"));
    }

    @Test
    @DisplayName("QNT-CRD-3 the ledger's terms quote the policy: only against future invoices, never refunded, never transferred; a copy with refundable and transferable true says the policy allows them")
    void termsQuoteThePolicy() {
        assertThat(QUANTIVE.text()).isEqualTo("a confirmed credit is issued within 1 billing cycle(s) after the month of "
                + "confirmation (credits.issue.withinBillingCycles: 1); the balance is applied only against future invoices "
                + "(credits.issue.onlyAgainstFuturePayments: true); it is never refunded or paid out in cash "
                + "(credits.issue.refundable: false); it is never transferred or applied to another account "
                + "(credits.issue.transferable: false) (QNT-CRD-3)");
        Policy open = CreditCalculatorTest.edited("quantive", "    refundable: false\n    transferable: false",
                "    refundable: true\n    transferable: true");
        CreditIssueTerms terms = CreditIssueTerms.of(open.credits());
        assertThat(terms.refundable()).isTrue();
        assertThat(terms.transferable()).isTrue();
        assertThat(terms.text()).contains("(credits.issue.refundable: true)", "(credits.issue.transferable: true)")
                .doesNotContain("never refunded");
    }
}
