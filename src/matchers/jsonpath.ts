/** JSONPath queries, shared by every kind that reads JSON: responses, command output, captures. */
import { JSONPath } from 'jsonpath-plus';

/** Values matched by a JSONPath; an empty list when there is no match. */
export function queryJson(path: string, json: unknown): unknown[] {
  const result: unknown = JSONPath({ path, json: json as object, wrap: true, eval: 'safe' });
  return Array.isArray(result) ? result : [];
}

/**
 * True when a JSONPath names at most one value (no wildcard, recursive descent, filter,
 * union or slice), so that `count` on it means the length of the array it names.
 */
export function isSingularPath(path: string): boolean {
  return JSONPath.toPathArray(path).every((part) => !/^(\*|\.\.|\?\(|.*[,:])/.test(part) && part !== '*');
}
