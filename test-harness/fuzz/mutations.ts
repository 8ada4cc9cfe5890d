import fc from 'fast-check';
import { copy, hostileKey, hostileValue, hugeText, isRecord, put, type Hostile } from './hostileValues';

/** Where in a request: keys and array indexes from the root. */
export type Path = (string | number)[];

/** One way to break a valid request. */
export type Mutation =
  | { kind: 'root'; value: Hostile }
  | { kind: 'set'; path: Path; value: Hostile }
  | { kind: 'drop'; path: Path }
  | { kind: 'add'; at: Path; key: string; value: Hostile }
  | { kind: 'push'; at: Path; value: Hostile };

export interface FuzzCase {
  payload: Hostile;
  mutations: Mutation[];
  /** a huge string went in (a separate, rarer kind of case: one per payload keeps the body under the cap) */
  huge: boolean;
}

/** The places in a valid request: every value, the objects keys can be added to, the arrays, the string leaves. */
export function pathsOf(request: unknown) {
  const values: Path[] = [];
  const objects: Path[] = [];
  const arrays: Path[] = [];
  const strings: Path[] = [];
  const walk = (value: unknown, path: Path) => {
    if (path.length) values.push(path);
    if (typeof value === 'string') strings.push(path);
    if (Array.isArray(value)) {
      arrays.push(path);
      value.forEach((item, i) => walk(item, [...path, i]));
    } else if (isRecord(value)) {
      objects.push(path);
      for (const key of Object.keys(value)) walk(value[key], [...path, key]);
    }
  };
  walk(request, []);
  return { values, objects, arrays, strings };
}

/** The container a path points into and the last step, or null when a previous mutation replaced it. */
function parentOf(root: Hostile, path: Path): { parent: Hostile[] | Record<string, Hostile>; step: string | number } | null {
  let node: Hostile = root;
  for (const step of path.slice(0, -1)) {
    if (Array.isArray(node) && typeof step === 'number' && step < node.length) node = node[step]!;
    else if (isRecord(node) && typeof step === 'string' && Object.prototype.hasOwnProperty.call(node, step)) node = node[step]!;
    else return null;
  }
  return Array.isArray(node) || isRecord(node) ? { parent: node, step: path[path.length - 1]! } : null;
}

function at(root: Hostile, path: Path): Hostile | undefined {
  if (!path.length) return root;
  const found = parentOf(root, path);
  if (!found) return undefined;
  const { parent, step } = found;
  return Array.isArray(parent) ? parent[step as number] : (parent as Record<string, Hostile>)[step as string];
}

/** Apply the mutations in order to a copy of the request; one whose target is gone does nothing. */
export function applyMutations(request: unknown, mutations: Mutation[]): Hostile {
  let root = copy(request as Hostile);
  for (const m of mutations) {
    if (m.kind === 'root') root = copy(m.value);
    else if (m.kind === 'set' || m.kind === 'drop') {
      const found = parentOf(root, m.path);
      if (!found) continue;
      const { parent, step } = found;
      if (m.kind === 'set') put(parent, step, copy(m.value));
      else if (Array.isArray(parent)) parent.splice(step as number, 1);
      else delete (parent as Record<string, Hostile>)[step as string];
    } else {
      const target = at(root, m.at);
      if (m.kind === 'add' && isRecord(target)) put(target, m.key, copy(m.value));
      if (m.kind === 'push' && Array.isArray(target)) target.push(copy(m.value));
    }
  }
  return root;
}

const pick = <T>(items: T[]) => fc.constantFrom(...items);

/**
 * Cases that break `valid` (a valid request of the channel) by wrong types, missing and extra fields,
 * prototype keys, bad numbers and text, deep nesting and huge strings. `fields` are the schema's top-level
 * keys, so fields the valid request leaves out are given wrong values too. Whether a case is really invalid
 * is for the caller to check on the wire (a mutation can happen to leave it valid).
 */
export function invalidCases(valid: unknown, fields: string[]): fc.Arbitrary<FuzzCase> {
  const { values, objects, arrays } = pathsOf(valid);
  const seen = new Set(values.map((p) => JSON.stringify(p)));
  const targets = [...values, ...fields.filter((f) => !seen.has(JSON.stringify([f]))).map((f): Path => [f])];

  const mutation = (value: fc.Arbitrary<Hostile>, key: fc.Arbitrary<string>) => {
    const options: fc.WeightedArbitrary<Mutation>[] = [
      { arbitrary: value.map((v): Mutation => ({ kind: 'root', value: v })), weight: 1 },
      { arbitrary: fc.tuple(pick(objects), key, value).map(([p, k, v]): Mutation => ({ kind: 'add', at: p, key: k, value: v })), weight: 3 },
    ];
    if (targets.length) options.push({ arbitrary: fc.tuple(pick(targets), value).map(([p, v]): Mutation => ({ kind: 'set', path: p, value: v })), weight: 5 });
    if (values.length) options.push({ arbitrary: pick(values).map((p): Mutation => ({ kind: 'drop', path: p })), weight: 2 });
    if (arrays.length) options.push({ arbitrary: fc.tuple(pick(arrays), value).map(([p, v]): Mutation => ({ kind: 'push', at: p, value: v })), weight: 1 });
    return fc.oneof(...options);
  };

  const small = fc.array(mutation(hostileValue, hostileKey), { minLength: 1, maxLength: 3 }).map((ms) => ({ ms, huge: false }));
  const hugeKey = fc.oneof(hostileKey, fc.integer({ min: 1_000, max: 40_000 }).map((n) => 'k'.repeat(n)));
  const huge = mutation(hugeText, hugeKey).map((m) => ({ ms: [m], huge: true }));
  return fc
    .oneof({ arbitrary: small, weight: 24 }, { arbitrary: huge, weight: 1 })
    .map(({ ms, huge }) => ({ payload: applyMutations(valid, ms), mutations: ms, huge }));
}

/** Put `bad` into the string at `path` (start, middle or end), for the NUL and lone-surrogate cases. */
export function withBadText(valid: unknown, path: Path, bad: string, where: 'start' | 'middle' | 'end'): Hostile {
  const text = at(valid as Hostile, path) as string;
  const middle = Math.floor(text.length / 2);
  const value = where === 'start' ? bad + text : where === 'end' ? text + bad : text.slice(0, middle) + bad + text.slice(middle);
  return applyMutations(valid, [{ kind: 'set', path, value }]);
}
