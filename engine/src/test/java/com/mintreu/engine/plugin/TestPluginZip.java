package com.mintreu.engine.plugin;

import com.mintreu.api.Extension;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.jdbi.v3.core.Jdbi;
import org.pf4j.ExtensionPoint;
import org.pf4j.processor.ExtensionAnnotationProcessor;
import org.slf4j.Logger;

/**
 * Builds a real PF4J plugin zip for tests: compiles Java sources with javac and PF4J's annotation
 * processor (so {@code extensions.idx} is produced the way a plugin build produces it), adds
 * resources and {@code plugin.properties}, and zips {@code plugin.properties} + {@code classes/}.
 * The compiled classes are NOT on the test class path, so the plugin class loader is really used.
 */
final class TestPluginZip {

    private final String id;
    private String version = "1.0.0";
    private String requires = "";
    private String dependencies = "";
    private String pluginClass = "";
    private String rawDescriptor;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final List<Path> compiledClasses = new ArrayList<>();

    private TestPluginZip(String id) {
        this.id = id;
    }

    static TestPluginZip plugin(String id) {
        return new TestPluginZip(id);
    }

    TestPluginZip version(String v) {
        this.version = v;
        return this;
    }

    TestPluginZip requires(String r) {
        this.requires = r;
        return this;
    }

    TestPluginZip dependsOn(String d) {
        this.dependencies = d;
        return this;
    }

    /** Sets {@code plugin.class}: the PF4J plugin class PF4J instantiates before start. */
    TestPluginZip pluginClass(String className) {
        this.pluginClass = className;
        return this;
    }

    /** Replaces the generated plugin.properties by exactly this text (for broken descriptors); null for none. */
    TestPluginZip descriptor(String text) {
        this.rawDescriptor = text == null ? "" : text;
        return this;
    }

    TestPluginZip source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    TestPluginZip resource(String path, String text) {
        resources.put(path, text);
        return this;
    }

    /** Adds already compiled classes: a folder or a jar (e.g. a bundled plugin module's build output). */
    TestPluginZip classesFrom(Path dirOrJar) {
        compiledClasses.add(dirOrJar);
        return this;
    }

    /** Writes {@code <pluginsDir>/<id>-<version>.zip} and returns its path. */
    Path writeTo(Path pluginsDir) {
        try {
            Path work = Files.createTempDirectory("plugin-build-");
            Path classes = Files.createDirectories(work.resolve("classes"));
            compile(classes);
            for (Path source : compiledClasses) {
                copyClasses(source, classes);
            }
            for (Map.Entry<String, String> r : resources.entrySet()) {
                Path file = classes.resolve(r.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, r.getValue());
            }
            Files.createDirectories(pluginsDir);
            Path zip = pluginsDir.resolve(id + "-" + version + ".zip");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                String descriptor = rawDescriptor != null ? rawDescriptor : "plugin.id=" + id + "\nplugin.version=" + version
                        + "\nplugin.requires=" + requires + "\nplugin.dependencies=" + dependencies
                        + (pluginClass.isEmpty() ? "" : "\nplugin.class=" + pluginClass) + "\n";
                if (!descriptor.isEmpty()) {
                    put(out, "plugin.properties", descriptor.getBytes(StandardCharsets.UTF_8));
                }
                try (Stream<Path> files = Files.walk(classes)) {
                    for (Path f : files.sorted().toList()) {
                        String name = "classes/" + classes.relativize(f).toString().replace('\\', '/');
                        if (Files.isDirectory(f)) {
                            out.putNextEntry(new ZipEntry(name.endsWith("/") ? name : name + "/"));
                            out.closeEntry();
                        } else {
                            put(out, name, Files.readAllBytes(f));
                        }
                    }
                }
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void compile(Path classes) throws IOException {
        if (sources.isEmpty()) {
            return;
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(new SimpleJavaFileObject(
                java.net.URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        }));
        String classPath = String.join(java.io.File.pathSeparator,
                location(Extension.class), location(ExtensionPoint.class), location(Logger.class), location(Jdbi.class));
        StringBuilder errors = new StringBuilder();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = javac.getTask(null, files, d -> errors.append(d).append('\n'),
                    List.of("--release", "21", "-d", classes.toString(), "-classpath", classPath), null, units);
            // explicit, as in plugins/pom.xml: javac 23+ does not run processors found on the class path
            task.setProcessors(List.of(new ExtensionAnnotationProcessor()));
            if (!task.call()) {
                throw new IllegalStateException("test plugin " + id + " does not compile:\n" + errors);
            }
        }
    }

    private static void copyClasses(Path source, Path classes) throws IOException {
        if (Files.isDirectory(source)) {
            copyTree(source, classes);
            return;
        }
        try (FileSystem jar = FileSystems.newFileSystem(source)) {
            copyTree(jar.getPath("/"), classes);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = from.relativize(f).toString();
                if (rel.equals("META-INF/MANIFEST.MF") || rel.startsWith("META-INF/maven")) {
                    continue;
                }
                Path target = to.resolve(rel);
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
    }

    private static void put(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        ((OutputStream) out).write(bytes);
        out.closeEntry();
    }

    static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
