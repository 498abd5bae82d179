import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '@houqin/testing';
import { Figure, round, show } from './stats';

const BEGIN = '<!-- bench:begin (written by npm run bench) -->';
const END = '<!-- bench:end -->';

/* eslint-disable @typescript-eslint/no-explicit-any -- the results object is plain JSON */
export function writeReport(results: any): void {
  const table = render(results);
  console.log(`\n${table}`);
  const mdPath = path.join(ROOT, 'docs/benchmarks.md');
  const doc = existsSync(mdPath) ? readFileSync(mdPath, 'utf8') : `# Benchmarks\n\n${BEGIN}\n${END}\n`;
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  const next = start >= 0 && end > start ? `${doc.slice(0, start + BEGIN.length)}\n${table}\n${doc.slice(end)}` : `${doc}\n${BEGIN}\n${table}\n${END}\n`;
  writeFileSync(mdPath, next);
  writeFileSync(path.join(ROOT, 'docs/benchmarks.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('written: docs/benchmarks.md, docs/benchmarks.json');
}

const ms = (f: Figure) => `${show(f)} ms`;
const PARTS = ['facilities', 'postgres', 'kafka', 'bureau', 'audit', 'load generator'];

/** Where the CPU goes: every part of the pipeline shares the machine's cores with the others. */
function renderCpu(r: any): string[] {
  const lines = ['### Where the CPU goes (ms of CPU per answered command)', ''];
  lines.push(`| run | ${PARTS.join(' | ')} | all parts | machine busy (cores of ${r.machine.cpus}) | ceiling at this cost |`);
  lines.push(`|---|${PARTS.map(() => '---:').join('|')}|---:|---:|---:|`);
  for (const c of r.commands) {
    for (const [label, cpu] of [[`c=${c.concurrency}, whole pipeline`, c.cpu], [`c=${c.concurrency}, relay paused`, c.relayPaused?.cpu]] as const) {
      if (!cpu) continue;
      const cells = PARTS.map((p) => (cpu.perCommand[p] === undefined ? '–' : cpu.perCommand[p].toFixed(2)));
      lines.push(`| ${label} | ${cells.join(' | ')} | ${cpu.total.toFixed(2)} | ${cpu.machineCores.toFixed(2)} | ${Math.round((r.machine.cpus * 1000) / cpu.total)}/s |`);
    }
  }
  lines.push('', `Ceiling: the commands per second the machine's ${r.machine.cpus} cores could answer if they did nothing else and every part cost what it cost in this run (${r.machine.cpus} × 1000 ms ÷ all parts). The load generator (autocannon, in the bench process) shares the cores too.`);
  return lines;
}
const pass = (ok: boolean) => (ok ? 'met' : '**missed**');

function render(r: any): string {
  const lines: string[] = [];
  lines.push(`Run of ${r.date} on ${r.machine.cpus} cores (${r.machine.cpuModel}), ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ${r.machine.postgres}, ${r.machine.kafka}.`);
  lines.push(`Each figure: median of ${r.settings.runs} runs, (min–max) across runs. Load runs: ${r.settings.seconds} s each.`, '');
  lines.push('### Commands vs raw inserts', '');
  lines.push('| concurrency | raw INSERT…COMMIT/s | p50 / p99 | command/s (HTTP) | p50 / p99 | ratio | target ≥ 0.4 | autocommit INSERT/s | ratio to it | command/s, relay paused | ratio |');
  lines.push('|---:|---:|---|---:|---|---:|---|---:|---:|---:|---:|');
  for (const c of r.commands) {
    const paused = c.relayPaused ? `${show(c.relayPaused.throughput, 0)} | ${c.relayPaused.ratio.toFixed(2)}` : '– | –';
    lines.push(
      `| ${c.concurrency} | ${show(c.raw.throughput, 0)} | ${round(c.raw.p50.median, 2)} / ${round(c.raw.p99.median, 2)} ms | ${show(c.command.throughput, 0)} | ${round(c.command.p50.median, 1)} / ${round(c.command.p99.median, 1)} ms | ${c.ratio.toFixed(2)} | ${pass(c.ratio >= 0.4)} | ${show(c.autocommit.throughput, 0)} | ${c.ratioToAutocommit.toFixed(2)} | ${paused} |`,
    );
  }
  lines.push('', 'Relay paused: the same command with OUTBOX_RELAY=off, i.e. without the relay, broker and bureau sharing the 2 cores (for the analysis; the target is taken with the whole pipeline running).');
  if (r.commands.some((c: any) => c.asset)) {
    lines.push('', '### A second aggregate: registering a ledger asset (校产台账)', '');
    lines.push('| concurrency | register asset/s (HTTP, whole pipeline) | p50 / p99 | ratio to raw | report work order/s | not 2xx |');
    lines.push('|---:|---:|---|---:|---:|---:|');
    for (const c of r.commands.filter((x: any) => x.asset)) {
      lines.push(`| ${c.concurrency} | ${show(c.asset.throughput, 0)} | ${round(c.asset.p50.median, 1)} / ${round(c.asset.p99.median, 1)} ms | ${c.asset.ratio.toFixed(2)} | ${show(c.command.throughput, 0)} | ${c.asset.non2xx} |`);
    }
  }
  if (r.commands.some((c: any) => c.cpu)) lines.push('', ...renderCpu(r));
  lines.push('', '### Freshness school → bureau', '');
  lines.push('| target rate | achieved | p50 | p99 | max | target p99 |');
  lines.push('|---:|---:|---|---|---|---|');
  for (const f of r.freshness) {
    const target = f.rate >= 500 ? 250 : 1000;
    lines.push(`| ${f.rate}/s for ${f.seconds} s | ${show(f.achievedRate, 0)}/s | ${ms(f.p50)} | ${ms(f.p99)} | ${ms(f.max)} | < ${target} ms: ${pass(f.p99.median < target)} |`);
  }
  lines.push('', '### Replay vs raw consume', '');
  lines.push('| events in the topic | plain kafkajs consumer | audit rebuild of the bureau figures | ratio | target ≥ 0.5 |');
  lines.push('|---:|---:|---:|---:|---|');
  lines.push(`| ${r.replay.events} | ${show(r.replay.raw, 0)} events/s | ${show(r.replay.audit, 0)} events/s | ${r.replay.ratio.toFixed(2)} | ${pass(r.replay.ratio >= 0.5)} |`);
  if (r.catchUp) {
    lines.push('', '### Read models working off unseen history', '');
    lines.push('| events behind | seconds | events/s (all of facilities\' read models and schedulers\' views) |');
    lines.push('|---:|---:|---:|');
    lines.push(`| ${r.catchUp.events} | ${r.catchUp.seconds.toFixed(1)} | ${r.catchUp.perSecond.toFixed(0)} |`);
    lines.push('', 'The history the cost-growth section adds, inserted while facilities was stopped: what a read model rebuilt (new version) or added on a large store pays.');
  }
  const g = r.costGrowth;
  lines.push('', '### Cost growth with 10× history', '');
  lines.push('| events stored | command p50 / p99 (c=4) | command/s | dashboard query p50 / p99 |');
  lines.push('|---:|---|---:|---|');
  for (const p of [g.before, g.after]) {
    lines.push(`| ${p.events} | ${round(p.commandP50.median, 1)} / ${round(p.commandP99.median, 1)} ms | ${show(p.throughput, 0)} | ${round(p.dashboardP50.median, 2)} / ${round(p.dashboardP99.median, 2)} ms |`);
  }
  lines.push('', `Command p50 after/before: ${g.commandP50Ratio.toFixed(2)}; dashboard p50 after/before: ${g.dashboardP50Ratio.toFixed(2)} (flat ≈ 1).`);
  if (g.before.plans && g.after.plans) {
    lines.push('', `Query plans (EXPLAIN ANALYZE, BUFFERS) with ${g.before.events} and with ${g.after.events} events stored:`, '');
    lines.push('| query | plan with 10× history | pages before → after | ms before → after | scans history |');
    lines.push('|---|---|---|---|---|');
    g.after.plans.forEach((after: any, i: number) => {
      const before = g.before.plans[i];
      lines.push(`| ${after.query} | ${after.nodes.join(' → ')} | ${before.buffers} → ${after.buffers} | ${round(before.executionMs, 3)} → ${round(after.executionMs, 3)} | ${after.scansHistory || before.scansHistory ? '**yes**' : 'no'} |`);
    });
  }
  return lines.join('\n');
}
