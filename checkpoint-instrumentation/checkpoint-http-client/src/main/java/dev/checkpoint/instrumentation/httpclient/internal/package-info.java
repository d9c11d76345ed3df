/** Client wrappers of the HTTP client instrumentation; not a promise to users. */
package dev.checkpoint.instrumentation.httpclient.internal;
