package com.mintreu.engine.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** YAML merged over the test defaults for every engine booted for the annotated class. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface WithConfig {
    String value() default "";

    /** Install the real bundled plugins (storage, product types, license scheme, sandbox gateway) before boot. */
    boolean bundledPlugins() default false;
}
