package com.mintreu.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.mintreu.engine.testing.EngineTest;
import com.mintreu.engine.testing.TestClient;
import com.mintreu.engine.testing.TestClient.Response;
import com.mintreu.engine.testing.TestEngine;
import com.mintreu.engine.testing.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * NUL characters and unpaired surrogates cannot be stored on PostgreSQL (SQLite would keep them):
 * every way text enters a request is refused with a 400 naming where, on both databases alike.
 * And a fraction where a whole number belongs is a 422 naming the field, never truncated.
 */
class StoredTextTest {

    @Test
    void nulAndUnpairedSurrogatesAreNotStorableText() {
        assertThat(StoredText.problem("plain ascii and ünïcödé 🎉")).isNull();
        assertThat(StoredText.problem("a\u0000b")).contains("NUL");
        assertThat(StoredText.problem("\ud800")).contains("surrogate");
        assertThat(StoredText.problem("x\udc00y")).contains("surrogate");
        assertThat(StoredText.problem("\ud83c")).contains("surrogate");
        assertThat(StoredText.problem("\ud83c\udf89")).isNull();
    }

    @EngineTest
    void pathsAndQueryParametersWithANulAreA400(TestEngine engine) {
        TestClient anyone = engine.client();
        for (String path : new String[] {"/products/%00", "/media/%00", "/search?q=%00", "/api/v1/products/%00", "/api/v1/products?q=a%00b",
                "/api/v1/products?category=%00", "/api/v1/products?%00=x"}) {
            Response r = anyone.get(path);
            assertThat(r.status()).as(path + " " + r).isEqualTo(400);
            if (path.startsWith("/api/")) {
                assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
                assertThat(r.json().get("code").asText()).isEqualTo("INVALID_TEXT");
            } else {
                assertThat(r.body()).as(path).contains("NUL character");
            }
        }
    }

    @EngineTest
    void jsonStringsWithANulOrALoneSurrogateAreA400NamingTheField(TestEngine engine) {
        TestClient seller = TestUsers.signIn(engine, "seller").client();
        for (String title : new String[] {"Focus\\u0000Timer", "Focus \\ud800Timer", "Timer \\udfff"}) {
            Response r = seller.postJson("/api/v1/seller/products",
                    "{\"title\":\"" + title + "\",\"description\":\"d\",\"type\":\"x\",\"categories\":[],\"tags\":[\"ok\",\"b\\u0000\"]}");
            assertThat(r.status()).as(title + " " + r).isEqualTo(400);
            assertThat(r.json().get("code").asText()).isEqualTo("INVALID_TEXT");
            assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("title");
        }
        Response tag = seller.postJson("/api/v1/seller/products", "{\"title\":\"T\",\"description\":\"d\",\"type\":\"x\",\"tags\":[\"ok\",\"b\\u0000\"]}");
        assertThat(tag.json().at("/errors/0/field").asText()).isEqualTo("tags[1]");
        int products = engine.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM products").mapTo(Integer.class).one());
        assertThat(products).isZero();
    }

    @EngineTest
    void formFieldsWithANulAreA400(TestEngine engine) {
        Response r = engine.client().post("/login", "application/x-www-form-urlencoded", "email=a%00b%40example.com&password=x");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("email").contains("NUL character");
    }

    @EngineTest
    void aFractionForAWholeNumberIsRefusedNamingTheField(TestEngine engine) {
        Response r = engine.client().postJson("/api/v1/cart/items", "{\"planId\":\"pln_nope\",\"quantity\":2.5}");
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("quantity");
        assertThat(r.json().at("/errors/0/message").asText()).isEqualTo("must be a whole number");
    }
}
