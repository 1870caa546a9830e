/**
 * The plugin SPI of Mintreu Marketplace: {@link com.mintreu.api.Extension}, the root of every
 * extension point, and {@link com.mintreu.api.PluginContext}, everything a plugin may use from the
 * engine. Each extension point lives in a package of its own with its records and exception.
 */
package com.mintreu.api;
