import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as PgEntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import { BUNDLED_CATALOG_DIR, filesInDirectory, readCatalogFiles } from './catalog-data';
import { loadCatalog } from './catalog.loader';

/** Loads the catalogue bundled with the hub: agencies, procedures and holidays of Tỉnh Thanh Hóa. */
export class CatalogSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    const data = await readCatalogFiles(filesInDirectory(BUNDLED_CATALOG_DIR));
    await loadCatalog(em as PgEntityManager, data);
  }
}
