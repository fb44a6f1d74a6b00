// Handler of 复制绩效指标: db/indicator-copy.ts behind the projects-copy-contract channel.
import { copyIndicators } from '../../db/indicator-copy';
import type { EngineApi, ImplMap } from './handlers';

export function projectsCopyHandlers(api: EngineApi): ImplMap<'projects.copyIndicators'> {
  return {
    'projects.copyIndicators': ({ budget, code, from }) =>
      copyIndicators(api.db(), api.writable(budget), code, from.year === undefined ? { code: from.code } : { year: from.year, code: from.code }),
  };
}
