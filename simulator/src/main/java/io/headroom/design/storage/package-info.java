/**
 * Design of stored data that costs money by the month: an object-storage bucket (S3) or a block volume
 * (EBS) named under a design's {@code storage:}, with its size, growth, class, lifecycle transitions and
 * retrievals ({@link io.headroom.design.storage.StorageSpec}). Configuration only: the bill is computed in
 * {@code io.headroom.pricing} from the catalogue's storage prices.
 */
package io.headroom.design.storage;
