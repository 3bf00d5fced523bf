import knexFactory, { type Knex } from 'knex';
import path from 'node:path';

/** The databases the pipeline bench runs on. */
export const BENCH_DATABASES = ['sqlite', 'postgres'] as const;
export type BenchDatabase = (typeof BENCH_DATABASES)[number];

/**
 * A fresh database for one fleet: an SQLite file in `dir`, or a new database on
 * the PostgreSQL server of `connection`, dropped by `destroy`.
 */
export async function openBenchDatabase(
  kind: BenchDatabase,
  dir: string,
  connection: string | undefined,
): Promise<{ knex: Knex; destroy(): Promise<void> }> {
  if (kind === 'sqlite') {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'bench.sqlite') },
      useNullAsDefault: true,
    });
    return { knex, destroy: () => knex.destroy() };
  }
  if (!connection) {
    throw new Error('postgres: no connection string given');
  }
  const name = `image_factory_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection });
  await admin.raw('DROP DATABASE IF EXISTS ??', [name]);
  await admin.raw('CREATE DATABASE ??', [name]);
  // A database named beside a connection string is ignored by pg: the
  // string's own (or the server's default) wins. So the name goes into it.
  const url = new URL(connection);
  url.pathname = `/${name}`;
  const knex = knexFactory({ client: 'pg', connection: url.toString() });
  const [{ current_database: opened }] = (
    await knex.raw('SELECT current_database()')
  ).rows;
  if (opened !== name) {
    throw new Error(`postgres: opened database ${opened}, not ${name}`);
  }
  return {
    knex,
    async destroy() {
      await knex.destroy();
      await admin.raw('DROP DATABASE IF EXISTS ??', [name]);
      await admin.destroy();
    },
  };
}
