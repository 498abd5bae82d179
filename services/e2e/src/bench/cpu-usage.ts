import { readdirSync, readFileSync } from 'node:fs';

/**
 * Where the machine's CPU goes during a load run, per part of the pipeline, from /proc
 * (Linux): user + system ticks of each process, summed by part. On a 2-core machine every
 * part shares the same cores, so the ratio target is bounded by the sum of these per command.
 */
export type Part = 'facilities' | 'bureau' | 'audit' | 'postgres' | 'kafka' | 'load generator';

export interface CpuSample {
  at: number;
  ticks: Partial<Record<Part, number>>;
  machineBusy: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function processTicks(pid: number): number {
  try {
    // Fields after the command (which may hold spaces) start after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime
  } catch {
    return 0; // exited meanwhile
  }
}

function partOf(pid: number, services: Map<number, Part>): Part | undefined {
  const known = services.get(pid);
  if (known) return known;
  try {
    if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') return 'postgres';
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('kafka.Kafka')) return 'kafka';
  } catch {
    return undefined;
  }
  return undefined;
}

function machineBusyTicks(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = cpu;
  return user + nice + system + irq + softirq + steal;
}

/** `services`: the pids of the services under test (and the load generator: this process). */
export function sampleCpu(services: Map<number, Part>): CpuSample {
  const ticks: Partial<Record<Part, number>> = {};
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const part = partOf(pid, services);
    if (part) ticks[part] = (ticks[part] ?? 0) + processTicks(pid);
  }
  return { at: Date.now(), ticks, machineBusy: machineBusyTicks() };
}

export interface CpuPerCommand {
  /** ms of CPU per answered command, per part. */
  perCommand: Partial<Record<Part, number>>;
  /** Every part together (what the machine spent per command on the pipeline). */
  total: number;
  /** How busy the machine was over the run, in cores (of `cores`). */
  machineCores: number;
}

/** Per-command CPU between two samples; processes that started or stopped in between count only their share seen. */
export function cpuPerCommand(before: CpuSample, after: CpuSample, commands: number): CpuPerCommand {
  const perCommand: Partial<Record<Part, number>> = {};
  let total = 0;
  for (const part of Object.keys(after.ticks) as Part[]) {
    const ms = (Math.max(0, (after.ticks[part] ?? 0) - (before.ticks[part] ?? 0)) * 1000) / TICKS_PER_SECOND / Math.max(1, commands);
    perCommand[part] = ms;
    total += ms;
  }
  const seconds = (after.at - before.at) / 1000;
  return { perCommand, total, machineCores: (after.machineBusy - before.machineBusy) / TICKS_PER_SECOND / seconds };
}
