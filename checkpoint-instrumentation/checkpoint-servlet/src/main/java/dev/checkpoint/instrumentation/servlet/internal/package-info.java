/** Stream and request/response wrappers of the servlet instrumentation; not a promise to users. */
package dev.checkpoint.instrumentation.servlet.internal;
