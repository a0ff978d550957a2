/** Index of the last entry not greater than `value` in the non-decreasing `sorted`, or -1 (a search by halves). */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * `list` sorted in place by `compare`, as `Array.prototype.sort` sorts it, but looked over first: a list already in
 * order is given back as it is. Most lists the readers sort (spans, figures, dates of a paragraph) were found in order,
 * and a sort makes a working copy of its list even then. A stable sort leaves a list in order as it is, so the result
 * is the same either way.
 */
export function sortedInPlace<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  for (let i = 1; i < list.length; i++) if (compare(list[i - 1] as T, list[i] as T) > 0) return list.sort(compare);
  return list;
}
