/** The repository's root folder. */
export const root: string;

/** A published package of the workspace: its manifest and its public entries (`@kf/mock`, `@kf/mock/server`). */
export interface PublishedPackage {
  name: string;
  version: string;
  path: string;
  manifest: Record<string, unknown> & { bin?: Record<string, string> };
  entries: string[];
}

/** The published packages: every non-private package under packages/, with its public entries. */
export function publishedPackages(): PublishedPackage[];
