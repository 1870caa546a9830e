package com.mintreu.engine.config;

import java.nio.file.Path;

/** The engine's folders, resolved against the install root ({@code -Dmintreu.home}). */
public record EnginePaths(Path home, Path dataDir, Path pluginsDir, Path themesDir) {

    public static EnginePaths of(Path home, EngineConfig engine) {
        Path root = home.toAbsolutePath().normalize();
        return new EnginePaths(root, root.resolve(engine.dataDir()).normalize(),
                root.resolve(engine.pluginsDir()).normalize(), root.resolve(engine.themesDir()).normalize());
    }
}
