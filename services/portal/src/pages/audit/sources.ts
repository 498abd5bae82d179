import { get } from '../../api/client';
import type { MessageKey } from '../../i18n/messages';

export interface AuditSource {
  name: string;
  topic: string;
  eventTypes: string[];
}

/** The audit's sources (AUDIT_SOURCES: facilities, identity, …), with the event types each carries. */
export const fetchSources = async (signal?: AbortSignal) => (await get<{ items: AuditSource[] }>('audit', '/audit/sources', undefined, signal)).items;

const KNOWN = ['facilities', 'identity'] as const;
/** A source's name with its Chinese label when the portal knows it (a new source shows by its name). */
export const sourceLabel = (name: string, t: (key: MessageKey) => string) => ((KNOWN as readonly string[]).includes(name) ? `${name} ${t(`auditor.source.${name as (typeof KNOWN)[number]}`)}` : name);

export interface RunProgress {
  progressId: string;
  done: number;
  total: number | null;
  share: number | null;
  finished: boolean;
}
export const fetchProgress = (progressId: string, signal?: AbortSignal) => get<RunProgress>('audit', `/audit/progress/${progressId}`, undefined, signal);
