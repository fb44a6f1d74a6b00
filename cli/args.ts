// Small argument parser with Chinese messages (node:util parseArgs reports in English).
import { CliError } from './errors';

export interface ArgSpec {
  /** Option names without "--" and their type. */
  options: Record<string, 'string' | 'boolean'>;
  /** Names of the positional arguments, for messages; all required. */
  positionals: readonly string[];
}

export interface ParsedArgs {
  opts: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parseArgs(argv: readonly string[], spec: ArgSpec, usage: string): ParsedArgs {
  const opts: ParsedArgs['opts'] = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const type = spec.options[name];
      if (!type) throw new CliError(`未知选项 --${name}；用法：${usage}`, 2);
      if (type === 'boolean') {
        if (eq >= 0) throw new CliError(`选项 --${name} 不带值；用法：${usage}`, 2);
        opts[name] = true;
      } else {
        const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) throw new CliError(`选项 --${name} 缺少值；用法：${usage}`, 2);
        if (opts[name] !== undefined) throw new CliError(`选项 --${name} 重复；用法：${usage}`, 2);
        opts[name] = value;
      }
    } else if (a.startsWith('-') && a.length > 1) {
      throw new CliError(`未知选项 ${a}；用法：${usage}`, 2);
    } else {
      positionals.push(a);
    }
  }
  if (positionals.length < spec.positionals.length) throw new CliError(`缺少参数 ${spec.positionals.slice(positionals.length).join(' ')}；用法：${usage}`, 2);
  if (positionals.length > spec.positionals.length)
    throw new CliError(`多余的参数“${positionals.slice(spec.positionals.length).join(' ')}”；用法：${usage}`, 2);
  return { opts, positionals };
}

export function requireOption(opts: ParsedArgs['opts'], name: string, usage: string): string {
  const v = opts[name];
  if (typeof v !== 'string') throw new CliError(`缺少选项 --${name}；用法：${usage}`, 2);
  return v;
}

export function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new CliError(`年度“${text}”无效，应为四位数字年份（如 2025）`, 2);
  return Number(text);
}
