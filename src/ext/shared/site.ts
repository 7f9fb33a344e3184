/** The unit the per-site switch addresses: a hostname; every local file counts as one site. */
export const LOCAL_FILES_SITE = '本地文件';

export function siteOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol === 'file:') return LOCAL_FILES_SITE;
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.hostname;
    return null;
  } catch {
    return null;
  }
}
