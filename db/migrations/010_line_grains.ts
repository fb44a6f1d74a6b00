// 报表预览, 校验 and 控制数 read every line of a budget per request: 1.5 s to load 300,000 lines before any
// table. The lines' digest (core/line-digest.ts: sums per function, per economic code, per function–economic
// pair, per unit × project and 基本支出 per unit × economic code, each per kind, source and 上年结转) is kept
// by triggers from here on (db/line-aggregates.ts), so those views read tens of thousands of sums at most.
import { LINE_GRAINS_FILL, LINE_GRAINS_SCHEMA } from '../line-aggregates';
import type { Migration } from './types';

export const migration: Migration = {
  version: 10,
  name: 'line_grains',
  up: `
${LINE_GRAINS_SCHEMA}
${LINE_GRAINS_FILL}
`,
};
