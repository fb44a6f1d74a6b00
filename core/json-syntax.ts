// Where a JSON text goes wrong, in Chinese. JSON.parse's messages differ between V8 versions (newer
// ones, as in Electron, often give no position), so the position is found by this small scanner,
// run only after JSON.parse has failed.
export interface JsonSyntaxError {
  pos: number;
  line: number;
  column: number;
  reason: string;
}

class Stop {
  constructor(
    readonly pos: number,
    readonly reason: string,
  ) {}
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function locateJsonError(text: string): JsonSyntaxError | null {
  const n = text.length;
  let i = 0;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const stop = (reason: string): never => {
    throw new Stop(i, reason);
  };
  const here = () => (i >= n ? '内容意外结束（文件可能不完整）' : null);
  const str = () => {
    i++; // opening quote
    for (;;) {
      if (i >= n) stop('字符串缺少结束的双引号');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) stop('\\u 后应为 4 位十六进制数');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else stop(`无效的转义符“\\${e ?? ''}”`);
        continue;
      }
      if (c < 0x20) stop('字符串中有未转义的控制字符（如换行），或缺少结束的双引号');
      i++;
    }
  };
  const value = (depth: number): void => {
    if (depth > 2000) stop('嵌套层数过多');
    ws();
    const end = here();
    if (end) stop(end);
    const c = text[i]!;
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') stop(here() ?? (text[i] === '}' ? '最后一项后面多了逗号' : '应为用双引号括起的字段名'));
        str();
        ws();
        if (text[i] !== ':') stop(here() ?? '字段名后应为冒号');
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        stop(here() ?? '应为逗号或 }');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] === ']') stop('最后一项后面多了逗号');
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        stop(here() ?? '应为逗号或 ]');
      }
    }
    if (c === '"') {
      str();
      return;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER_RE.lastIndex = i;
      const m = NUMBER_RE.exec(text);
      if (!m) stop('无效的数字');
      i += m![0].length;
      return;
    }
    for (const lit of ['true', 'false', 'null'])
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return;
      }
    stop(c === "'" ? '字符串须用双引号，不能用单引号' : `意外的字符“${c}”`);
  };
  try {
    value(0);
    ws();
    if (i < n) stop('JSON 内容结束后还有多余的字符');
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    const before = text.slice(0, e.pos);
    const line = before.split('\n').length;
    const column = e.pos - before.lastIndexOf('\n');
    return { pos: e.pos, line, column, reason: e.reason };
  }
}

export interface DuplicateKey {
  key: string;
  line: number;
  firstLine: number;
}

const isWs = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Keys one open object holds so far: raw spans of the text while few and unescaped (no allocation per
 *  object — a 300,000-line file has 300,000 of them), a Map of decoded keys once many or escaped. */
class ObjectKeys {
  starts: number[] = [];
  ends: number[] = [];
  count = 0;
  decoded: Map<string, number> | null = null;
  reset(): void {
    this.count = 0;
    this.decoded = null;
  }
}
const FEW_KEYS = 16;

function sameSpan(text: string, a0: number, a1: number, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let k = 0; k < a1 - a0; k++) if (text.charCodeAt(a0 + k) !== text.charCodeAt(b0 + k)) return false;
  return true;
}

/**
 * The first key that appears twice in one object of a JSON text, with both lines — JSON.parse silently keeps
 * the last one, so "6400.00" followed by a second amount would import the second. Run only on text that
 * JSON.parse accepted, so only strings, braces, brackets and colons need to be told apart.
 */
export function findDuplicateKey(text: string): DuplicateKey | null {
  const n = text.length;
  const levels: (ObjectKeys | null)[] = []; // per depth, reused: an object's keys, or null for an array
  const pool: ObjectKeys[] = [];
  let depth = 0;
  const decode = (s: number, e: number) => JSON.parse(text.slice(s - 1, e + 1)) as string;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const start = i + 1;
      let j = start;
      for (;;) {
        j = text.indexOf('"', j);
        if (j === -1) return null; // not valid JSON after all: JSON.parse reports it
        let bs = 0;
        for (let k = j - 1; text.charCodeAt(k) === 0x5c; k--) bs++;
        if (bs % 2 === 0) break;
        j++;
      }
      i = j + 1;
      const keys = depth > 0 ? levels[depth - 1] : null;
      if (!keys) continue;
      let m = i;
      while (m < n && isWs(text.charCodeAt(m))) m++;
      if (text.charCodeAt(m) !== 0x3a) continue; // a value, not a key
      let escaped = false;
      for (let k = start; k < j && !escaped; k++) escaped = text.charCodeAt(k) === 0x5c;
      if (!keys.decoded && (escaped || keys.count >= FEW_KEYS)) {
        keys.decoded = new Map();
        for (let k = 0; k < keys.count; k++) keys.decoded.set(decode(keys.starts[k]!, keys.ends[k]!), keys.starts[k]! - 1);
      }
      if (keys.decoded) {
        const key = escaped ? decode(start, j) : text.slice(start, j);
        const first = keys.decoded.get(key);
        if (first !== undefined) return { key, line: lineAt(text, start - 1), firstLine: lineAt(text, first) };
        keys.decoded.set(key, start - 1);
        continue;
      }
      for (let k = 0; k < keys.count; k++) {
        if (sameSpan(text, keys.starts[k]!, keys.ends[k]!, start, j)) {
          return { key: text.slice(start, j), line: lineAt(text, start - 1), firstLine: lineAt(text, keys.starts[k]! - 1) };
        }
      }
      keys.starts[keys.count] = start;
      keys.ends[keys.count] = j;
      keys.count++;
      continue;
    }
    if (c === 0x7b) {
      const keys = (pool[depth] ??= new ObjectKeys());
      keys.reset();
      levels[depth++] = keys;
    } else if (c === 0x5b) levels[depth++] = null;
    else if (c === 0x7d || c === 0x5d) depth--;
    i++;
  }
  return null;
}
