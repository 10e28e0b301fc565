/** Child processes for benchmarks: start a role, read its CPU time and peak memory from /proc. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS = 100; // USER_HZ on Linux

export interface RoleProcess {
  name: string;
  child: ChildProcess;
  /** Resolves when the process logged that it started. */
  ready: Promise<void>;
  logs: string[];
}

export function startRole(name: string, script: string, env: Record<string, string>): RoleProcess {
  // WIRE_BENCH_CPU_PROF=<dir>: write a V8 CPU profile of each role into <dir> (open it in Chrome DevTools).
  const prof = process.env.WIRE_BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.WIRE_BENCH_CPU_PROF}`]
    : [];
  const child = spawn(process.execPath, [...prof, script], {
    env: { ...process.env, LOG_LEVEL: 'info', WIRE_LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      const text = d.toString();
      if (logs.length < 2000) logs.push(text);
      if (text.includes('media wire started')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code} before starting:\n${logs.join('')}`)));
  });
  return { name, child, ready, logs };
}

/** User + system CPU seconds used so far by a live process (all its threads). */
export function cpuSeconds(pid: number): number {
  return statCpu(`/proc/${pid}/stat`);
}

/** The same for the process's main thread alone (its event loop), without extraction threads or GC helpers. */
export function mainThreadCpuSeconds(pid: number): number {
  return statCpu(`/proc/${pid}/task/${pid}/stat`);
}

function statCpu(path: string): number {
  const stat = readFileSync(path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** Peak resident set size (VmHWM) of a live process, in MiB. */
export function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export async function stop(p: RoleProcess): Promise<void> {
  if (p.child.exitCode !== null) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (p.child.exitCode === null) p.child.kill('SIGKILL');
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Redis INFO fields as numbers. */
export function infoField(info: string, field: string): number {
  const m = new RegExp(`^${field}:([\\d.]+)`, 'm').exec(info);
  return m ? Number(m[1]) : NaN;
}
