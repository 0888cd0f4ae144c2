/** List helpers. */

/**
 * Element access where the caller knows the list is not empty: says so in the name, and fails loudly with
 * what was expected instead of letting an undefined travel on (noUncheckedIndexedAccess).
 */
export function first<T>(list: readonly T[], what = 'list'): T {
  if (!list.length) throw new Error(`internal: empty ${what}`);
  return list[0] as T;
}

export function last<T>(list: readonly T[], what = 'list'): T {
  if (!list.length) throw new Error(`internal: empty ${what}`);
  return list[list.length - 1] as T;
}

/** Items grouped by a key, each group in the items' order, groups in order of first appearance. */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
