/**
 * The Apache Spark data engine ({@code --engine spark}): {@code hrm prepare} tokenizes input
 * partitions on executors with the application's own sample maker, one tokenizer per partition,
 * and the driver writes them in input order with the application's own dataset writers, so the
 * dataset is the same byte for byte as a local run; {@code hrm eval} and
 * {@code hrm generate-batch} read their records on the executors and run one model per executor
 * JVM, opened once and reused across partitions. Inputs are JSONL or Parquet files, or directories
 * of part files, on any Hadoop file system; {@link org.hrmtext.spark.ParquetRows} also reads and
 * writes Parquet for local runs. Only Spark's Java API is used; nothing outside this module
 * depends on Spark.
 */
package org.hrmtext.spark;
