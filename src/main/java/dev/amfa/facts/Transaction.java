package dev.amfa.facts;

import java.math.BigDecimal;

/** A sensitive operation the login is for (a payment, a change of e-mail), for step-up rules. */
public final class Transaction {
    private final String type;
    private final BigDecimal amount;
    private final String currency;

    public Transaction(String type, BigDecimal amount, String currency) {
        this.type = type;
        this.amount = amount;
        this.currency = currency;
    }

    public String getType() { return type; }
    public BigDecimal getAmount() { return amount; }
    public String getCurrency() { return currency; }

    /** True when the amount is above the limit in that currency; a transaction without an amount is over none. */
    @Helper("a limit and its currency: `Transaction(amountOver(1000, \"EUR\")) from $tx`")
    public boolean amountOver(double limit, String inCurrency) {
        return amount != null && inCurrency.equals(currency) && amount.compareTo(BigDecimal.valueOf(limit)) > 0;
    }

    @Override
    public String toString() {
        return "Transaction(" + type + (amount == null ? "" : " " + amount + " " + currency) + ")";
    }
}
