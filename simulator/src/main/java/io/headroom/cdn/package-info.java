/**
 * A content delivery network at run time: {@link io.headroom.cdn.CdnStation}, an edge cache per user population
 * that answers hits near the users and sends misses to the origin, metered for the CDN's bill.
 */
package io.headroom.cdn;
