/** The {@link com.mintreu.api.storage.StorageBackend} extension point: binary objects by key with size and SHA-256. */
package com.mintreu.api.storage;
