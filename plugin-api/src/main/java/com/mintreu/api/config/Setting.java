package com.mintreu.api.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one field of a configuration record: the engine's own config and every plugin's.
 *
 * <p>The engine reads it when it binds YAML to the record: {@link #required()} fields that are
 * missing are reported with their YAML path, {@link #secret()} fields are masked in
 * {@code mintreu config check} and never logged, and {@link #help()} is shown next to errors.
 * Defaults come from the record's static {@code defaults()} method when it has one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Setting {

    /** One sentence a self-hoster reads next to an error: what the value is for and its form. */
    String help() default "";

    /** True for passwords, keys and tokens: masked in output, never written to a log. */
    boolean secret() default false;

    /** True when there is no sensible default and the value must be given. */
    boolean required() default false;
}
