package com.mintreu.engine.web;

/** A feature's HTTP surface; contributed to the one {@link Router} with Dagger {@code @IntoSet}. */
public interface Routes {
    void register(Router router);
}
