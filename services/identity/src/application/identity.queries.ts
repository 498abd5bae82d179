import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CommandExecutor, pgPoolOf, SqlPool, streamIdOf } from '@houqin/event-store';
import { accountDecider, accountNotFound, ExistingAccount } from '../domain/account';
import { RegisteredSchool, schoolDecider, schoolNotFound } from '../domain/school';

export interface AccountListQuery {
  /** Undefined: every school (and the district's accounts). */
  schoolId?: string;
  role?: string;
  status?: string;
  /** Prefix of the username or part of the display name. */
  q?: string;
  /** Keyset: usernames after this one. */
  after?: string;
  limit: number;
}

/** Reads: lists from the read models, one record from its stream (always current). */
@Injectable()
export class IdentityQueries {
  private readonly pool: SqlPool;

  constructor(
    private readonly executor: CommandExecutor,
    dataSource: DataSource,
  ) {
    this.pool = pgPoolOf(dataSource);
  }

  async schools(schoolId?: string): Promise<RegisteredSchool[]> {
    const { rows } = await this.pool.query<{ doc: RegisteredSchool }>(
      `SELECT doc FROM school_list ${schoolId === undefined ? '' : 'WHERE school_id = $1'} ORDER BY school_id LIMIT 1000`,
      schoolId === undefined ? [] : [schoolId],
    );
    return rows.map((r) => r.doc);
  }

  async school(schoolId: string, canRead: (schoolId: string) => boolean): Promise<{ school: RegisteredSchool; version: number }> {
    const loaded = await this.executor.load(schoolDecider, streamIdOf(schoolDecider, schoolId));
    if (loaded.state.status === 'none' || !canRead(loaded.state.schoolId)) throw schoolNotFound();
    return { school: loaded.state, version: loaded.version };
  }

  async schoolExists(schoolId: string): Promise<boolean> {
    const loaded = await this.executor.load(schoolDecider, streamIdOf(schoolDecider, schoolId));
    return loaded.state.status !== 'none';
  }

  async accounts(query: AccountListQuery): Promise<{ items: ExistingAccount[]; nextCursor?: string }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    for (const [column, value] of [['school_id', query.schoolId], ['role', query.role], ['status', query.status]] as const) {
      if (value !== undefined) where.push(`${column} = ${param(value)}`);
    }
    if (query.q) {
      const like = query.q.replace(/[\\%_]/g, (c) => `\\${c}`);
      where.push(`(username LIKE ${param(`${like.toLowerCase()}%`)} OR display_name LIKE ${param(`%${like}%`)})`);
    }
    if (query.after) where.push(`username > ${param(query.after)}`);
    const { rows } = await this.pool.query<{ doc: ExistingAccount; username: string }>(
      `SELECT doc, username FROM account_list ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY username LIMIT ${param(query.limit + 1)}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    return { items: page.map((r) => r.doc), ...(rows.length > query.limit ? { nextCursor: page[page.length - 1].username } : {}) };
  }

  async account(accountId: string, canRead: (account: ExistingAccount) => boolean): Promise<{ account: ExistingAccount; version: number }> {
    const loaded = await this.executor.load(accountDecider, streamIdOf(accountDecider, accountId));
    if (loaded.state.status === 'none' || !canRead(loaded.state)) throw accountNotFound();
    return { account: loaded.state, version: loaded.version };
  }

  /** Of these phones, the ones an account already has (the list's view: a race of two creates can pass it). */
  async phonesTaken(phones: string[]): Promise<Set<string>> {
    if (phones.length === 0) return new Set();
    const { rows } = await this.pool.query<{ phone: string }>(`SELECT phone FROM account_list WHERE phone = ANY($1::text[])`, [phones]);
    return new Set(rows.map((r) => r.phone));
  }

  /** Of these account ids, the ones whose stream exists (usernames taken). */
  async accountsExisting(accountIds: string[]): Promise<Set<string>> {
    if (accountIds.length === 0) return new Set();
    const { rows } = await this.pool.query<{ stream_id: string }>(`SELECT stream_id FROM streams WHERE stream_id = ANY($1::text[])`, [accountIds.map((id) => streamIdOf(accountDecider, id))]);
    return new Set(rows.map((r) => r.stream_id.slice(accountDecider.streamType.length + 1)));
  }
}
