package com.mintreu.plugins.archfixture;

import com.mintreu.engine.config.ConfigLoader;
import java.util.Map;

/** A deliberate offender: proves the boundary rule would catch a plugin using an engine class. */
public final class PluginReachingIntoTheEngine {

    public Object sneak() {
        return ConfigLoader.parse("", Map.of());
    }
}
