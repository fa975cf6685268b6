import { fileURLToPath } from 'node:url';

/** The repository's shipped policies (tests only; package code never reads this folder). */
export const POLICIES_DIR = fileURLToPath(new URL('../../../policies/', import.meta.url));
export const DEFAULT_POLICY = `${POLICIES_DIR}default.yaml`;
export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));
