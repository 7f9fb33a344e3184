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

/**
 * The site a user typed (options page: a hostname, or an address to take it from), as siteOf would name it:
 * lower case, international names in their ASCII form. Null for what names no site.
 */
export function siteFromInput(input: string): string | null {
  const s = input.trim();
  if (!s) return null;
  if (s === LOCAL_FILES_SITE || /^file:/i.test(s)) return LOCAL_FILES_SITE;
  if (/\s/.test(s)) return null;
  const address = /^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `http://${s}`;
  const site = siteOf(address);
  return site && site.length <= 253 ? site : null;
}
