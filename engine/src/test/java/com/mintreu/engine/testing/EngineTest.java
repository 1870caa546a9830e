package com.mintreu.engine.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs once per database against a real engine booted on port 0: a temp SQLite file
 * always, and PostgreSQL (a fresh schema) when {@code MINTREU_TEST_POSTGRES_URL} is set. Under CI
 * the variable is required, so the PostgreSQL run can never be skipped silently.
 * The method takes a {@link TestEngine} parameter; one engine per database serves a whole class.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(EngineExtension.class)
public @interface EngineTest {}
