/**
 * Request keys: which item a request asks for (a product id, a user id), what caches hit and shards receive.
 * A profile's {@link io.headroom.load.keys.KeyPopularity} ({@code uniform}, {@code zipf},
 * {@code scrambled-zipf}, {@code hotspot}) and the {@link io.headroom.load.keys.KeySampler} that draws keys in
 * constant time and without allocating however many items there are (rejection-inversion for zipf, a Feistel
 * permutation to scatter the popular keys). Builds on {@code yaml}; the simulator and the validation draw
 * from it.
 */
package io.headroom.load.keys;
