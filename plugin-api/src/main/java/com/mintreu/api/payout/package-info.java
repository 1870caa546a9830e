/** The payout SPI: how a seller's available balance leaves the marketplace ({@link com.mintreu.api.payout.PayoutMethod}). */
package com.mintreu.api.payout;
