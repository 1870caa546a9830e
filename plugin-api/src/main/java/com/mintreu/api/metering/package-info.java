/**
 * The {@link com.mintreu.api.metering.UsageMeter} extension point: usage counted per subject (an API
 * key's purchase), idempotent by event id, with rate limits and quotas checked and consumed in one step.
 */
package com.mintreu.api.metering;
