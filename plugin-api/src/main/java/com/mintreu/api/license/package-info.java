/**
 * The {@link com.mintreu.api.license.LicenseScheme} extension point: the format, generation and
 * signature of license keys and files, verifiable offline with published public keys.
 */
package com.mintreu.api.license;
