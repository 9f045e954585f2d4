import '../../src/database/pg-types';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { openDatabase, type OpenDatabase } from '../../src/database/open-database';

/** The product's own database (embedded or DATABASE_URL), migrated, for command-line tools. */
export async function openProductDatabase(): Promise<{ db: OpenDatabase; ds: DataSource; close(): Promise<void> }> {
  const db = await openDatabase(loadConfig(), (m) => process.stderr.write(`${m}\n`), { attach: true });
  const ds = new DataSource(dataSourceOptions(db.url));
  await ds.initialize();
  await ds.runMigrations();
  return {
    db,
    ds,
    close: async () => {
      await ds.destroy();
      await db.close();
    },
  };
}
