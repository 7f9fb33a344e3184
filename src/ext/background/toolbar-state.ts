/**
 * What the toolbar button says about a tab: repairing (and how many repairs on its page), off for its site, or
 * off everywhere. Told apart by the title (which screen readers read) and by the icon's shape — the "off" icon
 * is grey with a slash (scripts/make-icons.ts) — never by colour alone. Pure: the caller applies it (toolbar.ts).
 */
import { repairEnabledFor, type Settings } from '../shared/settings';
import type { Translate } from '../../shared/i18n';

export type ToolbarMode = 'on' | 'offSite' | 'offAll';

export interface ToolbarState {
  mode: ToolbarMode;
  title: string;
  /** Icon paths by size, for setIcon. */
  icon: Record<string, string>;
  /** Badge text: the repair count while repairing, nothing when off (the slashed icon says it). */
  badge: string;
}

/** The manifest's icons (public/icon), and their "off" variants, at the toolbar's sizes. */
export const ON_ICON = { 16: '/icon/16.png', 32: '/icon/32.png' };
export const OFF_ICON = { 16: '/icon/off-16.png', 32: '/icon/off-32.png' };

export function toolbarState(settings: Settings, site: string, repairs: number, t: Translate): ToolbarState {
  const mode: ToolbarMode = !settings.enabled ? 'offAll' : repairEnabledFor(settings, site) ? 'on' : 'offSite';
  if (mode === 'offAll') return { mode, title: t('toolbar_titleOffAll'), icon: OFF_ICON, badge: '' };
  if (mode === 'offSite') return { mode, title: t('toolbar_titleOffSite', [site]), icon: OFF_ICON, badge: '' };
  return {
    mode,
    title: repairs > 0 ? t('toolbar_titleRepairs', [String(repairs)]) : t('toolbar_titleOn'),
    icon: ON_ICON,
    badge: repairs > 0 ? String(repairs) : '',
  };
}
