import { resolve } from 'node:path';

/** The static pages, served from the project's public/ folder (npm scripts run from the project root). */
export const PAGES_DIR = resolve(process.env.npm_config_local_prefix ?? process.cwd(), 'public');
