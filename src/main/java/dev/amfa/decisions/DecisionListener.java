package dev.amfa.decisions;

/** Told of every decision and event as it is logged (metrics, the JSON-lines sink). Must never block. */
public interface DecisionListener {

    void decided(DecisionRecord record);

    void happened(DecisionEvent event);
}
