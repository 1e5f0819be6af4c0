/**
 * Design of a database: its {@code replication} mode, where its {@code reads} go, its automatic {@code failover}
 * and its {@code backups}, each checked where it is read. Configuration only: the database itself runs in
 * {@code io.headroom.database}.
 */
package io.headroom.design.database;
