package com.mintreu.api.metering;

/**
 * The answer to {@link UsageMeter#record(Usage)}.
 *
 * @param duplicate true when the event id was seen before and nothing was added
 */
public record Recorded(boolean duplicate) {}
