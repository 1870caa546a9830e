import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ingestion driver of bench/hotpath.sh: POST /api/v1/usage in batches of 1,000 events (unique
 * event ids) from CONCURRENCY threads, then the same batches again, and prints events/s of the first
 * pass and what the replay added (goal: accepted 0, every event a duplicate).
 * java bench/UsageLoad.java BASE_URL TOKEN API_KEY BATCHES CONCURRENCY
 */
public class UsageLoad {

    private static final Pattern COUNTS = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+).*\"duplicates\"\\s*:\\s*(\\d+)", Pattern.DOTALL);

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        String key = args[2];
        int batches = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        String run = Long.toString(System.nanoTime(), 36);
        List<String> bodies = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            StringBuilder s = new StringBuilder(80_000).append("{\"events\":[");
            for (int i = 0; i < 1000; i++) {
                s.append(i == 0 ? "" : ",").append("{\"eventId\":\"").append(run).append('-').append(b).append('-').append(i)
                        .append("\",\"key\":\"").append(key).append("\",\"units\":1}");
            }
            bodies.add(s.append("]}").toString());
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long[] first = pass(http, base, token, bodies, concurrency);
        long[] replay = pass(http, base, token, bodies, concurrency);
        long events = 1000L * batches;
        System.out.printf("ingest %d events in %d batches of 1,000 from %d threads: %.0f events/s (accepted %d, duplicates %d, failed batches %d)%n",
                events, batches, concurrency, events * 1e9 / first[2], first[0], first[1], first[3]);
        System.out.printf("replay of the same batches: %.0f events/s, accepted %d (goal 0), duplicates %d of %d, failed batches %d%n",
                events * 1e9 / replay[2], replay[0], replay[1], events, replay[3]);
        System.out.printf("RESULT %.0f %d %d %d%n", events * 1e9 / first[2], first[0], replay[0], first[3] + replay[3]);
    }

    /** Sends every body once; returns {accepted, duplicates, nanos, failed batches}. */
    private static long[] pass(HttpClient http, String base, String token, List<String> bodies, int concurrency) throws Exception {
        AtomicLong accepted = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (String body : bodies) {
            done.add(pool.submit(() -> {
                HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/v1/usage")).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build();
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                Matcher m = COUNTS.matcher(r.body());
                if (r.statusCode() != 200 || !m.find()) {
                    failed.incrementAndGet();
                    System.err.println("usage batch answered " + r.statusCode() + ": " + r.body().substring(0, Math.min(300, r.body().length())));
                    return null;
                }
                accepted.addAndGet(Long.parseLong(m.group(1)));
                duplicates.addAndGet(Long.parseLong(m.group(2)));
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        long nanos = System.nanoTime() - start;
        pool.shutdown();
        return new long[] {accepted.get(), duplicates.get(), nanos, failed.get()};
    }
}
