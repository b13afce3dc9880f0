import type { OutputFileSystem } from '../file-system/output-file-system.js';

/** Further up than this and a relative path says less than an absolute one. */
const maxClimbs = 2;

/**
 * How a record names `location` from a result in `folder`: relative (`../photo.png`) when close
 * by on the same file system, so the two can move together; else (or when asked) absolute, or a
 * URI.
 */
export function recordPath<Location>(
  fs: OutputFileSystem<Location>,
  folder: Location,
  location: Location,
  absolute = false,
): string {
  if (absolute) return fs.absolute(location);
  const relative = fs.relative(folder, location);
  if (relative === undefined || relative === '' || /^(?:\/|[a-z]:)/i.test(relative)) {
    return fs.absolute(location);
  }
  const climbs = relative.split('/').filter((segment) => segment === '..').length;
  return climbs > maxClimbs ? fs.absolute(location) : relative;
}
