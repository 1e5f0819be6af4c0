/**
 * Serverless functions at run time: {@link io.headroom.function.FunctionStation}, execution
 * environments that serve one request each, start cold, stay warm for a while, and are capped by a
 * concurrency limit beyond which requests are throttled.
 */
package io.headroom.function;
