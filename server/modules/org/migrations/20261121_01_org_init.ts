import type { Kysely, Migration } from 'kysely';

export const orgInit: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('regions')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('parent_code', 'text')
      .addColumn('custom', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('regions_parent_idx').on('regions').columns(['parent_code', 'code']).execute();

    await db.schema
      .createTable('stations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'text', (c) => c.references('stations.id'))
      .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('lat', 'double precision')
      .addColumn('lng', 'double precision')
      .addColumn('opening_hours', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('stations_district_name_idx').on('stations').columns(['district_code', 'name', 'id']).execute();
    await db.schema.createIndex('stations_parent_idx').on('stations').columns(['parent_id']).execute();

    await db.schema
      .createTable('deputies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('gender', 'text')
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('occupation', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('constituency', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('term', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('term_start', 'integer')
      .addColumn('term_end', 'integer')
      .addColumn('expertise', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('public_phone', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('deputies_district_name_idx').on('deputies').columns(['district_code', 'name', 'id']).execute();

    await db.schema
      .createTable('deputy_stations')
      .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
      .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addPrimaryKeyConstraint('deputy_stations_pk', ['deputy_id', 'station_id'])
      .execute();
    await db.schema.createIndex('deputy_stations_station_idx').on('deputy_stations').columns(['station_id', 'deputy_id']).execute();

    await db.schema
      .createTable('departments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('short_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('categories', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('departments_district_name_uq').on('departments').columns(['district_code', 'name']).unique().execute();

    await db.schema
      .createTable('import_batches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('rows', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('committed_at', 'text')
      .execute();
  },
};
