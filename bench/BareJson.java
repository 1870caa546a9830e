import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The yardstick for bench/license-validate.sh: Undertow answering a small JSON body of about the
 * size of a validate answer on its IO thread, with nothing else. Run with the source launcher on the
 * engine's classpath: java -cp "$CP" bench/BareJson.java PORT
 */
public class BareJson {
    public static void main(String[] args) {
        byte[] body = ("{\"valid\":true,\"code\":\"VALID\",\"detail\":\"the license is valid\",\"nonce\":\"n\",\"ts\":\"2026-11-25T00:00:00Z\","
                + "\"license\":{\"id\":\"lic_01jbenchbenchbenchbenchbench\",\"status\":\"active\",\"product\":\"prd_01jbenchbenchbenchbench\","
                + "\"entitlements\":[],\"machines\":0,\"maxMachines\":3}}").getBytes(StandardCharsets.UTF_8);
        Undertow.builder().addHttpListener(Integer.parseInt(args[0]), "127.0.0.1").setHandler(x -> {
            x.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            x.getResponseSender().send(ByteBuffer.wrap(body));
        }).build().start();
    }
}
