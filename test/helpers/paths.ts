import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding package.json). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The real exchange recordings shared by the team (read-only), beside the checkout. */
export const SHARED_DATA = path.resolve(REPO_ROOT, '../shared/data');
export const RESOURCES = path.join(REPO_ROOT, 'resources');
