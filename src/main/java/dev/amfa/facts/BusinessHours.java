package dev.amfa.facts;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/** An org's working week in its own time zone: [start, end) on the listed days. */
public record BusinessHours(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    public static final BusinessHours ALWAYS = new BusinessHours(Set.of(DayOfWeek.values()), LocalTime.MIN, LocalTime.MAX);

    public boolean contains(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
    }
}
