/** The affiliate program's seam: {@link com.mintreu.api.affiliate.AffiliateScheme} decides commission rates. */
package com.mintreu.api.affiliate;
