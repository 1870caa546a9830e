package com.mintreu.plugins.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mintreu.api.NoConfig;
import com.mintreu.api.helpdesk.Attachment;
import com.mintreu.api.helpdesk.HelpdeskException;
import com.mintreu.api.helpdesk.NewMessage;
import com.mintreu.api.helpdesk.NewTicket;
import com.mintreu.api.helpdesk.Side;
import com.mintreu.api.helpdesk.Ticket;
import com.mintreu.api.helpdesk.TicketLink;
import com.mintreu.api.helpdesk.TicketPage;
import com.mintreu.api.helpdesk.TicketPriority;
import com.mintreu.api.helpdesk.TicketQuery;
import com.mintreu.api.helpdesk.TicketStatus;
import com.mintreu.api.helpdesk.TicketThread;
import com.mintreu.api.helpdesk.TicketUpdate;
import com.mintreu.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in helpdesk stores what it is given and writes a status only along the table of moves. */
class BuiltinHelpdeskTest {

    static final Instant T0 = Instant.parse("2026-05-01T09:00:00Z");

    @TempDir
    Path dir;

    TestPluginContext ctx;
    BuiltinHelpdesk desk;

    @BeforeEach
    void start() {
        ctx = new TestPluginContext(BuiltinHelpdesk.ID, dir, new NoConfig(), Clock.fixed(T0, ZoneOffset.UTC), "master");
        desk = new BuiltinHelpdesk();
        desk.start(ctx);
    }

    @Test
    void opensATicketWithItsLinkFirstMessageAndAttachment() {
        Attachment file = new Attachment("att_1", "log <1>.txt", "text/plain", 12, "support/att_1");
        Ticket t = desk.open(ticket("tkt_1", "usr_c", "usr_s", new TicketLink(TicketLink.Kind.ORDER, "ord_1", "prd_1"), List.of(file)));

        assertThat(t.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(t.assigneeId()).isEqualTo("usr_s");
        assertThat(t.link()).isEqualTo(new TicketLink(TicketLink.Kind.ORDER, "ord_1", "prd_1"));
        assertThat(t.createdAt()).isEqualTo(T0.toEpochMilli());
        TicketThread thread = desk.get("tkt_1").orElseThrow();
        assertThat(thread.messages()).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo("It does not start <script>");
            assertThat(m.attachments()).containsExactly(file);
            assertThat(m.side()).isEqualTo(Side.CUSTOMER);
        });
        assertThatThrownBy(() -> desk.open(ticket("tkt_1", "usr_c", null, null, List.of())))
                .isInstanceOf(HelpdeskException.class).extracting("reason").isEqualTo(HelpdeskException.Reason.CONFLICT);
        assertThat(desk.get("tkt_nope")).isEmpty();
    }

    @Test
    void repliesMoveTheStatusAndTheFirstPublicStaffReplyIsTheFirstResponse() {
        desk.open(ticket("tkt_1", "usr_c", "usr_s", null, List.of()));
        ctx.clock(Clock.fixed(T0.plus(Duration.ofMinutes(5)), ZoneOffset.UTC));
        desk.addMessage(message("tkm_2", "tkt_1", Side.SELLER, true, null));
        assertThat(desk.get("tkt_1").orElseThrow().ticket().firstResponseAt()).as("an internal note is no response").isNull();

        ctx.clock(Clock.fixed(T0.plus(Duration.ofMinutes(30)), ZoneOffset.UTC));
        desk.addMessage(message("tkm_3", "tkt_1", Side.SELLER, false, TicketStatus.WAITING_ON_CUSTOMER));
        ctx.clock(Clock.fixed(T0.plus(Duration.ofMinutes(40)), ZoneOffset.UTC));
        desk.addMessage(message("tkm_4", "tkt_1", Side.SELLER, false, TicketStatus.WAITING_ON_CUSTOMER));
        Ticket t = desk.get("tkt_1").orElseThrow().ticket();
        assertThat(t.status()).isEqualTo(TicketStatus.WAITING_ON_CUSTOMER);
        assertThat(t.firstResponseAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)).toEpochMilli());

        Ticket solved = desk.update(new TicketUpdate("tkt_1", TicketStatus.SOLVED, TicketPriority.HIGH, null));
        assertThat(solved.solvedAt()).isEqualTo(T0.plus(Duration.ofMinutes(40)).toEpochMilli());
        assertThat(solved.priority()).isEqualTo(TicketPriority.HIGH);
        assertThatThrownBy(() -> desk.update(new TicketUpdate("tkt_1", TicketStatus.SOLVED, null, null)))
                .as("solving twice: one of two racing clicks loses").isInstanceOf(HelpdeskException.class)
                .extracting("reason").isEqualTo(HelpdeskException.Reason.CONFLICT);

        desk.addMessage(message("tkm_5", "tkt_1", Side.CUSTOMER, false, TicketStatus.WAITING_ON_SELLER));
        assertThat(desk.get("tkt_1").orElseThrow().ticket().solvedAt()).as("reopened").isNull();
        desk.update(new TicketUpdate("tkt_1", TicketStatus.SOLVED, null, null));
        Ticket closed = desk.update(new TicketUpdate("tkt_1", TicketStatus.CLOSED, null, "usr_admin"));
        assertThat(closed.closedAt()).isNotNull();
        assertThat(closed.solvedAt()).isNotNull();
        assertThat(closed.assigneeId()).isEqualTo("usr_admin");

        assertThatThrownBy(() -> desk.addMessage(message("tkm_6", "tkt_1", Side.CUSTOMER, false, TicketStatus.WAITING_ON_SELLER)))
                .isInstanceOf(HelpdeskException.class).extracting("reason").isEqualTo(HelpdeskException.Reason.CONFLICT);
        assertThat(desk.get("tkt_1").orElseThrow().messages()).as("nothing written by the refused reply").hasSize(5);
        assertThatThrownBy(() -> desk.addMessage(message("tkm_7", "tkt_x", Side.CUSTOMER, false, null)))
                .isInstanceOf(HelpdeskException.class).extracting("reason").isEqualTo(HelpdeskException.Reason.NOT_FOUND);
    }

    @Test
    void listsByFilterNewestFirstPageByPage() {
        for (int i = 0; i < 5; i++) {
            desk.open(ticket("tkt_0" + i, "usr_c" + (i % 2), i < 4 ? "usr_s" : null,
                    new TicketLink(TicketLink.Kind.PRODUCT, "prd_" + (i % 2), "prd_" + (i % 2)), List.of()));
        }
        desk.update(new TicketUpdate("tkt_03", TicketStatus.SOLVED, null, null));

        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            TicketPage page = desk.list(new TicketQuery(null, null, false, Set.of(), null, null, cursor, 2));
            page.data().forEach(t -> all.add(t.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(all).containsExactly("tkt_04", "tkt_03", "tkt_02", "tkt_01", "tkt_00");

        assertThat(ids(new TicketQuery("usr_c1", null, false, Set.of(), null, null, null, 50))).containsExactly("tkt_03", "tkt_01");
        assertThat(ids(new TicketQuery(null, "usr_s", false, Set.of(TicketStatus.OPEN), "prd_1", null, null, 50))).containsExactly("tkt_01");
        assertThat(ids(new TicketQuery(null, null, true, Set.of(), null, null, null, 50))).containsExactly("tkt_04");
        assertThat(ids(new TicketQuery(null, null, false, Set.of(), null, T0.toEpochMilli() + 1, null, 50))).isEmpty();
    }

    private List<String> ids(TicketQuery q) {
        return desk.list(q).data().stream().map(Ticket::id).toList();
    }

    static NewTicket ticket(String id, String customer, String seller, TicketLink link, List<Attachment> files) {
        return new NewTicket(id, customer, seller, link, "Help with <b>it</b>", TicketPriority.NORMAL,
                new NewMessage("tkm_" + id, id, customer, Side.CUSTOMER, false, "It does not start <script>", files, null));
    }

    static NewMessage message(String id, String ticket, Side side, boolean internal, TicketStatus moveTo) {
        return new NewMessage(id, ticket, "usr_" + side.id(), side, internal, "text " + id, List.of(), moveTo);
    }
}
