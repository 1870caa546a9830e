/** The in-process event bus plugins publish to and subscribe on. */
package com.mintreu.api.event;
