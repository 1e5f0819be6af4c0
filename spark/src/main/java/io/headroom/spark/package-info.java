/**
 * A study's sweep on Apache Spark: every (point, replication) run of a study is one Spark task, and the driver writes the
 * same {@code results.csv}, {@code results.json} and report as {@code headroom sweep}, byte for byte — a run's seed
 * depends only on the study and its replication, never on where or when it ran. {@link io.headroom.spark.SparkSweep} is
 * the job's entry point ({@code spark-submit --class io.headroom.spark.SparkSweep}); {@link io.headroom.spark.RunTask}
 * is what an executor does with one task. {@link io.headroom.spark.SparkCompare} does the same for {@code headroom compare}:
 * every (design, replication) run a task ({@link io.headroom.spark.CompareTask}), and {@code compare.json} and the report
 * the same bytes. Spark itself is the cluster's: this module compiles against it and ships
 * none of it (docs/spark.md).
 */
package io.headroom.spark;
