import io.undertow.Undertow;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The yardsticks for bench/license-validate.sh: Undertow answering a small JSON body of about the
 * size of a validate answer on its IO thread, with nothing else; with "signed", it also signs each
 * answer the way the engine does (SHA-256 of the body, Ed25519 with BouncyCastle), which is the
 * least any signed answer costs. Run with the source launcher on the engine's classpath:
 * java -cp "$CP" bench/BareJson.java PORT [signed]
 */
public class BareJson {
    public static void main(String[] args) {
        byte[] body = ("{\"valid\":true,\"code\":\"VALID\",\"detail\":\"the license is valid\",\"nonce\":\"n\",\"ts\":\"2026-11-25T00:00:00Z\","
                + "\"license\":{\"id\":\"lic_01jbenchbenchbenchbenchbench\",\"status\":\"active\",\"product\":\"prd_01jbenchbenchbenchbench\","
                + "\"entitlements\":[],\"machines\":0,\"maxMachines\":3}}").getBytes(StandardCharsets.UTF_8);
        boolean signed = args.length > 1 && args[1].equals("signed");
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
        HttpString signature = new HttpString("Mintreu-Signature");
        Undertow.builder().addHttpListener(Integer.parseInt(args[0]), "127.0.0.1").setHandler(x -> {
            x.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            if (signed) {
                String digest = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
                byte[] signedBytes = ("mintreu-response-v1\n200\nWed, 25 Nov 2026 00:00:00 GMT\nsha-256=" + digest + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                Ed25519Signer signer = new Ed25519Signer();
                signer.init(true, key);
                signer.update(signedBytes, 0, signedBytes.length);
                x.getResponseHeaders().put(signature, Base64.getEncoder().encodeToString(signer.generateSignature()));
            }
            x.getResponseSender().send(ByteBuffer.wrap(body));
        }).build().start();
    }
}
