package com.mintreu.engine.account;

import com.mintreu.engine.web.PageRequest;
import com.mintreu.engine.web.Page;
import com.mintreu.engine.web.Cursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.jdbi.v3.core.Handle;

/** SQL for {@code seller_applications}; callers own the handle (and so the transaction). */
@Singleton
final class SellerApplicationStore {

    private static final String SELECT = """
            SELECT a.id, a.user_id, u.email, u.display_name, a.business_name, a.description, a.status, a.reason, a.created_at, a.decided_at
            FROM seller_applications a JOIN users u ON u.id = a.user_id""";

    @Inject
    SellerApplicationStore() {}

    void insert(Handle h, SellerApplication a) {
        h.createUpdate("""
                INSERT INTO seller_applications (id, user_id, business_name, description, status, created_at)
                VALUES (:id, :user, :business, :description, :status, :now)""")
                .bind("id", a.id()).bind("user", a.userId()).bind("business", a.businessName()).bind("description", a.description())
                .bind("status", a.status()).bind("now", a.createdAt()).execute();
    }

    List<SellerApplication> forUser(Handle h, String userId) {
        return h.createQuery(SELECT + " WHERE a.user_id = :user ORDER BY a.created_at DESC, a.id DESC")
                .bind("user", userId).map((rs, ctx) -> application(rs)).list();
    }

    Page<SellerApplication> byStatus(Handle h, String status, PageRequest page) {
        List<SellerApplication> rows = page.bind(h.createQuery(SELECT + " WHERE a.status = :status AND " + page.after("a.created_at", "a.id", false)
                        + " ORDER BY a.created_at, a.id LIMIT :limit"))
                .bind("status", status).map((rs, ctx) -> application(rs)).list();
        return Page.of(rows, page, a -> Cursor.of(a.createdAt(), a.id()));
    }

    List<SellerApplication> byStatus(Handle h, String status, int limit) {
        return h.createQuery(SELECT + " WHERE a.status = :status ORDER BY a.created_at, a.id LIMIT :limit")
                .bind("status", status).bind("limit", limit).map((rs, ctx) -> application(rs)).list();
    }

    Optional<SellerApplication> byId(Handle h, String id) {
        return h.createQuery(SELECT + " WHERE a.id = :id").bind("id", id).map((rs, ctx) -> application(rs)).findOne();
    }

    /** Decides a pending application; false when someone else decided it first (checked by row count). */
    boolean decide(Handle h, String id, String status, String reason, String adminId, long now) {
        return h.createUpdate("""
                UPDATE seller_applications SET status = :status, reason = :reason, decided_by = :admin, decided_at = :now
                WHERE id = :id AND status = 'pending'""")
                .bind("status", status).bind("reason", reason).bind("admin", adminId).bind("now", now).bind("id", id).execute() == 1;
    }

    private static SellerApplication application(ResultSet rs) throws SQLException {
        long decided = rs.getLong(10);
        Long decidedAt = rs.wasNull() ? null : decided;
        return new SellerApplication(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getLong(9), decidedAt);
    }
}
