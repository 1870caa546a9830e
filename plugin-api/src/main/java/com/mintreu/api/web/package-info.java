/** HTTP routes a plugin contributes, mounted by the engine under {@code /plugins/<plugin-id>/}. */
package com.mintreu.api.web;
