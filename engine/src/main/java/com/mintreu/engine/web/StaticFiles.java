package com.mintreu.engine.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.server.handlers.resource.Resource;
import io.undertow.server.handlers.resource.ResourceChangeListener;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.server.handlers.resource.ResourceManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Serves {@code /static/...} from the theme chain: the active theme's files first, then its parents'. */
final class StaticFiles {

    private StaticFiles() {}

    static HttpHandler handler(Templates templates) {
        List<ResourceManager> managers = new ArrayList<>();
        for (String theme : templates.chain()) {
            Path dir = templates.paths().themesDir().resolve(theme).resolve("static");
            if (Files.isDirectory(dir)) {
                managers.add(new PathResourceManager(dir));
            }
            managers.add(new ClassPathResourceManager(StaticFiles.class.getClassLoader(), "themes/" + theme + "/static"));
        }
        ResourceHandler handler = new ResourceHandler(new Chain(managers));
        handler.setDirectoryListingEnabled(false);
        handler.setCacheTime(3600);
        return handler;
    }

    /** The first manager that has the resource wins. */
    private record Chain(List<ResourceManager> managers) implements ResourceManager {

        @Override
        public Resource getResource(String path) throws IOException {
            for (ResourceManager m : managers) {
                Resource r = m.getResource(path);
                if (r != null && !r.isDirectory()) {
                    return r;
                }
            }
            return null;
        }

        @Override
        public boolean isResourceChangeListenerSupported() {
            return false;
        }

        @Override
        public void registerResourceChangeListener(ResourceChangeListener listener) {}

        @Override
        public void removeResourceChangeListener(ResourceChangeListener listener) {}

        @Override
        public void close() throws IOException {
            for (ResourceManager m : managers) {
                m.close();
            }
        }
    }
}
