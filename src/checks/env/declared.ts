/**
 * The names a config declares under `secrets:`, read from the config source a check is
 * planned from. (Reading `config/resolve.ts` instead would be an import cycle through
 * the kind registry.)
 */
import type { ConfigSource } from '../../config/source.js';

const cache = new WeakMap<ConfigSource, ReadonlySet<string>>();

/** Names listed under the config's `secrets:`; empty when there is none. */
export function declaredSecretNames(source: ConfigSource): ReadonlySet<string> {
  let names = cache.get(source);
  if (!names) {
    const raw = source.toJS();
    const list = raw !== null && typeof raw === 'object' && 'secrets' in raw ? raw.secrets : undefined;
    names = new Set(Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []);
    cache.set(source, names);
  }
  return names;
}
