package com.mintreu.engine.checkout;

import com.mintreu.engine.order.OrderStatusListener;
import com.mintreu.engine.web.Routes;
import com.mintreu.engine.web.session.SignInListener;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;

/** Cart, vouchers and checkout. */
@Module
public interface CheckoutModule {

    @Binds
    @IntoSet
    Routes checkout(CheckoutRoutes routes);

    @Binds
    @IntoSet
    Routes checkoutPages(CheckoutPages pages);

    @Binds
    @IntoSet
    Routes vouchers(VoucherRoutes routes);

    @Binds
    @IntoSet
    Routes sellerVouchers(SellerVoucherRoutes routes);

    @Binds
    @IntoSet
    Routes sellerVoucherPages(SellerVoucherPages pages);

    @Binds
    @IntoSet
    SignInListener mergeCart(CartService carts);

    @Binds
    @IntoSet
    OrderStatusListener voucherReturns(VoucherReturns returns);
}
