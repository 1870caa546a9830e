package com.mintreu.engine.entitlement;

import com.mintreu.api.storage.ObjectContent;
import com.mintreu.engine.catalog.CatalogFiles;
import com.mintreu.engine.web.ApiException;
import com.mintreu.engine.web.Exchange;
import com.mintreu.engine.web.Router;
import com.mintreu.engine.web.Routes;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import com.mintreu.engine.admin.KillSwitch;
import com.mintreu.engine.admin.KillSwitches;
import javax.inject.Inject;

/**
 * {@code GET /downloads/{id}?exp&kid&sig}: a signed link serves the file of a download
 * entitlement, taking one use from its limit. No sign-in is needed (the signature is the
 * authority, so download managers work); links expire and the limit bounds sharing. A Range
 * request that starts past byte 0 resumes a started download and does not count, once one use
 * was taken.
 */
final class DownloadRoutes implements Routes {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("zip", "application/zip"), Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("md", "text/markdown; charset=utf-8"), Map.entry("json", "application/json"), Map.entry("epub", "application/epub+zip"),
            Map.entry("gz", "application/gzip"), Map.entry("tgz", "application/gzip"), Map.entry("tar", "application/x-tar"),
            Map.entry("7z", "application/x-7z-compressed"), Map.entry("jar", "application/java-archive"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("svg", "image/svg+xml"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("mp4", "video/mp4"), Map.entry("wav", "audio/wav"));

    private final EntitlementService entitlements;
    private final CatalogFiles files;
    private final KillSwitches switches;

    @Inject
    DownloadRoutes(EntitlementService entitlements, CatalogFiles files, KillSwitches switches) {
        this.switches = switches;
        this.entitlements = entitlements;
        this.files = files;
    }

    @Override
    public void register(Router router) {
        router.get("/downloads/{id}", this::download);
    }

    private void download(Exchange x) throws IOException {
        switches.require(KillSwitch.DOWNLOADS);
        EntitlementService.Download d = entitlements.download(x.pathParam("id"), x.query("exp").orElse(null), x.query("kid").orElse(null),
                x.query("sig").orElse(null), x.query("release").orElse(null));
        long size = d.release().size();
        ByteRange.Request request = ByteRange.parse(x.header("Range"), size);
        if (request instanceof ByteRange.Unsatisfiable) {
            x.header("Content-Range", "bytes */" + size);
            throw new ApiException(EntitlementError.RANGE_NOT_SATISFIABLE, "the file has " + size + " bytes");
        }
        ByteRange range = request instanceof ByteRange.Part p ? p.range() : new ByteRange(0, size - 1);
        boolean partial = request instanceof ByteRange.Part;
        boolean head = "HEAD".equals(x.method());
        boolean counts = !head && (range.start() == 0 || d.entitlement().uses() == 0);

        Optional<ObjectContent> content = head ? Optional.empty() : files.openRelease(d.release());
        if (!head && content.isEmpty()) {
            throw new ApiException(EntitlementError.FILE_UNAVAILABLE, "the file of " + d.release().id() + " is missing from storage");
        }
        try {
            if (counts) {
                entitlements.takeDownload(d.entitlement());
            }
            HttpServerExchange raw = x.raw();
            raw.setStatusCode(partial ? 206 : 200);
            x.header("Content-Type", contentType(d.release().fileName()));
            x.header("Content-Disposition", contentDisposition(d.release().fileName()));
            x.header("Accept-Ranges", "bytes");
            x.header("Cache-Control", "private, no-store");
            if (partial) {
                x.header("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + size);
            }
            long length = size == 0 ? 0 : range.length();
            raw.setResponseContentLength(length);
            if (head) {
                raw.endExchange();
                return;
            }
            if (!raw.isBlocking()) {
                raw.startBlocking();
            }
            try (InputStream in = content.get().stream(); OutputStream out = raw.getOutputStream()) {
                in.skipNBytes(range.start());
                copy(in, out, length);
            }
        } finally {
            content.ifPresent(ObjectContent::close);
        }
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the stored file is shorter than recorded");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    static String contentType(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    /**
     * RFC 6266: a quoted ASCII fallback with anything unsafe replaced (no quotes, backslashes,
     * control characters or path separators), plus {@code filename*} (RFC 8187) with the real name.
     */
    static String contentDisposition(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "download" : fileName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        if (name.isBlank()) {
            name = "download";
        }
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' && c != ';' ? (char) c : '_'));
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
