// The app itself: its version and mode (desktop or browser). The database file's channels: ./db.ts.
import { z } from 'zod';
import { method } from '../method';

export const app = {
  'app.info': method(z.object({}), (_a, api) => ({ version: api.ctx.version, mode: api.ctx.mode })),
};
