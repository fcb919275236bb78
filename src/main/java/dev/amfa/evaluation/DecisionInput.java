package dev.amfa.evaluation;

import dev.amfa.facts.Assessment;
import dev.amfa.facts.Device;
import dev.amfa.geo.Place;

import java.util.List;

/**
 * Everything the rules decide from, once the signals have answered: kept whole in the decision log so a
 * candidate policy can be replayed against real traffic, and built by hand in policy tests.
 *
 * @param place          null when the IP has no known location
 * @param assessments    every signal's answer, the caller's reported signals included
 * @param recentFailures the user's failed logins within the velocity window
 */
public record DecisionInput(String evaluationId, EvaluationRequest request, Device device, Place place,
                            List<Assessment> assessments, int recentFailures) {

    public DecisionInput {
        assessments = List.copyOf(assessments);
    }
}
